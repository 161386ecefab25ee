import {randomBytes} from 'node:crypto';
import pg from 'pg';

/** The server the tests run against: DATABASE_URL, set by test/run-tests.ts when nothing else is. */
export function serverUrl(): string {
	const url = process.env['DATABASE_URL'];
	if (url === undefined || url === '') {
		throw new Error('DATABASE_URL is not set: run the tests with `npm test`, which starts a server when none is configured');
	}

	return url;
}

/** The URL of another database on the same server. */
export function urlFor(database: string, base = serverUrl()): string {
	const url = new URL(base);
	url.pathname = `/${database}`;
	return url.toString();
}

/** A database of its own for one test, dropped when `drop` is called. */
export type TestDatabase = {name: string; url: string; drop(): Promise<void>};

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({connectionString: serverUrl()});
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}

/**
A fresh database. With `migrated`, it is a copy of the template that
test/run-tests.ts prepared with the whole schema applied (fast); else empty.
*/
export async function createTestDatabase(options: {migrated?: boolean} = {}): Promise<TestDatabase> {
	const name = `wfmon_test_${randomBytes(6).toString('hex')}`;
	const template = options.migrated ? process.env['WFMON_TEST_TEMPLATE'] : undefined;
	await withAdmin(async client => {
		const from = template === undefined ? 'template0' : client.escapeIdentifier(template);
		await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${from}`);
	});
	const url = urlFor(name);
	if (options.migrated && template === undefined) {
		const {applySchema} = await import('../../source/schema/schema.js');
		await withClient(url, async client => applySchema(client));
	}

	return {
		name,
		url,
		drop: async () => withAdmin(async client => {
			await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
		}),
	};
}

/** Run something with one connected client, always closed after. */
export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({connectionString: url});
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}
