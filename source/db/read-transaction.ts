import {performance} from 'node:perf_hooks';
import type pg from 'pg';
import {loadSql} from './sql.js';

/** One panel's data, or the error that stopped it, and how long its queries took. */
export type PanelResult<T> = {data: T | null; error: string | null; query_ms: number};

/** Runs one panel's reads under a savepoint of a shared read-only transaction. */
export type PanelRunner = <T>(read: (client: pg.PoolClient) => Promise<T>) => Promise<PanelResult<T>>;

/**
Run `body` in read-only, repeatable-read transactions that all see the same
moment. Panels run on up to two connections ("lanes") at once, the second
importing the first one's snapshot, so one slow panel does not hold up the
rest; with one connection to spare or a server that cannot export snapshots,
they take turns on one. Each panel gets its own savepoint: a panel whose query
fails or times out carries the error and the others still run. A lost
connection fails the whole read (the caller reconnects) and its clients are
discarded.
*/
export async function readPanels<T>(pool: pg.Pool, body: (panel: PanelRunner) => Promise<T>): Promise<T> {
	const lanes = await openLanes(pool);
	const idle = [...lanes];
	const waiting: Array<(lane: pg.PoolClient) => void> = [];
	const take = async () => idle.pop() ?? new Promise<pg.PoolClient>(resolve => {
		waiting.push(resolve);
	});
	const give = (lane: pg.PoolClient) => {
		const next = waiting.shift();
		if (next === undefined) {
			idle.push(lane);
		} else {
			next(lane);
		}
	};

	const panel: PanelRunner = async read => {
		const lane = await take();
		try {
			return await readPanel(lane, read);
		} finally {
			give(lane);
		}
	};

	// Lanes not to go back to the pool: all of them when the read fails.
	const broken = new Set<pg.PoolClient>();
	try {
		const result = await body(panel);
		// The data is read: a lane that cannot commit (closed by the server's
		// idle-in-transaction timeout while the other finished) is only discarded.
		for (const lane of lanes) {
			await lane.query('COMMIT').catch(() => broken.add(lane));
		}

		return result;
	} catch (error) {
		for (const lane of lanes) {
			broken.add(lane);
		}

		throw error;
	} finally {
		for (const lane of lanes) {
			lane.release(broken.has(lane));
		}
	}
}

async function readPanel<T>(client: pg.PoolClient, read: (client: pg.PoolClient) => Promise<T>): Promise<PanelResult<T>> {
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
}

/** One lane always; a second one reading the first one's snapshot when the pool and the server allow. */
async function openLanes(pool: pg.Pool): Promise<pg.PoolClient[]> {
	const first = await pool.connect();
	try {
		await first.query(loadSql('read/begin'));
	} catch (error) {
		first.release(true);
		throw error;
	}

	// Never wait for a connection another part of the app holds (a cursor).
	if (pool.idleCount === 0 && pool.totalCount >= (pool.options.max ?? 10)) {
		return [first];
	}

	let snapshot: string;
	try {
		snapshot = (await first.query<{snapshot: string}>(loadSql('read/export_snapshot'))).rows[0]?.snapshot ?? '';
	} catch {
		// A failed export aborts the transaction: begin again, on one lane.
		try {
			await first.query('ROLLBACK');
			await first.query(loadSql('read/begin'));
		} catch (error) {
			first.release(true);
			throw error;
		}

		return [first];
	}

	let second: pg.PoolClient | undefined;
	try {
		second = await connectAtOnce(pool);
		if (second === undefined) {
			return [first];
		}

		await second.query(loadSql('read/begin'));
		await second.query(importStatement(second, snapshot));
		return [first, second];
	} catch {
		second?.release(true);
		return [first];
	}
}

/**
A connection if the pool has one to give now; undefined if it would have to
wait (a cursor took the last one since the check above): the read then goes
on one lane, and the connection, when it comes, goes straight back.
*/
async function connectAtOnce(pool: pg.Pool): Promise<pg.PoolClient | undefined> {
	const pending = pool.connect();
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<undefined>(resolve => {
		timer = setTimeout(resolve, lateMs, undefined);
	});
	const client = await Promise.race([pending, late]);
	clearTimeout(timer);
	if (client === undefined) {
		pending.then(arrived => {
			arrived.release();
		}, () => undefined);
	}

	return client;
}

/** Long enough for a new connection on a healthy network, short next to a refresh. */
const lateMs = 250;

function importStatement(client: pg.PoolClient, snapshot: string): string {
	if (!/^[\dA-F-]+$/i.test(snapshot)) {
		throw new Error(`unexpected snapshot id from the server: ${snapshot}`);
	}

	return loadSql('read/import_snapshot').replace(':snapshot', client.escapeLiteral(snapshot));
}

/** Milliseconds since `started`, to a tenth. */
export function elapsedSince(started: number): number {
	return Math.round((performance.now() - started) * 10) / 10;
}
