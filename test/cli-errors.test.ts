import fs from 'node:fs/promises';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {startEmbedded, temporaryDataDir} from '../source/embedded/embedded.js';
import {environmentWithoutDatabase, runWfmon, type BinaryResult} from './helpers/binary.js';
import {createTestDatabase, serverUrl, urlFor, withClient} from './helpers/database.js';
import {checksPasswords, createTestRole, urlAs} from './helpers/roles.js';

/** Exactly one line on stderr, starting with "wfmon:", nothing on stdout, exit code 2, no stack. */
function assertOneLine(t: ExecutionContext, result: BinaryResult, expected: RegExp): void {
	t.is(result.stdout, '');
	t.is(result.exitCode, 2, result.stderr);
	const lines = result.stderr.split('\n');
	t.is(lines.length, 2, result.stderr);
	t.is(lines[1], '');
	t.regex(lines[0] ?? '', /^wfmon: /);
	t.regex(lines[0] ?? '', expected);
	t.false(result.stderr.includes('    at '));
}

test('a malformed URL is one line', async t => {
	const result = await runWfmon(['schema', 'status', '--database-url', 'nonsense']);
	assertOneLine(t, result, /^wfmon: --database-url is not a valid URL; expected postgres:\/\/user@host:5432\/database$/);
});

test('a URL that is not postgres:// is one line', async t => {
	const result = await runWfmon(['schema', 'status', '--database-url', 'mysql://root:pw@localhost/db']);
	assertOneLine(t, result, /must start with postgres:\/\/ or postgresql:\/\//);
	t.false(result.stderr.includes(':pw@'));
});

test('a malformed DATABASE_URL is one line', async t => {
	const result = await runWfmon(['schema', 'status'], {env: environmentWithoutDatabase({DATABASE_URL: 'nonsense'})});
	assertOneLine(t, result, /^wfmon: DATABASE_URL is not a valid URL/);
});

test('an unknown host is one line', async t => {
	const result = await runWfmon(['schema', 'status', '--database-url', 'postgres://postgres:s3cret-host@no-such-host.invalid:5432/postgres']);
	assertOneLine(t, result, /unknown host "no-such-host\.invalid"/);
	t.false(result.stderr.includes('s3cret-host'));
});

test('a refused port is one line', async t => {
	const result = await runWfmon(['schema', 'status', '--database-url', 'postgres://postgres:s3cret-port@127.0.0.1:1/postgres']);
	assertOneLine(t, result, /^wfmon: cannot connect to 127\.0\.0\.1:1: connection refused/);
	t.false(result.stderr.includes('s3cret-port'));
});

test('a wrong password is one line and never echoed', async t => {
	let adminUrl = serverUrl();
	if (!(await checksPasswords(adminUrl))) {
		// This server lets anyone in (trust): a wrong password needs one that checks.
		const dataDir = temporaryDataDir('cli-password');
		t.teardown(async () => fs.rm(dataDir, {recursive: true, force: true}));
		const server = await startEmbedded(dataDir);
		t.teardown(async () => server.stop());
		adminUrl = server.url;
	}

	const role = await createTestRole(adminUrl, 'the-real-password');
	t.teardown(role.drop);
	const url = urlAs(adminUrl, role.name, 'hunter2-secret');
	const result = await runWfmon(['schema', 'status', '--database-url', url]);
	assertOneLine(t, result, new RegExp(`^wfmon: password authentication failed for user "${role.name}" at 127\\.0\\.0\\.1:\\d+; check the password$`));
	t.false(result.stdout.includes('hunter2'));
	t.false(result.stderr.includes('hunter2'));

	const fromEnvironment = await runWfmon(['schema', 'status'], {env: environmentWithoutDatabase({DATABASE_URL: url})});
	assertOneLine(t, fromEnvironment, /password authentication failed/);
	t.false(fromEnvironment.stderr.includes('hunter2'));
});

test('sslmode follows libpq and a server without SSL is one line, no driver warning', async t => {
	const url = new URL(serverUrl());
	url.searchParams.set('sslmode', 'require');
	const ssl = await withClient(serverUrl(), async client => (await client.query<{ssl: string}>('SHOW ssl')).rows[0]?.ssl);
	const result = await runWfmon(['schema', 'status', '--database-url', url.toString()]);
	t.false(result.stderr.includes('SECURITY WARNING'));
	if (ssl === 'on') {
		t.not(result.exitCode, 2, result.stderr);
	} else {
		assertOneLine(t, result, /does not accept SSL connections; use sslmode=prefer or disable to connect without encryption$/);
	}

	if (url.password !== '') {
		t.false(result.stderr.includes(url.password));
	}
});

test('a database that does not exist is one line', async t => {
	const url = urlFor('wfmon_no_such_database');
	const result = await runWfmon(['schema', 'status', '--database-url', url]);
	assertOneLine(t, result, /^wfmon: database "wfmon_no_such_database" does not exist on 127\.0\.0\.1:\d+; create it or pick another$/);
	const password = new URL(url).password;
	if (password !== '') {
		t.false(result.stderr.includes(password));
	}
});

test('an unknown command is one line', async t => {
	const result = await runWfmon(['frobnicate']);
	assertOneLine(t, result, /^wfmon: unknown command "frobnicate"; run wfmon --help for the list$/);
});

test('an unknown schema action is one line', async t => {
	const result = await runWfmon(['schema', 'migrate']);
	assertOneLine(t, result, /^wfmon: schema takes apply, status or verify, not "migrate"; run wfmon --help for the list$/);
});

test('an unknown flag is one line', async t => {
	const result = await runWfmon(['schema', 'status', '--bogus-flag']);
	assertOneLine(t, result, /^wfmon: .*--bogus-flag/);
});

test('a malformed --connect-timeout is one line', async t => {
	const result = await runWfmon(['schema', 'status', '--connect-timeout', 'soon', '--database-url', 'postgres://postgres@127.0.0.1:1/postgres']);
	assertOneLine(t, result, /^wfmon: --connect-timeout must be a duration like 500ms, 2s, 5m, 1h or 7d \(got "soon"\)$/);
});

test('schema apply with --no-apply refuses', async t => {
	const result = await runWfmon(['schema', 'apply', '--no-apply', '--database-url', 'postgres://postgres@127.0.0.1:1/postgres']);
	assertOneLine(t, result, /^wfmon: schema apply writes to the database; drop --no-apply to run it$/);
});

test('a data directory that cannot be written is one line', async t => {
	const parent = temporaryDataDir('cli-unwritable');
	t.teardown(async () => fs.rm(parent, {recursive: true, force: true}));
	await fs.mkdir(parent, {recursive: true});
	const file = path.join(parent, 'a-file');
	await fs.writeFile(file, '');
	const result = await runWfmon(['schema', 'status', '--data-dir', path.join(file, 'wfmon')]);
	assertOneLine(t, result, /^wfmon: data directory .* cannot be written \(ENOTDIR\); pass --data-dir with a writable folder or set DATABASE_URL$/);
});

test('schema status and verify exit 0 on a migrated database, verify 1 once a table is gone', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const status = await runWfmon(['schema', 'status', '--database-url', database.url]);
	t.is(status.exitCode, 0, status.stderr);
	t.is(status.stderr, '');
	t.regex(status.stdout, /^0001 {2}core +applied {2}\d{4}-\d\d-\d\dT/m);
	t.false(status.stdout.includes('pending'));

	const verify = await runWfmon(['schema', 'verify', '--database-url', database.url]);
	t.is(verify.exitCode, 0, verify.stderr);
	t.is(verify.stderr, '');
	t.true(verify.stdout.endsWith('schema complete\n'));

	await withClient(database.url, async client => client.query('DROP TABLE workflow_adaptations'));
	const broken = await runWfmon(['schema', 'verify', '--database-url', database.url]);
	t.is(broken.exitCode, 1, broken.stderr);
	t.is(broken.stderr, '');
	t.regex(broken.stdout, /^workflow_adaptations +MISSING$/m);
	t.true(broken.stdout.endsWith('schema incomplete\n'));

	const json = await runWfmon(['schema', 'verify', '--json', '--database-url', database.url]);
	t.is(json.exitCode, 1);
	const report = JSON.parse(json.stdout) as {complete: boolean; checks: Array<{table: string; state: string}>};
	t.false(report.complete);
	t.deepEqual(report.checks.filter(check => check.state !== 'ok'), [{table: 'workflow_adaptations', state: 'missing'}]);
});

test('timeouts longer than timers allow still work, with no warning', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const result = await runWfmon(['schema', 'status', '--connect-timeout', '30d', '--statement-timeout', '30d', '--database-url', database.url]);
	t.is(result.stderr, '');
	t.is(result.exitCode, 0);
});

test('schema apply by a role that may not create tables is one line', async t => {
	const database = await createTestDatabase();
	const role = await createTestRole(serverUrl());
	t.teardown(async () => {
		await database.drop();
		await role.drop();
	});
	await withClient(database.url, async client => client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC'));
	const result = await runWfmon(['schema', 'apply', '--database-url', urlAs(database.url, role.name, role.password)]);
	assertOneLine(t, result, new RegExp(`^wfmon: role "${role.name}" may not create wfmon's schema here; use a role that can, or pass --no-apply against a database that already has it$`));
	t.false(result.stderr.includes(role.password));
});

test('schema status on an empty database lists pending migrations and exits 1; apply then brings it up to date', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	const before = await runWfmon(['schema', 'status', '--database-url', database.url]);
	t.is(before.exitCode, 1, before.stderr);
	t.regex(before.stdout, /^0001 {2}core +pending$/m);
	const apply = await runWfmon(['schema', 'apply', '--database-url', database.url]);
	t.is(apply.exitCode, 0, apply.stderr);
	t.regex(apply.stdout, /^applied migrations 0001, /);
	const again = await runWfmon(['schema', 'apply', '--database-url', database.url]);
	t.is(again.stdout, 'schema is up to date\n');
	const after = await runWfmon(['schema', 'status', '--database-url', database.url]);
	t.is(after.exitCode, 0, after.stderr);
});
