import type pg from 'pg';

/** No client of the pool is checked out: no statement runs and no transaction is open on it. */
export function poolIsIdle(pool: pg.Pool): boolean {
	return pool.totalCount === pool.idleCount && pool.waitingCount === 0;
}

/**
Resolve once the pool is idle (checked every 20 ms), or after `timeoutMs`
whatever it is doing. Something that stops the event loop (a pager run
synchronously) waits for this first, so it never holds a page read's
transaction open for as long as it runs.
*/
export async function untilPoolIdle(pool: pg.Pool, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!poolIsIdle(pool)) {
		if (Date.now() >= deadline) {
			return false;
		}

		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}

	return true;
}
