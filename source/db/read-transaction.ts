import {performance} from 'node:perf_hooks';
import type pg from 'pg';

/** One panel's data, or the error that stopped it, and how long its queries took. */
export type PanelResult<T> = {data: T | null; error: string | null; query_ms: number};

/** Runs one panel's reads under a savepoint of the shared read-only transaction. */
export type PanelRunner = <T>(read: (client: pg.PoolClient) => Promise<T>) => Promise<PanelResult<T>>;

/**
Run `body` in one read-only, repeatable-read transaction, so every panel sees
the same moment. Each panel gets its own savepoint: a panel whose query fails
or times out carries the error and the others still run. A lost connection
fails the whole read (the caller reconnects), and that client is discarded.
*/
export async function readPanels<T>(pool: pg.Pool, body: (panel: PanelRunner) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	let broken = false;
	try {
		await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
		const panel: PanelRunner = async read => {
			const started = performance.now();
			await client.query('SAVEPOINT panel');
			try {
				const data = await read(client);
				await client.query('RELEASE SAVEPOINT panel');
				return {data, error: null, query_ms: elapsedSince(started)};
			} catch (error) {
				await client.query('ROLLBACK TO SAVEPOINT panel');
				return {data: null, error: error instanceof Error ? error.message : String(error), query_ms: elapsedSince(started)};
			}
		};

		const result = await body(panel);
		await client.query('COMMIT');
		return result;
	} catch (error) {
		broken = true;
		throw error;
	} finally {
		client.release(broken);
	}
}

/** Milliseconds since `started`, to a tenth. */
export function elapsedSince(started: number): number {
	return Math.round((performance.now() - started) * 10) / 10;
}
