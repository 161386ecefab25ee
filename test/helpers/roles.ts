import {randomBytes} from 'node:crypto';
import pg from 'pg';
import {withClient as withAdmin} from './database.js';

/** A login role made for one test, with a password; `drop` removes it (drop its databases' grants first). */
export type TestRole = {name: string; password: string; drop(): Promise<void>};

/**
Create a non-superuser login role with a password on the server `adminUrl`
points at. Roles are cluster-wide, so each test makes its own random one.
*/
export async function createTestRole(adminUrl: string, password = randomBytes(9).toString('hex')): Promise<TestRole> {
	const name = `wfmon_role_${randomBytes(5).toString('hex')}`;
	await withAdmin(adminUrl, async client => {
		await client.query(`CREATE ROLE ${client.escapeIdentifier(name)} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`);
	});
	return {
		name,
		password,
		drop: async () => withAdmin(adminUrl, async client => {
			await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(name)}`);
		}),
	};
}

/** The same URL with another user and password. */
export function urlAs(url: string, user: string, password: string): string {
	const parsed = new URL(url);
	parsed.username = encodeURIComponent(user);
	parsed.password = encodeURIComponent(password);
	return parsed.toString();
}

/**
Whether the server checks passwords: a trust server (like a local one set up
for development) lets any password in, so a wrong-password test needs another.
*/
export async function checksPasswords(adminUrl: string): Promise<boolean> {
	const role = await createTestRole(adminUrl, 'the-right-one');
	try {
		const client = new pg.Client({connectionString: urlAs(adminUrl, role.name, 'a-wrong-one')});
		client.on('error', () => undefined);
		try {
			await client.connect();
			await client.end();
			return false;
		} catch {
			return true;
		}
	} finally {
		await role.drop();
	}
}
