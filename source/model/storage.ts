import type {StorageRow} from '../db/queries.js';
import {iso} from './rates.js';
import type {Storage} from './snapshot.js';

/**
Storage per table. With an earlier sample and the time between the two,
each table gets its growth per minute, averaged over that span.
*/
export function toStorage(rows: StorageRow[], previous?: {storage: Storage; elapsedMs: number}): Storage {
	const before = new Map(previous?.storage.tables.map(table => [table.table_name, table.total_bytes]));
	const minutes = previous === undefined ? 0 : previous.elapsedMs / 60_000;
	const tables = rows.map(row => {
		const earlier = before.get(row.table_name);
		return {
			...row,
			last_vacuum: iso(row.last_vacuum),
			last_analyze: iso(row.last_analyze),
			growth_bytes_per_minute: earlier === undefined || minutes <= 0 ? null : Math.round((row.total_bytes - earlier) / minutes),
		};
	});
	return {
		scope: 'database',
		total_bytes: tables.reduce((sum, table) => sum + table.total_bytes, 0),
		growth_span_seconds: minutes > 0 ? Math.round(minutes * 60) : null,
		tables,
	};
}
