import {spawn} from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import test from 'ava';
import {packageRoot} from '../source/paths.js';
import {cliEnvironment, runCli} from './helpers/cli.js';
import {createTestDatabase, withClient} from './helpers/database.js';
import {databaseWithFixture} from './helpers/fixtures.js';

test('8 wfmon processes starting at once on an empty database apply each migration exactly once, and none fails', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	const results = await Promise.all(Array.from({length: 8}, async () => runCli(['snapshot'], {databaseUrl: database.url})));
	t.deepEqual(results.map(result => result.code), [0, 0, 0, 0, 0, 0, 0, 0], results.map(result => result.stderr).join(''));
	await withClient(database.url, async client => {
		const migrations = await client.query<{version: string; count: number}>('SELECT version, count(*)::int AS count FROM schema_migrations GROUP BY version ORDER BY version');
		t.true(migrations.rows.length >= 4);
		t.true(migrations.rows.every(row => row.count === 1));
		const applies = await client.query<{count: number}>('SELECT count(*)::int AS count FROM audit_log WHERE action = \'schema.apply\'');
		t.is(applies.rows[0]?.count, migrations.rows.length);
	});
});

test('a read-only database with the schema: the views work and nothing is written', async t => {
	const database = await databaseWithFixture();
	t.teardown(database.drop);
	await withClient(database.url, async client => client.query(`ALTER DATABASE ${client.escapeIdentifier(database.name)} SET default_transaction_read_only = on`));
	const result = await runCli(['snapshot'], {databaseUrl: database.url});
	t.is(result.code, 0, result.stderr);
	t.is(result.stderr, '');
	t.is((JSON.parse(result.stdout) as {status: {finished: {data: {total: number}}}}).status.finished.data.total, 170);
});

test('a read-only database without the schema: apply is skipped with a message, and the views say what is missing', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	await withClient(database.url, async client => client.query(`ALTER DATABASE ${client.escapeIdentifier(database.name)} SET default_transaction_read_only = on`));
	const result = await runCli(['snapshot'], {databaseUrl: database.url});
	t.is(result.code, 0);
	t.regex(result.stderr, /^wfmon: the database is read-only \(hot standby or read-only transactions\): skipped applying migrations 0001, 0002/);
	const snapshot = JSON.parse(result.stdout) as {status: {active: {error: string}}};
	t.regex(snapshot.status.active.error, /relation "workflow_runs" does not exist/);
	await withClient(database.url, async client => {
		const tables = await client.query('SELECT 1 FROM pg_tables WHERE schemaname = \'public\'');
		t.is(tables.rowCount, 0);
	});
});

test('a server that accepts connections but never answers does not hang wfmon', async t => {
	const silent = net.createServer(() => undefined);
	await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
	t.teardown(() => silent.close());
	const {port} = silent.address() as net.AddressInfo;
	const result = await runCli(['snapshot', '--connect-timeout', '1s'], {databaseUrl: `postgres://someone:pw-hidden@127.0.0.1:${port}/db`});
	t.is(result.code, 2);
	t.is(result.stderr, `wfmon: cannot connect to 127.0.0.1:${port}: no answer within the connect timeout; check the host or raise --connect-timeout\n`);
});

test('malformed --window, --interval, --since and --limit are one line each, exit 2', async t => {
	const cases: Array<[string[], RegExp]> = [
		[['snapshot', '--window', '3h'], /^wfmon: --window must be one of 5m, 1h, 24h, 7d \(got "3h"\)\n$/],
		[['snapshot', '--interval', 'often'], /^wfmon: --interval must be a duration like 500ms, 2s/],
		[['runs', '--since', 'yesterday'], /^wfmon: --since must be a duration/],
		[['runs', '--limit', '-1'], /^wfmon: --limit must be a whole number/],
		[['runs', '--status', 'exploded'], /^wfmon: --status must be one of queued, running/],
		[['check', '--max-stuck', 'many'], /^wfmon: --max-stuck must be a whole number/],
		[['check', '--max-queue-age', '5 minutes'], /^wfmon: --max-queue-age must be a duration/],
		[['check', '--min-population', '120%'], /^wfmon: --min-population must be a rate/],
	];
	for (const [args, expected] of cases) {
		const result = await runCli(args, {databaseUrl: 'postgres://postgres@127.0.0.1:1/none'});
		t.is(result.code, 2, args.join(' '));
		t.regex(result.stderr, expected);
		t.is(result.stdout, '');
	}
});

test('SIGINT during demo seeding leaves either no runs or all of them, and a consistent schema', async t => {
	const database = await createTestDatabase();
	t.teardown(database.drop);
	const child = spawn(process.execPath, [path.join(packageRoot, 'bin', 'wfmon.js'), 'demo', '--runs', '200000', '--rate', '0'], {
		env: cliEnvironment(database.url),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	// Interrupt once seeding has begun.
	await new Promise<void>(resolve => {
		child.stdout.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('seeding')) {
				setTimeout(resolve, 500);
			}
		});
	});
	child.kill('SIGINT');
	await new Promise(resolve => child.on('close', resolve));
	await withClient(database.url, async client => {
		const runs = await client.query<{count: number}>('SELECT count(*)::int AS count FROM workflow_runs');
		t.true([0, 200_000].includes(runs.rows[0]?.count ?? -1), `runs: ${runs.rows[0]?.count}`);
		const migrations = await client.query('SELECT version FROM schema_migrations');
		t.true((migrations.rowCount ?? 0) >= 4);
	});
	const verify = await runCli(['schema', 'verify'], {databaseUrl: database.url});
	t.is(verify.code, 0, verify.stdout);
});
