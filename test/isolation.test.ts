import test from 'ava';
import {createPool} from '../source/db/connect.js';
import {runsPage} from '../source/db/queries.js';
import {ndjson, runCli} from './helpers/cli.js';
import {serverUrl, withClient, type TestDatabase} from './helpers/database.js';
import {databaseWithFixture, fixture} from './helpers/fixtures.js';
import {createTestRole, urlAs, type TestRole} from './helpers/roles.js';

// Superusers bypass row level security, so these tests read as a plain role.
let database: TestDatabase;
let role: TestRole;
let roleUrl: string;
test.before(async () => {
	database = await databaseWithFixture();
	role = await createTestRole(serverUrl());
	await withClient(database.url, async client => {
		await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${client.escapeIdentifier(role.name)}`);
	});
	roleUrl = urlAs(database.url, role.name, role.password);
});
test.after.always(async () => {
	// The grants live in the test database: dropping it first frees the role.
	await database?.drop();
	await role?.drop();
});

const asRole = async (...args: string[]) => runCli(args, {databaseUrl: roleUrl});

test('row level security alone keeps another org\'s runs out of a scoped session', async t => {
	// The query is asked for every org (null); only the session's app.current_org_id scopes it.
	const pool = createPool({url: roleUrl, connectTimeoutMs: 5000, statementTimeoutMs: 10_000, orgId: fixture.orgA});
	t.teardown(async () => pool.end());
	const runs = await runsPage(pool, null, {status: null, workflow: null, text: null, sinceSeconds: null}, null, 1000);
	t.deepEqual([...new Set(runs.map(run => run.org_slug))], ['acme']);
	t.is(runs.length, 131);
});

test('--org acme as a plain role shows none of globex\'s rows in snapshot, runs, events and check', async t => {
	const snapshot = await asRole('snapshot', '--org', 'acme', '--window', '7d');
	t.is(snapshot.code, 0, snapshot.stderr);
	t.notRegex(snapshot.stdout, /globex|billing/);
	t.is((JSON.parse(snapshot.stdout) as {status: {finished: {data: {total: number}}}}).status.finished.data.total, 125);

	const runs = ndjson((await asRole('runs', '--org', 'acme')).stdout);
	t.is(runs.length, 131);
	t.true(runs.every(run => run['org_slug'] === 'acme'));

	const eventsOfB = await asRole('events', fixture.runOfB, '--org', 'acme');
	t.is(eventsOfB.code, 2);
	t.regex(eventsOfB.stderr, /not found in organization acme/);
	t.is(eventsOfB.stdout, '');

	const stepOfB = await asRole('events', fixture.runOfB, '1', '--org', fixture.orgA);
	t.is(stepOfB.code, 2);
	t.is(stepOfB.stdout, '');

	const check = await asRole('check', '--org', 'acme', '--max-stuck', '5', '--max-queue-age', '30m', '--json');
	t.is(check.code, 0, check.stdout);
});

test('without --org the same plain role sees no org, and every org once it is a member of wfmon_all_orgs', async t => {
	t.is(ndjson((await asRole('runs')).stdout).length, 0);
	await withClient(database.url, async client => {
		await client.query(`GRANT wfmon_all_orgs TO ${client.escapeIdentifier(role.name)}`);
	});
	t.is(ndjson((await asRole('runs')).stdout).length, 185);
});
