import test from 'ava';
import {runFields} from '../source/cli/commands-table.js';
import {ndjson, runCli} from './helpers/cli.js';
import type {TestDatabase} from './helpers/database.js';
import {withClient} from './helpers/database.js';
import {databaseWithFixture, fixture} from './helpers/fixtures.js';
import {screenUntil, sessionName, tmux, tmuxTest, wfmonCommand} from './helpers/tmux.js';

let database: TestDatabase;
const longRun = 'cccccccc-2222-4000-8000-000000000001';
test.before(async () => {
	database = await databaseWithFixture();
	// The newest failed run of acme: its error is longer than any terminal and tries to retitle it.
	await withClient(database.url, async client => client.query(
		`INSERT INTO workflow_runs (id, organization_id, workflow_id, status, error_message, created_at, started_at, ended_at)
		VALUES ($1, $2, 'aaaaaaaa-1111-4000-8000-000000000002', 'failed', $3,
			now() - interval '90 seconds', now() - interval '90 seconds', now() - interval '87 seconds')`,
		[longRun, fixture.orgA, `TTY \u001B]0;evil\u0007 ${'x'.repeat(200)}`],
	));
});
test.after.always(async () => database?.drop());

const wfmon = async (...args: string[]) => runCli(args, {databaseUrl: database.url});
const unreachable = 'postgres://nobody@127.0.0.1:1/x';

test('piped, wfmon runs prints NDJSON with every field, in the documented order', async t => {
	const result = await wfmon('runs', '--limit', '2');
	t.is(result.code, 0, result.stderr);
	const runs = ndjson(result.stdout);
	t.is(runs.length, 2);
	t.deepEqual(Object.keys(runs[0]!), [...runFields]);
});

test('--json FIELDS prints only those fields, in that order', async t => {
	const result = await wfmon('runs', '--status', 'failed', '--org', 'acme', '--limit', '1', '--json', 'status,run_id');
	t.is(result.code, 0, result.stderr);
	t.deepEqual(ndjson(result.stdout), [{status: 'failed', run_id: longRun}]);
	// Before the command word, --json is a switch: `runs` stays the command.
	const before = await wfmon('--json', 'runs', '--limit', '1');
	t.is(before.code, 0, before.stderr);
	t.deepEqual(Object.keys(ndjson(before.stdout)[0]!), [...runFields]);
});

test('an unknown --json field is one line listing the valid ones, exit 2, before connecting', async t => {
	const result = await runCli(['runs', '--json', 'run_id,colour'], {databaseUrl: unreachable});
	t.is(result.code, 2);
	t.is(result.stdout, '');
	t.is(result.stderr, `wfmon: --json: unknown field "colour"; the fields are ${runFields.join(', ')}\n`);
});

test('--json with fields on a command that prints documents is one line, and --json alone still works there', async t => {
	const fields = await runCli(['check', '--json=status'], {databaseUrl: unreachable});
	t.is(fields.code, 2);
	t.is(fields.stderr, 'wfmon: check\'s --json takes no fields (got "status")\n');
	const check = await wfmon('check', '--json', '--max-failure-rate', '100%', '--max-stuck', '5', '--max-queue-age', '2h');
	t.is(check.code, 0, check.stdout);
	t.is((JSON.parse(check.stdout) as {status: string}).status, 'ok');
});

/** What `wfmon ARGS` shows on a terminal `width` columns wide, up to its exit line. */
async function onTerminal(t: {teardown: (f: () => Promise<void>) => void}, width: number, args: string): Promise<string[]> {
	const session = sessionName();
	t.teardown(async () => {
		await tmux(session, 'kill-server').catch(() => '');
	});
	const command = `DATABASE_URL='${database.url}' ${wfmonCommand()} ${args}; echo "EXIT=$?"; sleep 60`;
	await tmux(session, 'new-session', '-d', '-s', session, '-x', String(width), '-y', '20', command);
	const screen = await screenUntil(session, text => /^EXIT=\d+$/m.test(text), 'wfmon to exit');
	const lines = screen.split('\n');
	return lines.slice(0, lines.findIndex(line => line.startsWith('EXIT=')) + 1);
}

tmuxTest('on a terminal, wfmon runs is an aligned table with the error cut to the width and made harmless', async t => {
	const lines = await onTerminal(t, 70, '--org acme --status failed --limit 3 runs');
	t.is(lines[0], 'ID       WORKFLOW STATUS     AGE DURATION ERROR');
	t.is(lines[1], 'cccccccc report   failed      1m     3.0s TTY ␛]0;evil␇ xxxxxxxxxxxxx…');
	t.is(lines[1]!.length, 70);
	t.regex(lines[2] ?? '', /^[\da-f]{8} report {3}failed {5}20m {5}1\.0s (?:boom|upstream 503)$/);
	t.regex(lines[3] ?? '', /^[\da-f]{8} report {3}failed {5}20m {5}1\.0s (?:boom|upstream 503)$/);
	t.is(lines[4], 'EXIT=0');
});

tmuxTest('on a terminal, a running run shows how long it has been going; --json FIELDS is still NDJSON', async t => {
	const lines = await onTerminal(t, 100, `runs --text ${fixture.stuckRun} --json run_id,status`);
	t.deepEqual(lines, [JSON.stringify({run_id: fixture.stuckRun, status: 'running'}), 'EXIT=0']);
	const table = await onTerminal(t, 100, `runs --text ${fixture.stuckRun}`);
	t.regex(table[1] ?? '', /^aaaaaaaa ingest {3}running {4}10m {3}10m0\ds$/);
});

tmuxTest('on a terminal, --json without fields lists the fields and exits 0 without connecting', async t => {
	const lines = await onTerminal(t, 100, `runs --json --database-url ${unreachable}`);
	t.deepEqual(lines, ['wfmon runs --json takes comma-separated fields:', ...runFields.map(field => `  ${field}`), 'EXIT=0']);
});
