import {readFileSync} from 'node:fs';
import path from 'node:path';
import {packageRoot} from '../../source/paths.js';
import {createTestDatabase, withClient, type TestDatabase} from './database.js';

/** Ids the small fixture (test/fixtures/small.sql) uses. */
export const fixture = {
	orgA: 'aaaaaaaa-0000-4000-8000-000000000001',
	orgB: 'bbbbbbbb-0000-4000-8000-000000000002',
	ingest: 'aaaaaaaa-1111-4000-8000-000000000001',
	stuckRun: 'aaaaaaaa-2222-4000-8000-000000000004',
	runOfB: 'bbbbbbbb-2222-4000-8000-000000000001',
};

/** A migrated database holding test/fixtures/<name>.sql. */
export async function databaseWithFixture(name = 'small'): Promise<TestDatabase> {
	const database = await createTestDatabase({migrated: true});
	const sql = readFileSync(path.join(packageRoot, 'test', 'fixtures', `${name}.sql`), 'utf8');
	await withClient(database.url, async client => client.query(sql));
	return database;
}
