import test, {type ExecutionContext} from 'ava';
import pg from 'pg';
import {runCli, type CliResult} from './helpers/cli.js';
import {createTestDatabase, serverUrl, withClient} from './helpers/database.js';

const nowhere = 'postgres://postgres@127.0.0.1:1/none';

/** A session of the test's own holding an exclusive lock on `table` until the test ends. */
async function holdLock(t: ExecutionContext, url: string, table: string): Promise<void> {
	const holder = new pg.Client({connectionString: url});
	holder.on('error', () => undefined);
	await holder.connect();
	t.teardown(async () => holder.end());
	await holder.query('BEGIN');
	await holder.query(`LOCK TABLE ${holder.escapeIdentifier(table)} IN ACCESS EXCLUSIVE MODE`);
}

function oneLine(t: ExecutionContext, result: CliResult, expected: RegExp): void {
	t.is(result.code, 2, result.stderr);
	t.is(result.stdout, '');
	t.regex(result.stderr, /^wfmon: [^\n]*\n$/);
	t.regex(result.stderr, expected);
}

test('a statement timeout while opening the session names --statement-timeout', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await holdLock(t, database.url, 'schema_migrations');
	const result = await runCli(['snapshot', '--statement-timeout', '1s'], {databaseUrl: database.url});
	oneLine(t, result, /^wfmon: opening the session at 127\.0\.0\.1:\d+ ran past --statement-timeout \(1s\): the server cancelled it; raise --statement-timeout\n$/);
});

test('a connection lost in the middle of a snapshot says which server and during what, exit 2', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await holdLock(t, database.url, 'workflow_runs');
	const running = runCli(['snapshot', '--statement-timeout', '60s'], {databaseUrl: database.url});
	// Once wfmon's panels wait for the lock, end its sessions as a failover or an admin would.
	let terminated = 0;
	for (let tries = 0; tries < 100 && terminated === 0; tries++) {
		await new Promise(resolve => setTimeout(resolve, 100));
		terminated = await withClient(serverUrl(), async client => (await client.query(
			`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE datname = $1 AND application_name = 'wfmon' AND wait_event_type = 'Lock'`,
			[database.name],
		)).rowCount ?? 0);
	}

	t.true(terminated > 0);
	const result = await running;
	oneLine(t, result, /^wfmon: lost the connection to 127\.0\.0\.1:\d+ during the snapshot\n$/);
});

test('--since: negative values say "must be positive" (also as --since -1h), out of range is caught before any query', async t => {
	const cases: Array<[string[], string]> = [
		[['runs', '--since', '-1h'], 'wfmon: --since must be positive (got "-1h")\n'],
		[['runs', '--since=-1h'], 'wfmon: --since must be positive (got "-1h")\n'],
		[['runs', '--since', '99999999999999d'], 'wfmon: --since must be at most 36500d (got "99999999999999d"); leave it out for every run\n'],
		[['check', '--max-queue-age', '-5m'], 'wfmon: --max-queue-age must be positive (got "-5m")\n'],
		[['snapshot', '--interval', '-2s'], 'wfmon: --interval must be positive (got "-2s")\n'],
	];
	for (const [args, expected] of cases) {
		const result = await runCli(args, {databaseUrl: nowhere});
		t.is(result.code, 2, args.join(' '));
		t.is(result.stderr, expected, args.join(' '));
	}
});

test('numbers that are not numbers say "must be a number"', async t => {
	const words = await runCli(['demo', '--runs', 'abc'], {databaseUrl: nowhere});
	t.is(words.code, 2);
	t.is(words.stderr, 'wfmon: --runs must be a number (got "abc")\n');
	const rate = await runCli(['demo', '--rate', 'fast'], {databaseUrl: nowhere});
	t.is(rate.stderr, 'wfmon: --rate must be a number (got "fast")\n');
	const negative = await runCli(['demo', '--rate', '-1'], {databaseUrl: nowhere});
	t.is(negative.stderr, 'wfmon: --rate must be 0 or more (got "-1")\n');
});

test('extra arguments are an error, for events and every other command', async t => {
	const run = '0b7c1a2e-0000-4000-8000-000000000001';
	const cases: Array<[string[], string]> = [
		[['events', run, '1', 'more'], 'wfmon: unexpected argument "more": wfmon events RUN [STEP]; run wfmon --help for the list\n'],
		[['snapshot', 'now'], 'wfmon: unexpected argument "now": wfmon snapshot; run wfmon --help for the list\n'],
		[['runs', 'failed'], 'wfmon: unexpected argument "failed": wfmon runs [options]; run wfmon --help for the list\n'],
		[['check', 'all'], 'wfmon: unexpected argument "all": wfmon check [options]; run wfmon --help for the list\n'],
		[['schema', 'apply', 'now'], 'wfmon: unexpected argument "now": wfmon schema apply | status | verify; run wfmon --help for the list\n'],
	];
	for (const [args, expected] of cases) {
		const result = await runCli(args, {databaseUrl: nowhere});
		t.is(result.code, 2, args.join(' '));
		t.is(result.stderr, expected);
		t.is(result.stdout, '');
	}
});
