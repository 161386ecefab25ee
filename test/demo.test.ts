import test from 'ava';
import pg from 'pg';
import {databaseHasRuns, runStatuses, seedDemo} from '../source/demo/seed.js';
import {defaultSimulatorRate, startSimulator} from '../source/demo/simulator.js';
import {createTestDatabase, withClient} from './helpers/database.js';
import {createTestRole, urlAs} from './helpers/roles.js';
import {insertTenant} from './helpers/tenants.js';

async function count(client: pg.ClientBase | pg.Pool, sql: string): Promise<number> {
	const result = await client.query<{n: string}>(sql);
	return Number(result.rows[0]?.n ?? 0);
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await condition()) {
			return true;
		}

		await new Promise(resolve => setTimeout(resolve, 100));
	}

	return false;
}

/**
Rows the seed wrote that break what the skipped row triggers would have kept:
a duration other than the trigger's, or a reference to nothing.
*/
async function triggerBreaches(client: pg.ClientBase): Promise<number> {
	const expected = 'CASE WHEN started_at IS NOT NULL AND ended_at IS NOT NULL THEN round(extract(epoch FROM ended_at - started_at) * 1000)::bigint END';
	return count(client, `SELECT
		(SELECT count(*) FROM workflow_runs WHERE duration_ms IS DISTINCT FROM ${expected})
		+ (SELECT count(*) FROM workflow_run_steps WHERE duration_ms IS DISTINCT FROM ${expected})
		+ (SELECT count(*) FROM workflow_runs r WHERE NOT EXISTS (SELECT 1 FROM workflows w WHERE w.id = r.workflow_id AND w.organization_id = r.organization_id))
		+ (SELECT count(*) FROM workflow_run_steps s WHERE NOT EXISTS (SELECT 1 FROM workflow_runs r WHERE r.id = s.run_id AND r.organization_id = s.organization_id))
		AS n`);
}

test('the seed fills every status, steps with events, durations and partly populated report weeks with orphans', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => {
		t.false(await databaseHasRuns(client));
		const summary = await seedDemo(client, {runs: 2000});
		t.true(await databaseHasRuns(client));

		t.is(summary.runs, 2000);
		// One step of the newest finished browser run carries 5,000 extra events to stream.
		t.true(summary.chattyStepEvents > 5000);
		t.is(await count(client, `SELECT count(*) AS n FROM workflow_run_steps s
			WHERE jsonb_array_length(s.events) > 5000 AND s.run_id = (
				SELECT r.id FROM workflow_runs r JOIN workflows w ON w.id = r.workflow_id
				WHERE r.status = 'completed' AND w.workflow_type = 'browser' ORDER BY r.ended_at DESC LIMIT 1)`), 1);
		t.is(await count(client, 'SELECT count(*) AS n FROM workflow_runs'), 2000);
		const statuses = await client.query<{status: string}>('SELECT DISTINCT status FROM workflow_runs ORDER BY status');
		t.deepEqual(statuses.rows.map(row => row.status), [...runStatuses].sort());
		t.is(await count(client, 'SELECT count(DISTINCT slug) AS n FROM organizations WHERE slug IN (\'acme\', \'globex\', \'initech\', \'umbrella\')'), 4);
		t.true(summary.workflows >= 10);

		// Finished runs and steps have their duration as the trigger computes
		// it, active ones none, and every reference holds.
		t.is(await triggerBreaches(client), 0);
		t.is(await count(client, 'SELECT count(*) AS n FROM workflow_runs WHERE ended_at IS NOT NULL AND duration_ms IS NULL'), 0);
		t.is(await count(client, 'SELECT count(*) AS n FROM workflow_runs WHERE status IN (\'completed\', \'failed\', \'timeout\', \'cancelled\') AND ended_at IS NULL'), 0);
		t.is(await count(client, 'SELECT count(*) AS n FROM workflow_runs WHERE status = \'queued\' AND started_at IS NOT NULL'), 0);

		// Steps: 3 to 6 per run, counts consistent with the run.
		t.is(await count(client, `SELECT count(*) AS n FROM workflow_runs r
			WHERE r.steps_total NOT BETWEEN 3 AND 6
				OR r.steps_total <> (SELECT count(*) FROM workflow_run_steps s WHERE s.run_id = r.id)
				OR r.steps_completed <> (SELECT count(*) FROM workflow_run_steps s WHERE s.run_id = r.id AND s.status = 'completed')`), 0);
		t.true(await count(client, 'SELECT count(*) AS n FROM workflow_run_steps WHERE jsonb_array_length(events) > 0') > 1000);
		t.is(await count(client, `SELECT count(*) AS n FROM workflow_run_steps
			WHERE jsonb_array_length(events) > 0 AND NOT events @? '$[*] ? (exists(@.type) && exists(@.timestamp) && exists(@.data))'`), 0);
		t.true(await count(client, `SELECT count(*) AS n FROM workflow_run_steps
			WHERE screenshots @? '$[*] ? (exists(@.url) && exists(@.thumbnail_url) && exists(@.timestamp) && exists(@.action))'`) > 0);

		// A few runs stuck on purpose: running for hours.
		t.true(await count(client, 'SELECT count(*) AS n FROM workflow_runs WHERE status = \'running\' AND started_at < now() - interval \'1 hour\'') >= 1);
		// Some runs in the last hour, and failures with more than one message.
		t.true(await count(client, 'SELECT count(*) AS n FROM workflow_runs WHERE created_at > now() - interval \'1 hour\'') > 0);
		t.true(await count(client, 'SELECT count(DISTINCT error_message) AS n FROM workflow_runs WHERE status = \'failed\'') > 3);

		// Report weeks: population strictly between 0 and 100%, with orphans.
		const population = await client.query<{rows: string; with_id: string; orphans: string}>(`SELECT count(*) AS rows,
			count(execution_id) AS with_id,
			count(*) FILTER (WHERE execution_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM workflow_runs r WHERE r.id = execution_id)) AS orphans
			FROM report_data_weeks`);
		const row = population.rows[0];
		t.truthy(row);
		const rate = Number(row?.with_id) / Number(row?.rows);
		t.true(rate > 0 && rate < 1, `population rate ${rate}`);
		t.true(Number(row?.orphans) >= 1);
		t.is(Number(row?.orphans), summary.orphans);
		t.true(summary.populationRate > 0 && summary.populationRate < 1);

		t.true(await count(client, 'SELECT count(*) AS n FROM workflow_progress') > 0);
		t.true(await count(client, 'SELECT count(*) AS n FROM workflow_adaptations') > 0);
		t.is(await count(client, 'SELECT count(*) AS n FROM audit_log WHERE action = \'demo.seed\''), 1);
	});
});

test('a role that may not skip triggers seeds the same workload with them on', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const role = await createTestRole(database.url);
	t.teardown(role.drop);
	await withClient(database.url, async client => {
		const name = client.escapeIdentifier(role.name);
		await client.query(`GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${name}`);
		// Row level security fails closed: writing every org's demo rows takes a role allowed all orgs.
		await client.query(`GRANT wfmon_all_orgs TO ${name}`);
		t.teardown(async () => withClient(database.url, async admin => {
			await admin.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${name}`);
		}));
	});
	await withClient(urlAs(database.url, role.name, role.password), async client => {
		const summary = await seedDemo(client, {runs: 500});
		t.is(summary.runs, 500);
		t.true(summary.runsByStatus.completed > 0 && summary.runsByStatus.failed > 0);
	});
	await withClient(database.url, async client => {
		t.is(await count(client, 'SELECT count(*) AS n FROM workflow_runs'), 500);
		t.true(await count(client, 'SELECT count(*) AS n FROM workflow_runs WHERE duration_ms IS NOT NULL') > 0);
		t.is(await triggerBreaches(client), 0);
	});
});

test('seeding is all or nothing', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => {
		// Break the last table the seed writes to: everything before must roll back.
		await client.query(`CREATE FUNCTION pg_temp.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'refused by the test'; END; $$`);
		await client.query('CREATE TRIGGER refuse BEFORE INSERT ON workflow_adaptations FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse()');
		await t.throwsAsync(seedDemo(client, {runs: 200}), {message: /refused by the test/});
		for (const table of ['organizations', 'users', 'workflows', 'workflow_runs', 'workflow_run_steps', 'report_data_weeks', 'workflow_progress']) {
			t.is(await count(client, `SELECT count(*) AS n FROM ${table}`), 0, table);
		}

		t.is(await count(client, 'SELECT count(*) AS n FROM audit_log WHERE action = \'demo.seed\''), 0);
		t.false(await databaseHasRuns(client));
	});
});

test('the simulator moves runs along and survives a failing tick', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => seedDemo(client, {runs: 300}));
	const pool = new pg.Pool({connectionString: database.url, max: 2});
	pool.on('error', () => undefined);
	t.teardown(async () => pool.end());
	const runsBefore = await count(pool, 'SELECT count(*) AS n FROM workflow_runs');
	const errors: unknown[] = [];
	const simulator = startSimulator(pool, {ratePerSecond: 20, tickMs: 200, onError: error => errors.push(error)});
	try {
		t.true(await until(async () => {
			const stats = simulator.stats();
			return stats.inserted > 0 && stats.started > 0 && stats.finished > 0;
		}), JSON.stringify(simulator.stats()));
		t.true(await count(pool, 'SELECT count(*) AS n FROM workflow_runs') > runsBefore);
		t.true(await count(pool, 'SELECT count(*) AS n FROM workflow_runs WHERE ended_at > now() - interval \'1 minute\' AND duration_ms IS NOT NULL') > 0);
		t.true(await count(pool, 'SELECT count(*) AS n FROM workflow_run_steps WHERE updated_at > now() - interval \'1 minute\' AND jsonb_array_length(events) > 0') > 0);
		// The runs it finishes are clean: no step ends after its run (the demo is not a data-quality alarm).
		t.is(await count(pool, `SELECT count(*) AS n FROM workflow_run_steps s JOIN workflow_runs r ON r.id = s.run_id
			WHERE r.ended_at > now() - interval '1 minute' AND r.updated_at > now() - interval '1 minute'
				AND (s.started_at < r.started_at OR s.ended_at > r.ended_at)`), 0);

		// Make every tick fail for a while, as a database in trouble would.
		await pool.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'refused by the test'; END; $$`);
		await pool.query('CREATE TRIGGER refuse BEFORE INSERT ON workflow_runs FOR EACH ROW EXECUTE FUNCTION refuse()');
		t.true(await until(async () => errors.length > 0));
		t.regex(String(errors[0]), /refused by the test/);
		await pool.query('DROP TRIGGER refuse ON workflow_runs');

		// Kill its connections too: the next ticks reconnect.
		await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
		const inserted = simulator.stats().inserted;
		t.true(await until(async () => simulator.stats().inserted > inserted), JSON.stringify(simulator.stats()));
	} finally {
		await simulator.stop();
	}

	const ticks = simulator.stats().ticks;
	await new Promise(resolve => setTimeout(resolve, 500));
	t.is(simulator.stats().ticks, ticks, 'no tick after stop');
});

test('the simulator keeps, by default, the pace at which the last hour\'s runs were created', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => {
		t.is(await defaultSimulatorRate(client), 0.1, 'an empty database: the slowest default');
		const tenant = await insertTenant(client);
		// 5,400 runs over the last hour (1.5 a second), and older ones that do not count.
		await client.query(`INSERT INTO workflow_runs (organization_id, workflow_id, created_at)
			SELECT $1::uuid, $2::uuid, now() - g * interval '0.6 seconds' FROM generate_series(1, 5400) AS g
			UNION ALL SELECT $1::uuid, $2::uuid, now() - interval '2 hours' FROM generate_series(1, 9000)`, [tenant.orgId, tenant.workflowId]);
		t.is(await defaultSimulatorRate(client), 1.5);
	});
});
