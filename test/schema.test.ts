import test from 'ava';
import pg from 'pg';
import {UserError} from '../source/errors.js';
import {loadMigrations} from '../source/schema/migrations.js';
import {applySchema, schemaStatus} from '../source/schema/schema.js';
import {createTestDatabase, withClient} from './helpers/database.js';

const versions = loadMigrations().map(migration => migration.version);

test('the schema applies on an empty database and a second apply changes nothing', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	await withClient(database.url, async client => {
		const first = await applySchema(client);
		t.deepEqual(first, {outcome: 'applied', versions});
		const tables = await client.query<{n: number}>('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()');
		const second = await applySchema(client);
		t.deepEqual(second, {outcome: 'up-to-date'});
		const after = await client.query<{n: number}>('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()');
		t.is(after.rows[0]?.n, tables.rows[0]?.n);
		const {rows} = await client.query<{version: string}>('SELECT version FROM schema_migrations ORDER BY version');
		t.deepEqual(rows.map(row => row.version), versions);
	});
});

test('four wfmon processes applying at once apply each migration exactly once', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	const clients = Array.from({length: 4}, () => new pg.Client({connectionString: database.url}));
	t.teardown(async () => {
		await Promise.all(clients.map(async client => client.end().catch(() => undefined)));
	});
	await Promise.all(clients.map(async client => client.connect()));
	const results = await Promise.all(clients.map(async client => applySchema(client)));
	t.is(results.filter(result => result.outcome === 'applied').length, 1);
	t.is(results.filter(result => result.outcome === 'up-to-date').length, 3);
	await withClient(database.url, async client => {
		const {rows} = await client.query<{version: string; copies: number}>(
			'SELECT version, count(*)::int AS copies FROM schema_migrations GROUP BY version ORDER BY version',
		);
		t.deepEqual(rows, versions.map(version => ({version, copies: 1})));
		const audit = await client.query<{n: number}>('SELECT count(*)::int AS n FROM audit_log WHERE action = \'schema.apply\'');
		t.is(audit.rows[0]?.n, versions.length);
	});
});

test('a migration whose applied checksum differs is refused with a clear message', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => {
		await client.query('UPDATE schema_migrations SET checksum = \'x\' WHERE version = $1', [versions[0]]);
		const error = await t.throwsAsync(applySchema(client), {instanceOf: UserError});
		t.is(error?.message, `applied migration ${versions[0]}_core differs from the file shipped with this wfmon (checksum mismatch); refusing to continue`);
		t.false(error?.message.includes('\n'));
		const statuses = await schemaStatus(client);
		t.is(statuses[0]?.state, 'changed');
		t.true(statuses.slice(1).every(status => status.state === 'applied'));
	});
});

test('schema status lists every migration as pending before an apply and applied after', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	await withClient(database.url, async client => {
		const before = await schemaStatus(client);
		t.deepEqual(before.map(status => [status.version, status.state]), versions.map(version => [version, 'pending']));
		t.true(before.every(status => status.appliedAt === undefined));
		await applySchema(client);
		const after = await schemaStatus(client);
		t.deepEqual(after.map(status => [status.version, status.state]), versions.map(version => [version, 'applied']));
		t.true(after.every(status => status.appliedAt instanceof Date));
	});
});

test('only the migrations that are missing are applied', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	const migrations = loadMigrations();
	await withClient(database.url, async client => {
		t.deepEqual(await applySchema(client, migrations.slice(0, 2)), {outcome: 'applied', versions: versions.slice(0, 2)});
		const statuses = await schemaStatus(client);
		t.deepEqual(statuses.map(status => status.state), versions.map((_, index) => index < 2 ? 'applied' : 'pending'));
		t.deepEqual(await applySchema(client), {outcome: 'applied', versions: versions.slice(2)});
	});
});

test('every applied migration is recorded in audit_log as schema.apply', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	await withClient(database.url, async client => {
		await applySchema(client);
		const {rows} = await client.query<{entity_type: string; entity_id: string; name: string; checksum: string}>(
			'SELECT entity_type, entity_id, details->>\'name\' AS name, details->>\'checksum\' AS checksum FROM audit_log WHERE action = \'schema.apply\' ORDER BY entity_id',
		);
		t.deepEqual(rows, loadMigrations().map(migration => ({
			entity_type: 'migration',
			entity_id: migration.version,
			name: migration.name,
			checksum: migration.checksum,
		})));
		await applySchema(client);
		const again = await client.query<{n: number}>('SELECT count(*)::int AS n FROM audit_log WHERE action = \'schema.apply\'');
		t.is(again.rows[0]?.n, versions.length);
	});
});

test('a read-only database is left alone', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	await withClient(database.url, async client => {
		await client.query('SET default_transaction_read_only = on');
		t.deepEqual(await applySchema(client), {outcome: 'skipped-read-only', pending: versions});
	});
});
