import pg from 'pg';
import type {ClientBase} from './connect.js';

// Single connections outside any pool, for the embedded server's own checks
// before a session exists (is it up, does wfmon's database exist).

/** Whether a server at `url` accepts a connection within 3 s. */
export async function canConnect(url: string): Promise<boolean> {
	const client = new pg.Client({connectionString: url, connectionTimeoutMillis: 3000});
	client.on('error', () => undefined);
	try {
		await client.connect();
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** One connection for `run`, ended after it. */
export async function withOneClient<T>(url: string, run: (client: ClientBase) => Promise<T>): Promise<T> {
	const client = new pg.Client({connectionString: url, application_name: 'wfmon'});
	client.on('error', () => undefined);
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}
