import type pg from 'pg';
import {loadSql} from './sql.js';
import {streamBatches} from './stream.js';

/**
Up to `count` rows of a query, read through a cursor in a short read-only
transaction that is over before this returns: the client goes back to the pool
holding no snapshot and no lock, so a list left open on screen never blocks a
migration, VACUUM or a standby's replay. The session's statement timeout
bounds the read. The next page is a new query that starts after this one's
last row (keyset), not a cursor kept open.
*/
export async function readPage<Row>(pool: pg.Pool, sql: string, parameters: unknown[], count: number): Promise<Row[]> {
	const client = await pool.connect();
	let broken = false;
	try {
		await client.query(loadSql('read/begin_page'));
		const page: Row[] = [];
		const batches = streamBatches<Row>(client, sql, parameters, {batchSize: count});
		for await (const batch of batches) {
			page.push(...batch.slice(0, count - page.length));
			if (page.length >= count) {
				break;
			}
		}

		await client.query('COMMIT');
		return page;
	} catch (error) {
		broken = true;
		throw error;
	} finally {
		client.release(broken);
	}
}
