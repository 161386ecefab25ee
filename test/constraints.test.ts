import test from 'ava';
import type pg from 'pg';
import {createTestDatabase, serverUrl, withClient} from './helpers/database.js';
import {createTestRole, urlAs} from './helpers/roles.js';
import {insertRun, insertTenant} from './helpers/tenants.js';

async function migrated(t: {teardown(run: () => Promise<void>): void}) {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	return database;
}

test('a run with an unknown status is rejected', async t => {
	const database = await migrated(t);
	await withClient(database.url, async client => {
		const tenant = await insertTenant(client);
		const error = await t.throwsAsync(insertRun(client, tenant, {status: 'exploded'}));
		t.is((error as {constraint?: string} | undefined)?.constraint, 'workflow_runs_status_known');
		for (const status of ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout']) {
			await t.notThrowsAsync(insertRun(client, tenant, {status}));
		}
	});
});

test('a step whose events are not an array is rejected', async t => {
	const database = await migrated(t);
	await withClient(database.url, async client => {
		const tenant = await insertTenant(client);
		const run = await insertRun(client, tenant);
		const insert = async (events: unknown) => client.query(
			'INSERT INTO workflow_run_steps (run_id, organization_id, node_id, step_number, events) VALUES ($1, $2, $3, $4, $5)',
			[run, tenant.orgId, 'n1', Math.floor(Math.random() * 1e6), JSON.stringify(events)],
		);
		const error = await t.throwsAsync(insert({type: 'started'}));
		t.is((error as {constraint?: string} | undefined)?.constraint, 'workflow_run_steps_events_is_array');
		await t.throwsAsync(insert('started'));
		await t.notThrowsAsync(insert([{type: 'started'}]));
	});
});

test('the duration trigger fills duration_ms on insert and when ended_at changes', async t => {
	const database = await migrated(t);
	await withClient(database.url, async client => {
		const tenant = await insertTenant(client);
		const run = await insertRun(client, tenant, {
			status: 'completed',
			started_at: '2024-05-01T10:00:00Z',
			ended_at: '2024-05-01T10:00:01.5Z',
		});
		const duration = async () => (await client.query<{duration_ms: string | null}>('SELECT duration_ms FROM workflow_runs WHERE id = $1', [run])).rows[0]?.duration_ms;
		t.is(await duration(), '1500');
		await client.query('UPDATE workflow_runs SET ended_at = $2 WHERE id = $1', [run, '2024-05-01T10:02:00Z']);
		t.is(await duration(), '120000');
		await client.query('UPDATE workflow_runs SET ended_at = NULL, status = \'running\' WHERE id = $1', [run]);
		t.is(await duration(), null);

		const running = await insertRun(client, tenant, {status: 'running', started_at: '2024-05-01T10:00:00Z'});
		t.is((await client.query<{duration_ms: string | null}>('SELECT duration_ms FROM workflow_runs WHERE id = $1', [running])).rows[0]?.duration_ms, null);
		const step = await client.query<{duration_ms: string}>(
			`INSERT INTO workflow_run_steps (run_id, organization_id, node_id, step_number, started_at, ended_at)
			VALUES ($1, $2, 'n1', 1, '2024-05-01T10:00:00Z', '2024-05-01T10:00:00.250Z') RETURNING duration_ms`,
			[running, tenant.orgId],
		);
		t.is(step.rows[0]?.duration_ms, '250');
	});
});

test('updated_at changes on update', async t => {
	const database = await migrated(t);
	await withClient(database.url, async client => {
		const tenant = await insertTenant(client);
		const run = await insertRun(client, tenant);
		const stamps = async () => (await client.query<{created_at: Date; updated_at: Date}>('SELECT created_at, updated_at FROM workflow_runs WHERE id = $1', [run])).rows[0]!;
		const before = await stamps();
		await new Promise(resolve => setTimeout(resolve, 5));
		await client.query('UPDATE workflow_runs SET status = \'running\' WHERE id = $1', [run]);
		const after = await stamps();
		t.true(after.updated_at > before.updated_at);
		t.deepEqual(after.created_at, before.created_at);
	});
});

test('row level security: a non-superuser scoped to one org sees none of another org\'s runs', async t => {
	const database = await createTestDatabase({migrated: true});
	const role = await createTestRole(serverUrl());
	// The role's grants live in the database: drop it first, then the role.
	t.teardown(async () => {
		await database.drop();
		await role.drop();
	});
	const [a, b] = await withClient(database.url, async client => {
		const a = await insertTenant(client, 'a');
		const b = await insertTenant(client, 'b');
		for (const tenant of [a, a, b, b, b]) {
			const run = await insertRun(client, tenant);
			await client.query('INSERT INTO workflow_run_steps (run_id, organization_id, node_id, step_number) VALUES ($1, $2, \'n\', 1)', [run, tenant.orgId]);
		}

		await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${client.escapeIdentifier(role.name)}`);
		return [a, b];
	});

	await withClient(urlAs(database.url, role.name, role.password), async client => {
		const {rows} = await client.query<{rolsuper: boolean; rolbypassrls: boolean}>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
		t.deepEqual(rows, [{rolsuper: false, rolbypassrls: false}]);
		const count = async (client_: pg.Client, table: string, org: string) => (await client_.query<{n: number}>(
			`SELECT count(*)::int AS n FROM ${client_.escapeIdentifier(table)} WHERE organization_id = $1`,
			[org],
		)).rows[0]?.n;

		// Unset, and not a member of wfmon_all_orgs: nothing (the policies fail closed).
		t.is(await count(client, 'workflow_runs', a.orgId), 0);
		t.is(await count(client, 'workflow_runs', b.orgId), 0);

		await client.query('SELECT set_config(\'app.current_org_id\', $1, false)', [a.orgId]);
		t.is(await count(client, 'workflow_runs', a.orgId), 2);
		t.is(await count(client, 'workflow_runs', b.orgId), 0);
		t.is(await count(client, 'workflow_run_steps', b.orgId), 0);
		t.is(await count(client, 'workflows', b.orgId), 0);
		const orgs = await client.query<{id: string}>('SELECT id FROM organizations');
		t.deepEqual(orgs.rows.map(row => row.id), [a.orgId]);
		const all = await client.query<{n: number}>('SELECT count(*)::int AS n FROM workflow_runs');
		t.is(all.rows[0]?.n, 2);

		await client.query('RESET app.current_org_id');
		t.is(await count(client, 'workflow_runs', b.orgId), 0);
	});

	// A member of wfmon_all_orgs sees every org when unset.
	await withClient(database.url, async client => {
		await client.query(`GRANT wfmon_all_orgs TO ${client.escapeIdentifier(role.name)}`);
	});
	await withClient(urlAs(database.url, role.name, role.password), async client => {
		const {rows} = await client.query<{n: number}>('SELECT count(*)::int AS n FROM workflow_runs');
		t.is(rows[0]?.n, 5);
	});
});
