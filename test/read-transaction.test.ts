import test from 'ava';
import pg from 'pg';
import {readPanels} from '../source/db/read-transaction.js';
import {createTestDatabase, withClient} from './helpers/database.js';
import {insertRun, insertTenant} from './helpers/tenants.js';

type Seen = {pid: number; runs: number};

async function look(client: pg.ClientBase, sleepSeconds: number): Promise<Seen> {
	await client.query('SELECT pg_sleep($1)', [sleepSeconds]);
	const {rows} = await client.query<{pid: number; runs: string}>('SELECT pg_backend_pid() AS pid, count(*) AS runs FROM workflow_runs');
	return {pid: rows[0]!.pid, runs: Number(rows[0]!.runs)};
}

test('panels read on two connections at once and both see the moment the read began', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const tenant = await withClient(database.url, async client => insertTenant(client));
	const pool = new pg.Pool({connectionString: database.url, max: 4});
	t.teardown(async () => pool.end());

	const [slow, quick] = await readPanels(pool, async panel => {
		// Committed after the read began: no panel may see it.
		await withClient(database.url, async client => insertRun(client, tenant));
		return Promise.all([panel(async client => look(client, 0.3)), panel(async client => look(client, 0))]);
	});
	t.is(slow.error, null);
	t.is(quick.error, null);
	t.not(slow.data?.pid, quick.data?.pid, 'the two panels ran on two connections');
	t.is(slow.data?.runs, 0);
	t.is(quick.data?.runs, 0);
	t.true(quick.query_ms < slow.query_ms, 'the quick panel did not wait for the slow one');

	const after = await readPanels(pool, async panel => panel(async client => look(client, 0)));
	t.is(after.data?.runs, 1);
});

test('with one connection to spare the panels take turns on it, and a failing panel spares the others', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	const pool = new pg.Pool({connectionString: database.url, max: 1});
	t.teardown(async () => pool.end());

	const [failed, fine] = await readPanels(pool, async panel => Promise.all([
		panel(async client => client.query('SELECT 1 / 0')),
		panel(async client => look(client, 0)),
	]));
	t.regex(failed.error ?? '', /division by zero/);
	t.is(fine.error, null);
	t.is(fine.data?.runs, 0);
});

test('a lane the server closes while idle in its transaction costs nothing once every panel has read', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	// Managed servers often end sessions idle in a transaction; here after 200 ms.
	const pool = new pg.Pool({connectionString: database.url, max: 4, options: '-c idle_in_transaction_session_timeout=200'});
	pool.on('error', () => undefined);
	pool.on('connect', client => client.on('error', () => undefined));
	t.teardown(async () => pool.end());

	const [slow, quick] = await readPanels(pool, async panel => Promise.all([
		panel(async client => look(client, 1)),
		panel(async client => look(client, 0)),
	]));
	t.is(slow.error, null);
	t.is(quick.error, null);
	t.not(slow.data?.pid, quick.data?.pid, 'the quick lane sat idle for the slow one');

	// The pool still works afterwards.
	const again = await readPanels(pool, async panel => panel(async client => look(client, 0)));
	t.is(again.error, null);
});
