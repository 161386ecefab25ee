import test from 'ava';
import {runCli} from './helpers/cli.js';
import {createTestDatabase, serverUrl, withClient} from './helpers/database.js';
import {createTestRole, urlAs} from './helpers/roles.js';

test('snapshot exits 2 when no panel could be read, and still prints the document with each panel\'s error', async t => {
	const database = await createTestDatabase({migrated: true});
	const role = await createTestRole(serverUrl());
	t.teardown(async () => {
		// The database holds the role's privileges: it goes first.
		await database.drop();
		await role.drop();
	});
	// No grant on any table, and the size functions closed to it too (in this database only).
	await withClient(database.url, async client => client.query('REVOKE EXECUTE ON FUNCTION pg_total_relation_size(regclass) FROM PUBLIC'));
	const result = await runCli(['snapshot', '--no-apply'], {databaseUrl: urlAs(database.url, role.name, role.password)});
	t.is(result.code, 2, result.stderr);
	t.regex(result.stderr, /^wfmon: no panel could be read \(permission denied for [^\n]*\)\n$/);
	const snapshot = JSON.parse(result.stdout) as {status: Record<string, {data: unknown; error: string | null}>; storage: {error: string | null}};
	for (const [name, panel] of Object.entries(snapshot.status)) {
		t.regex(panel.error ?? '', /permission denied/, name);
		t.is(panel.data, null, name);
	}

	t.regex(snapshot.storage.error ?? '', /permission denied/);
});

test('snapshot exits 0 when some panels fail and others have data', async t => {
	const database = await createTestDatabase({migrated: true});
	const role = await createTestRole(serverUrl());
	t.teardown(async () => {
		await database.drop();
		await role.drop();
	});
	// Sizes come from the catalog: the storage panel reads, the rest are denied.
	const result = await runCli(['snapshot', '--no-apply'], {databaseUrl: urlAs(database.url, role.name, role.password)});
	t.is(result.code, 0, result.stderr);
	t.is(result.stderr, '');
});

test('schema apply exits 1 when it could not apply pending migrations on a read-only database', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	await withClient(database.url, async client =>
		client.query(`ALTER DATABASE ${client.escapeIdentifier(database.name)} SET default_transaction_read_only = on`));
	const result = await runCli(['schema', 'apply'], {databaseUrl: database.url});
	t.is(result.code, 1, result.stderr);
	t.regex(result.stdout, /^database is read-only \(hot standby or read-only transactions\): skipped applying 0001, 0002/);
});
