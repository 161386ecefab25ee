import test from 'ava';
import {loadMigrations} from '../source/schema/migrations.js';
import {applySchema} from '../source/schema/schema.js';
import type {Snapshot} from '../source/model/snapshot.js';
import {ndjson, runCli} from './helpers/cli.js';
import {createTestDatabase, serverUrl, withClient, type TestDatabase} from './helpers/database.js';
import {databaseWithFixture} from './helpers/fixtures.js';
import {createTestRole, urlAs, type TestRole} from './helpers/roles.js';

// test/fixtures/dirty.sql: org A (acme) and org B (globex, one run), and a report week of A naming B's run.
const orgB = 'bbbbbbbb-0000-4000-8000-000000000002';
const runOfB = 'dddddddd-0000-4000-8000-00000000000b';
const allRuns = 23;

// Non-superuser roles, made for this run and dropped after (roles are cluster-wide):
// pinned to A; neither pinned nor allowed all orgs; a member of wfmon_all_orgs.
let database: TestDatabase;
const roles: Record<'pinned' | 'plain' | 'all', TestRole | undefined> = {pinned: undefined, plain: undefined, all: undefined};
test.before(async () => {
	database = await databaseWithFixture('dirty');
	for (const kind of ['pinned', 'plain', 'all'] as const) {
		roles[kind] = await createTestRole(serverUrl());
	}

	await withClient(database.url, async client => {
		for (const role of Object.values(roles)) {
			await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${client.escapeIdentifier(role!.name)}`);
		}

		await client.query('INSERT INTO wfmon_org_members (role_name, org_id) VALUES ($1, $2)',
			[roles.pinned!.name, 'aaaaaaaa-0000-4000-8000-000000000001']);
		await client.query(`GRANT wfmon_all_orgs TO ${client.escapeIdentifier(roles.all!.name)}`);
	});
});
test.after.always(async () => {
	// The grants live in the test database: dropping it first frees the roles.
	await database?.drop();
	for (const role of Object.values(roles)) {
		await role?.drop();
	}
});

/** The role's URL; `org` is what the role itself sets app.current_org_id to, at connect time. */
const urlOf = (kind: keyof typeof roles, org?: string) => {
	const url = new URL(urlAs(database.url, roles[kind]!.name, roles[kind]!.password));
	if (org !== undefined) {
		url.searchParams.set('options', `-c app.current_org_id=${org}`);
	}

	return url.toString();
};

const as = async (url: string, ...args: string[]) => runCli(args, {databaseUrl: url});
const snapshotAs = async (url: string, ...args: string[]) => {
	const result = await as(url, 'snapshot', ...args);
	if (result.code !== 0) {
		throw new Error(result.stderr);
	}

	return {text: result.stdout, snapshot: JSON.parse(result.stdout) as Snapshot};
};

const rawCount = async (url: string, sql: string) => withClient(url, async client => {
	const {rows} = await client.query<{count: number}>(sql);
	return rows[0]!.count;
});

test('the same --org snapshot gives identical population figures as a superuser and as non-superuser roles', async t => {
	const figures = async (url: string) => (await snapshotAs(url, '--org', 'acme')).snapshot.population.data;
	const superuser = await figures(database.url);
	t.like(superuser, {rows: 4, with_execution_id: 3, orphans: 1});
	t.deepEqual(await figures(urlOf('pinned')), superuser);
	t.deepEqual(await figures(urlOf('plain')), superuser);
	t.deepEqual(await figures(urlOf('all')), superuser);
});

test('a role pinned to A that sets app.current_org_id to B itself reads none of B: snapshot, runs, events, check, SELECT', async t => {
	const url = urlOf('pinned', orgB);
	const {text, snapshot} = await snapshotAs(url);
	t.notRegex(text, /globex|billing|clock skew|dddddddd-0000-4000-8000-00000000000b/);
	t.is(snapshot.status.finished.data!.total, 0);
	t.is(snapshot.data_quality.data!.total, 0);

	t.is(ndjson((await as(url, 'runs')).stdout).length, 0);
	const events = await as(url, 'events', runOfB);
	t.is(events.code, 2);
	t.is(events.stdout, '');
	const check = await as(url, 'check', '--json', '--max-anomalies', '0');
	t.is(check.code, 0, check.stdout);
	t.like(JSON.parse(check.stdout), {checks: [{name: 'failure_rate', value: null}]});

	t.is(await rawCount(url, 'SELECT count(*)::int AS count FROM workflow_runs'), 0);
	t.is(await withClient(urlOf('pinned'), async client => {
		await client.query(`SET app.current_org_id = '${orgB}'`);
		const {rows} = await client.query<{count: number}>('SELECT count(*)::int AS count FROM workflow_runs WHERE organization_id = $1', [orgB]);
		return rows[0]!.count;
	}), 0);
	// Its own org it still reads.
	t.is(await rawCount(urlOf('pinned'), 'SELECT count(DISTINCT organization_id)::int AS count FROM workflow_runs'), 1);
});

test('an unscoped role not allowed all orgs reads nothing; a member of wfmon_all_orgs reads every org', async t => {
	t.is(await rawCount(urlOf('plain'), 'SELECT count(*)::int AS count FROM workflow_runs'), 0);
	t.is(ndjson((await as(urlOf('plain'), 'runs')).stdout).length, 0);
	t.is((await snapshotAs(urlOf('plain'))).snapshot.status.finished.data!.total, 0);

	t.is(await rawCount(urlOf('all'), 'SELECT count(*)::int AS count FROM workflow_runs'), allRuns);
	t.is(ndjson((await as(urlOf('all'), 'runs')).stdout).length, allRuns);
	t.is((await snapshotAs(urlOf('all'))).snapshot.status.finished.data!.total, 16);
});

test('--org for an org the role may not see is one line and exit 2', async t => {
	for (const org of ['globex', orgB]) {
		const result = await as(urlOf('pinned'), 'snapshot', '--org', org);
		t.is(result.code, 2);
		t.is(result.stdout, '');
		t.regex(result.stderr, /^wfmon: unknown organization "[^"]+", or not one role "wfmon_role_[0-9a-f]+" may see \(wfmon_org_members\); [^\n]+\n$/);
	}
});

test('the policies check membership once per query (an InitPlan), not once per row', async t => {
	const plan = await withClient(urlOf('pinned'), async client => {
		const {rows} = await client.query<{'QUERY PLAN': string}>('EXPLAIN SELECT count(*) FROM workflow_runs');
		return rows.map(row => row['QUERY PLAN']).join('\n');
	});
	t.regex(plan, /InitPlan/);
	t.notRegex(plan, /Filter: .*wfmon_visible_orgs/);
});

test('a database at migration 0005 with data moves forward: its rows stay and its policies fail closed', async t => {
	const old = await createTestDatabase();
	t.teardown(old.drop);
	const plain = urlAs(old.url, roles.plain!.name, roles.plain!.password);
	await withClient(old.url, async client => {
		await applySchema(client, loadMigrations().filter(migration => migration.version <= '0005'));
		await client.query(`INSERT INTO organizations (slug, name) VALUES ('acme', 'Acme')`);
		await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${client.escapeIdentifier(roles.plain!.name)}`);
	});
	t.is(await rawCount(plain, 'SELECT count(*)::int AS count FROM organizations'), 1);
	const unapplied = await as(old.url, '--no-apply', 'snapshot', '--org', 'acme');
	t.is(unapplied.code, 2);
	t.is(unapplied.stderr, 'wfmon: --org needs migration 0006 (org membership), which this database lacks; '
		+ 'run `wfmon schema apply` as a role that may, or leave out --org\n');
	const result = await as(old.url, 'schema', 'apply');
	t.is(result.code, 0, result.stderr);
	t.regex(result.stdout, /0006/);
	t.is(await rawCount(old.url, 'SELECT count(*)::int AS count FROM organizations'), 1);
	t.is(await rawCount(plain, 'SELECT count(*)::int AS count FROM organizations'), 0);
	await withClient(old.url, async client => {
		await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${client.escapeIdentifier(roles.plain!.name)}`);
	});
});
