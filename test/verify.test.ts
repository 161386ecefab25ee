import test from 'ava';
import {applySchema} from '../source/schema/schema.js';
import {listTables, loadManifest, readCatalog, verifySchema} from '../source/schema/verify.js';
import {createTestDatabase, withClient} from './helpers/database.js';

test('a migrated database verifies complete', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const report = await withClient(database.url, async client => verifySchema(client));
	t.true(report.complete);
	t.true(report.checks.every(check => check.state === 'ok'));
	const manifest = loadManifest();
	const columns = Object.values(manifest).reduce((sum, table) => sum + Object.keys(table).length, 0);
	t.is(report.checks.length, Object.keys(manifest).length + columns);
});

test('a dropped table is reported missing', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const report = await withClient(database.url, async client => {
		await client.query('DROP TABLE workflow_adaptations');
		return verifySchema(client);
	});
	t.false(report.complete);
	const wrong = report.checks.filter(check => check.state !== 'ok');
	t.deepEqual(wrong, [{table: 'workflow_adaptations', state: 'missing'}]);
});

test('a dropped column is reported missing with its expected type', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const report = await withClient(database.url, async client => {
		await client.query('ALTER TABLE workflow_runs DROP COLUMN trace_id CASCADE');
		return verifySchema(client);
	});
	t.false(report.complete);
	t.deepEqual(report.checks.filter(check => check.state !== 'ok'), [
		{table: 'workflow_runs', column: 'trace_id', state: 'missing', expected: 'text'},
	]);
});

test('a column of another type is reported with the expected and the actual type', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const report = await withClient(database.url, async client => {
		await client.query('ALTER TABLE workflow_runs ALTER COLUMN channel TYPE varchar(20)');
		return verifySchema(client);
	});
	t.false(report.complete);
	t.deepEqual(report.checks.filter(check => check.state !== 'ok'), [
		{table: 'workflow_runs', column: 'channel', state: 'wrong-type', expected: 'text', actual: 'character varying(20)'},
	]);
});

test('the manifest is exactly what the migrations create on an empty database', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	const catalog = await withClient(database.url, async client => {
		await applySchema(client);
		return readCatalog(client, await listTables(client));
	});
	const manifest = loadManifest();
	// Same tables, same columns in the same order, same types: run `npm run manifest` after adding a migration.
	t.deepEqual(Object.keys(catalog).sort(), Object.keys(manifest).sort());
	for (const [table, columns] of Object.entries(manifest)) {
		t.deepEqual(Object.entries(catalog[table] ?? {}), Object.entries(columns), table);
	}
});
