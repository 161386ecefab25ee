import {formatAge, formatBytes, formatCount, formatMs} from '../../format.js';
import {clip, seg, type Line} from '../../lines.js';
import type {ListState} from '../../list-state.js';
import type {Snapshot, TableStorage} from '../../../model/snapshot.js';
import {errorLine, tableLines, titleLine, type Column, type ViewSize} from '../../table.js';
import {color} from '../../theme.js';

const columns = (now: number): Array<Column<TableStorage>> => {
	const ago = (time: string | null) => (time === null ? 'never' : formatAge(now - Date.parse(time)));
	return [
		{title: 'TABLE', width: 'flex', minWidth: 22, value: row => row.table_name},
		{title: 'TOTAL', width: 7, align: 'right', value: row => formatBytes(row.total_bytes)},
		{title: 'HEAP', width: 7, align: 'right', optional: true, value: row => formatBytes(row.heap_bytes)},
		{title: 'INDEX', width: 7, align: 'right', optional: true, value: row => formatBytes(row.index_bytes)},
		{title: 'TOAST', width: 7, align: 'right', optional: true, value: row => formatBytes(row.toast_bytes)},
		{title: '~ROWS', width: 7, align: 'right', value: row => formatCount(row.estimated_rows)},
		{title: 'GROWTH/m', width: 8, align: 'right', value: row => (row.growth_bytes_per_minute === null ? '-' : formatBytes(row.growth_bytes_per_minute)), color: row => ((row.growth_bytes_per_minute ?? 0) > 0 ? color('yellow') : undefined)},
		{title: 'DEAD', width: 6, align: 'right', optional: true, value: row => formatCount(row.dead_tuples)},
		{title: 'VACUUM', width: 6, align: 'right', optional: true, value: row => ago(row.last_vacuum)},
		{title: 'ANALYZE', width: 7, align: 'right', optional: true, value: row => ago(row.last_analyze)},
	];
};

/** The storage view: tables by total size, with growth while watching. */
export function storageView(snapshot: Snapshot, state: {list: ListState}, size: ViewSize): Line[] {
	const panel = snapshot.storage;
	if (panel.error !== null || panel.data === null) {
		return clip([titleLine('Storage'), errorLine(panel.error ?? 'no data')], size.height);
	}

	const rows = [...panel.data.tables].sort((a, b) => b.total_bytes - a.total_bytes || a.table_name.localeCompare(b.table_name));
	const span = panel.data.growth_span_seconds;
	const growth = span === null ? 'growth/m from the next refresh' : `growth/m over the last ${formatMs(span * 1000)}`;
	// Sizes come from the catalog: under --org they are still the whole database's, and the title says so first.
	const scope = snapshot.org === null ? '' : `database-wide, not scoped to ${snapshot.org.slug} · `;
	const summary = `${formatBytes(panel.data.total_bytes)} in ${rows.length} tables · ~rows estimated · ${growth}`;
	const head = titleLine('Storage', scope + summary);
	if (rows.length === 0) {
		return clip([head, [seg('no tables', {dim: true})]], size.height);
	}

	return clip([head, ...tableLines(columns(Date.parse(snapshot.generated_at)), rows, {width: size.width, height: size.height - 1, list: state.list, page: size.page})], size.height);
}
