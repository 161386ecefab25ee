import test from 'ava';
import {withClient} from './helpers/database.js';
import {createUiDatabase, createUiSession, ids, keys, normalize, openUi, renderApp} from './helpers/ui-fixture.js';

const frame = (text: string) => normalize(text).replace(/40m\d\ds/, '40mXXs');

test('the status view at 80×24: active, finished, charts, stuck runs and top errors; p pauses, ? shows help', async t => {
	const {app, first} = await openUi(t);
	const status = frame(first);
	const lines = status.split('\n');
	t.is(lines.length, 24);
	t.is(lines.slice(0, 6).join('\n'), `wfmon  org all  window 1h  tester@db.test:5432/app  PG 99.0
● connected  refreshed HH:MM:SS in Xms, db Xms  every 1m00s
 1 Status   2 Durations   3 Storage   4 Population   5 Runs
Active  queued 1 (oldest 1m)  running 1 (oldest 40m)  waiting 0
Finished 1h  22  failure 22.7%  completed 17  failed 5  cancelled 0  timeout 0
Data quality  no rows break the model's invariants`);
	t.regex(lines[6]!, /^Throughput \(finished per 2m00s\) +Failure rate \(per 2m00s\)$/);
	t.is(lines.slice(12, 19).join('\n'), `Stuck runs  1
RUN      WORKFLOW         ORG         RUNNING      P99 STEP         REASON
a3000000 ingest           acme         40mXXs    20.0s -            over_p99
Top errors  2
 COUNT  AGO WFS MESSAGE
     4  10m   1 upstream returned 502
     1   3m   1 disk quota exceeded`);
	t.is(lines[23], '? help  q quit  Tab/1-5 view  p pause  r refresh  +/- interval');

	await app.press('p');
	t.regex(await app.waitFor(text => text.includes('PAUSED'), 'paused'), /every 1m00s {2}PAUSED/);
	t.is(app.sampler.getState().nextAt, null);
	await app.press('p');
	await app.waitFor(text => !text.includes('PAUSED'), 'resumed');
	await app.press('?');
	t.is((await app.waitFor(text => text.includes('any key closes this help'), 'help')).split('\n').length, 24);
	await app.press('x');
	await app.waitFor(text => text.includes('Stuck runs'), 'the status view again');
});

test('durations: the table sorts with s keeping the selection, the trend follows the selection, w cycles the window', async t => {
	const {app, database} = await openUi(t);
	await app.press('2');
	const durations = frame(await app.waitFor(text => text.includes('p95 of'), 'the durations view')).split('\n');
	t.is(durations.slice(3, 7).join('\n'), `Durations over 1h  sorted by count (s) · window (w)
 WORKFLOW            ORG         COUNT▼     P50     P90     P95     P99     MAX
›ingest              acme            20   11.0s   19.0s   20.0s   21.0s   21.0s
 report              acme             2    5.0s   10.0s   10.0s   10.0s   10.0s`);
	t.is(durations[7], 'p95 of ingest per 2m00s');
	// A third workflow, first by name: sorting by name moves the selected one down.
	await withClient(database.url, async client => client.query(`WITH flow AS (
			INSERT INTO workflows (organization_id, name) VALUES ($1, 'aaa-quick') RETURNING id, organization_id)
		INSERT INTO workflow_runs (organization_id, workflow_id, status, created_at, started_at, ended_at)
		SELECT organization_id, id, 'completed', now() - interval '10 minutes', now() - interval '10 minutes', now() - interval '9 minutes 59 seconds' FROM flow`, [ids.acme]));
	await app.press('r');
	await app.waitFor(text => text.includes('aaa-quick'), 'the third workflow');
	await app.press('j');
	await app.waitFor(text => text.includes('p95 of report per 2m00s'), 'the trend of report');
	await app.press('s', 's', 's', 's', 's', 's');
	const byName = await app.waitFor(text => text.includes('sorted by workflow_name'), 'the sort by name');
	t.true(byName.includes('›report'), 'report is still the selected workflow');
	t.true(byName.includes(' aaa-quick') && byName.indexOf('aaa-quick') < byName.indexOf('›report'));
	t.true(byName.includes('p95 of report per 2m00s'));
	await app.press('w');
	const day = await app.waitFor(text => text.includes('Durations over 24h'), 'the 24h window');
	t.true(day.includes('wfmon  org all  window 24h  tester@'));
});

test('storage lists every table by size and shows growth from the second refresh on', async t => {
	const {app, database} = await openUi(t, {columns: 100, rows: 30});
	await app.press('3');
	const first = frame(await app.waitFor(text => text.includes('ANALYZE'), 'the storage view')).split('\n');
	t.regex(first[3]!, /^Storage {2}\d+\.\dK in 12 tables/);
	t.regex(first[4]!, /^ TABLE +TOTAL +HEAP +INDEX +TOAST +ROWS GROWTH\/m +DEAD VACUUM ANALYZE$/);
	t.true(first.some(text => /workflow_runs +\d/.test(text)));
	t.true(first.slice(5, 16).every(text => / - +\d/.test(text)), 'no growth on the first sample');
	await withClient(database.url, async client => client.query('INSERT INTO audit_log (action, details) SELECT \'test\', jsonb_build_object(\'pad\', repeat(\'x\', 500)) FROM generate_series(1, 400)'));
	await app.press('r');
	const grown = await app.waitFor(text => /audit_log +\S+.*[1-9][\d.]*[KM] /.test(text.split('\n').find(row => row.includes('audit_log')) ?? ''), 'growth of audit_log');
	t.is(grown.split('\n').length, 30);
});

test('population shows per-day rows, rate and orphans with a trend chart', async t => {
	const {app} = await openUi(t);
	await app.press('4');
	const lines = frame(await app.waitFor(text => text.includes('ORPHANS'), 'the population view')).split('\n');
	t.is(lines[3], 'Population of execution_id  4 rows · 75.0% populated · 1 orphans');
	t.is(lines[4], ' DAY            ROWS WITH EXEC   RATE ORPHANS');
	t.regex(lines[5]!, /^›\d{4}-\d\d-\d\d {8}4 {9}3 {2}75\.0% {7}1$/);
	t.true(lines.includes('Population rate per day (%)'));
	t.is(lines.length, 24);
});

test('every frame fits: 40×12 is usable, smaller says the terminal is too small', async t => {
	const database = await createUiDatabase();
	t.teardown(database.drop);
	const session = createUiSession(database.url);
	t.teardown(async () => session.pool.end());
	const small = renderApp(session, {columns: 40, rows: 12});
	t.teardown(small.close);
	await small.waitFor(text => text.includes('refreshed'), 'the first refresh');
	for (const key of ['1', '2', '3', '4', '5']) {
		await small.press(key);
		const lines = small.frame().split('\n');
		t.true(lines.length <= 12, `view ${key} is ${lines.length} lines`);
		t.true(lines.every(text => text.length <= 40), `view ${key} is too wide`);
	}

	await small.waitFor(text => text.includes('24 runs'), 'the runs list at 40×12');
	await small.press(keys.enter);
	await small.waitFor(text => text.includes('a4000000-0000'), 'a run at 40×12');
	t.true(small.frame().split('\n').length <= 12);
	await small.close();

	const tiny = renderApp(session, {columns: 30, rows: 8});
	t.teardown(tiny.close);
	const message = await tiny.waitFor(text => text.includes('terminal too small'), 'the message');
	t.is(message, 'terminal too small\n30×8, need 40×12\nq quits');
});
