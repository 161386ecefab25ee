import test from 'ava';
import type pg from 'pg';
import {withClient} from './helpers/database.js';
import {ids, keys, openUi} from './helpers/ui-fixture.js';
import {runCli} from './helpers/cli.js';

// A list left open on screen must never be what blocks a migration or VACUUM.

const manyRunsSql = `
INSERT INTO workflow_runs (id, organization_id, workflow_id, status, created_at, started_at, ended_at, steps_total, steps_completed)
SELECT gen_random_uuid(), $1, $2, 'completed', now() - make_interval(secs => 3600 + g),
	now() - make_interval(secs => 3600 + g), now() - make_interval(secs => 3590 + g), 1, 1
FROM generate_series(1, 1500) AS g`;

/** What wfmon's own sessions are doing, other than waiting idle in the pool. */
async function busyWfmonSessions(client: pg.Client): Promise<string[]> {
	const {rows} = await client.query<{state: string; query: string}>(
		`SELECT state, query FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND (state <> 'idle' OR xact_start IS NOT NULL)`,
	);
	return rows.map(row => `${row.state}: ${row.query.slice(0, 60)}`);
}

/** Row versions VACUUM found dead but could not remove (an open snapshot keeps them). */
async function vacuumKeptDead(client: pg.Client): Promise<number> {
	const notices: string[] = [];
	const onNotice = (notice: {message?: string}) => notices.push(notice.message ?? '');
	client.on('notice', onNotice);
	try {
		await client.query('VACUUM (VERBOSE) workflow_runs');
	} finally {
		client.off('notice', onNotice);
	}

	const match = /(\d+) are dead but not yet removable/.exec(notices.join('\n'));
	if (match === null) {
		throw new Error(`VACUUM VERBOSE said nothing about dead rows:\n${notices.join('\n')}`);
	}

	return Number(match[1]);
}

test('a scrolled runs list, an open run and an open events list hold no transaction: ALTER TABLE and VACUUM go through', async t => {
	const {app, database} = await openUi(t, {columns: 100, rows: 30});
	await withClient(database.url, async client => {
		await client.query(manyRunsSql, [ids.acme, ids.ingest]);
		// A step with more events than one page.
		await client.query(`UPDATE workflow_run_steps SET events = (SELECT jsonb_agg(jsonb_build_object('type', 'page', 'n', g))
			FROM generate_series(1, 1000) AS g) WHERE run_id = $1 AND step_number = 2`, [ids.completed]);
	});
	await app.press('5');
	await app.waitFor(text => / 200 of ~\d+ runs/.test(text), 'the runs list');
	// At the end: a page read from the end, more to come.
	await app.press('G');
	// "of ~N" once the table has statistics; "+" before (an estimate below what is read says nothing).
	await app.waitFor(text => /last \d+(?:\+| of ~\d+) runs$/m.test(text), 'the last page, read');

	await withClient(database.url, async client => {
		// Dead row versions that an open snapshot would keep.
		await client.query('UPDATE workflow_runs SET channel = \'x\' WHERE status = \'completed\'');
		t.deepEqual(await busyWfmonSessions(client), []);
		await client.query('SET lock_timeout = \'2s\'');
		await client.query('ALTER TABLE workflow_runs ADD COLUMN held_probe integer');
		t.is(await vacuumKeptDead(client), 0);
	});

	// A run's detail, then one step's events.
	await app.press('g');
	await app.press(keys.escape, '/');
	await app.press(...'a1000000', keys.enter);
	await app.waitFor(text => text.includes('›a1000000'), 'the completed run');
	await app.press(keys.enter);
	await app.waitFor(text => text.includes('Fetch data'), 'its steps');
	await app.press('j', keys.enter);
	await app.waitFor(text => text.includes('page') && text.includes('events 1000'), 'the render step\'s first events');

	await withClient(database.url, async client => {
		await client.query('UPDATE workflow_runs SET channel = \'y\' WHERE status = \'completed\'');
		t.deepEqual(await busyWfmonSessions(client), []);
		await client.query('SET lock_timeout = \'2s\'');
		await client.query('ALTER TABLE workflow_runs DROP COLUMN held_probe');
		await client.query('ALTER TABLE workflow_run_steps ADD COLUMN held_probe integer');
		t.is(await vacuumKeptDead(client), 0);
	});
});

test('`wfmon runs` holds its transaction no longer than --statement-timeout', async t => {
	const {database} = await openUi(t);
	await withClient(database.url, async client => client.query(manyRunsSql, [ids.acme, ids.ingest]));
	// A reader that stops reading for 7 s: the stream waits on the pipe with its cursor open.
	const running = runCli(['runs', '--statement-timeout', '1s'], {databaseUrl: database.url, stallReaderMs: 7000});
	// Past the limit, while the reader still stalls, the transaction is gone: a migration goes through.
	await withClient(database.url, async client => {
		const deadline = Date.now() + 5000;
		let busy = await busyWfmonSessions(client);
		while (Date.now() < deadline && busy.length > 0) {
			await new Promise(resolve => {
				setTimeout(resolve, 200);
			});
			busy = await busyWfmonSessions(client);
		}

		t.deepEqual(busy, []);
		await client.query('SET lock_timeout = \'1s\'');
		await client.query('ALTER TABLE workflow_runs ADD COLUMN stream_probe integer');
	});
	const result = await running;
	t.is(result.code, 2, result.stderr);
	t.regex(result.stderr, /^wfmon: the stream ran past --statement-timeout after \d+ rows/m);
	t.is(result.stderr.trim().split('\n').length, 1);
});
