import test from 'ava';
import {runCli} from './helpers/cli.js';
import {withClient, type TestDatabase} from './helpers/database.js';
import {databaseWithFixture, fixture} from './helpers/fixtures.js';

let database: TestDatabase;
test.before(async () => {
	database = await databaseWithFixture();
	// Two runs alike in their first 8 characters, and a time-ordered (v7) id told by its last 8.
	await withClient(database.url, async client => client.query(`INSERT INTO workflow_runs (id, organization_id, workflow_id, status, created_at)
		SELECT ids.id, r.organization_id, r.workflow_id, 'queued', now() - interval '3 days'
		FROM (VALUES ('abcd1234-0000-4000-8000-000000000001'::uuid), ('abcd1234-0000-4000-8000-000000000002'),
			('01934a5e-7c00-7000-8000-00000000beef'), ('c0ffee12-3456-4000-8000-000000000009')) AS ids (id),
			(SELECT organization_id, workflow_id FROM workflow_runs WHERE id = $1) AS r`, [fixture.stuckRun]));
});
test.after.always(async () => database?.drop());

const wfmon = async (...args: string[]) => runCli(args, {databaseUrl: database.url});

test('the short id the screen shows works in the CLI: the first 8 characters, or the last 8 of a time-ordered id', async t => {
	const byPrefix = await wfmon('events', 'c0ffee12');
	t.is(byPrefix.code, 0, byPrefix.stderr);
	t.is(byPrefix.stderr, '');
	const bySuffix = await wfmon('events', '0000beef');
	t.is(bySuffix.code, 0, bySuffix.stderr);
	t.is(bySuffix.stderr, '');
});

test('an ambiguous short id is one line listing the matches, exit 2; an unknown one says so', async t => {
	const ambiguous = await wfmon('events', 'abcd1234');
	t.is(ambiguous.code, 2);
	t.is(ambiguous.stderr, 'wfmon: abcd1234 is ambiguous: abcd1234-0000-4000-8000-000000000001, '
		+ 'abcd1234-0000-4000-8000-000000000002; type more of the id\n');
	const unknown = await wfmon('events', 'ffff9999');
	t.is(unknown.code, 2);
	t.regex(unknown.stderr, /^wfmon: no run ffff9999/);
});
