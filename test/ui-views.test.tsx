import test from 'ava';
import {withClient} from './helpers/database.js';
import {createUiDatabase, createUiSession, ids, keys, normalize, openUi, renderApp} from './helpers/ui-fixture.js';

const frame = (text: string) => normalize(text).replace(/40m\d\ds/, '40mXXs');

test('the status view at 80×24: active, finished, charts, stuck runs and top errors; p pauses, ? shows help', async t => {
	const {app, first} = await openUi(t);
	const status = frame(first);
	const lines = status.split('\n');
	t.is(lines.length, 23);
	t.is(lines.slice(0, 6).join('\n'), `wfmon  org all  window 1h  tester@db.test:5432/app  PG 99.0
● connected  refreshed HH:MM:SS in Xms, db Xms  every 1m00s
 1 Status   2 Durations   3 Storage   4 Population   5 Runs
Active  queued 1 (oldest 1m)  running 1 (oldest 40m)  waiting 0
Finished 1h  22  failure 22.7%  completed 17  failed 5  cancelled 0  timeout 0
Data quality  no rows break the model's invariants`);
	t.regex(lines[6]!, /^Throughput \(finished per 2m00s\) +Failure rate \(per 2m00s\)$/);
	t.is(lines.slice(12, 19).join('\n'), `Stuck runs  1
 RUN      WORKFLOW        ORG         RUNNING      P99 STEP         REASON
›a3000000 ingest          acme         40mXXs    20.0s -            over_p99
Top errors  2
  COUNT  AGO WFS MESSAGE
      4  10m   1 upstream returned 502
      1   3m   1 disk quota exceeded`);
	t.is(lines[22], 'j/k select  Enter open  ? help  q quit  Tab/1-5 view  p pause  r refresh');

	await app.press('p');
	t.regex(await app.waitFor(text => text.includes('PAUSED'), 'paused'), /PAUSED {2}● connected .*every 1m00s/);
	t.is(app.sampler.getState().nextAt, null);
	await app.press('p');
	await app.waitFor(text => !text.includes('PAUSED'), 'resumed');
	await app.press('?');
	const help = await app.waitFor(text => text.includes('Keys, by view'), 'help');
	// Longer than the screen: it says how much more there is, and the frame keeps its 23 lines.
	t.is(help.split('\n').length, 23);
	t.regex(help, /↓ \d+ more · Esc closes/);
	// Keys other than the closing ones do nothing while help is open.
	await app.press('2', keys.escape);
	await app.waitFor(text => text.includes('Stuck runs'), 'the status view again');
});

test('Enter opens what the Status view flags: a stuck run, the runs with an error in the window; Esc comes back', async t => {
	const {app} = await openUi(t);
	// The first flagged row (the stuck run) is selected; Enter opens it.
	await app.press(keys.enter);
	const run = await app.waitFor(text => text.includes('a3000000-0000-4000-8000-000000000003'), 'the stuck run');
	t.true(run.includes('› run a3000000'), run);
	await app.press(keys.escape);
	await app.waitFor(text => text.includes('Stuck runs') && text.includes('›a3000000'), 'the status view, as it was');
	// Down to the first top error: the runs list filtered to it, in the window.
	await app.press('j');
	await app.waitFor(text => /^›\s+4 +10m/m.test(text), 'the first error selected');
	await app.press(keys.enter);
	const errors = await app.waitFor(text => /filter "upstream returned 502" {2}since 1h00m {2}4 runs/.test(text), 'the runs with that error');
	t.false(/›\w{8} .*(completed|running|queued)/.test(errors), errors);
	await app.press(keys.escape);
	await app.waitFor(text => text.includes('Stuck runs') && /^›\s+4 +10m/m.test(text), 'the status view again');
	t.pass();
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
	const byName = await app.waitFor(text => text.includes('sorted by name'), 'the sort by name');
	t.true(byName.includes('›report'), 'report is still the selected workflow');
	t.true(byName.includes(' aaa-quick') && byName.indexOf('aaa-quick') < byName.indexOf('›report'));
	t.true(byName.includes('p95 of report per 2m00s'));
	await app.press('w');
	const day = await app.waitFor(text => text.includes('Durations over 24h'), 'the 24h window');
	t.true(day.includes('wfmon  org all  window 24h  tester@'));
});

test('durations: a refresh that reorders the workflows keeps the selection and the trend on the same one', async t => {
	const {app, database} = await openUi(t);
	await app.press('2');
	await app.waitFor(text => text.includes('p95 of ingest'), 'the durations view');
	await app.press('j');
	await app.waitFor(text => text.includes('›report') && text.includes('p95 of report'), 'report selected');
	// Report overtakes ingest by count: it moves to the first row.
	await withClient(database.url, async client => client.query(`INSERT INTO workflow_runs
		(organization_id, workflow_id, status, created_at, started_at, ended_at)
		SELECT organization_id, workflow_id, 'completed', now() - interval '8 minutes', now() - interval '8 minutes',
			now() - interval '7 minutes' FROM workflow_runs, generate_series(1, 30) WHERE id = $1`, [ids.failed]));
	await app.sampler.refresh();
	const reordered = frame(await app.waitFor(text => /›report +acme +32 /.test(text), 'report first, still selected'));
	t.true(reordered.indexOf('›report') < reordered.indexOf(' ingest'), reordered);
	t.true(reordered.includes('p95 of report per 2m00s'), 'the trend stays on report');
});

test('charts plot whole buckets only: the bucket still filling is a figure beside the chart, not a spike', async t => {
	const {app, database} = await openUi(t, {columns: 100, rows: 30});
	// 30 runs end in the bucket still filling; every whole bucket of the fixture holds at most 2.
	await withClient(database.url, async client => client.query(`INSERT INTO workflow_runs
		(organization_id, workflow_id, status, created_at, started_at, ended_at)
		SELECT organization_id, workflow_id, CASE WHEN n = 1 THEN 'failed' ELSE 'completed' END,
			now() - interval '1 minute', now() - interval '1 minute', now()
		FROM workflow_runs, generate_series(1, 30) AS n WHERE id = $1`, [ids.failed]));
	await app.sampler.refresh();
	const status = await app.waitFor(text => text.includes(': 30'), 'the bucket still filling');
	const lines = status.split('\n');
	const title = lines.findIndex(line => line.startsWith('Throughput'));
	t.regex(lines[title + 1]!, /^whole buckets · now \S+ in: 30 +whole buckets · now \S+ in: 3% of 30$/);
	const topLabel = Number(/^ *([\d.]+) [┼┤]/.exec(lines[title + 2]!)?.[1]);
	t.true(topLabel <= 2, `the throughput scale tops at ${topLabel}, from whole buckets only`);
});

test('storage lists every table by size and shows growth from the second refresh on', async t => {
	const {app, database} = await openUi(t, {columns: 100, rows: 30});
	await app.press('3');
	const first = frame(await app.waitFor(text => text.includes('ANALYZE'), 'the storage view')).split('\n');
	t.regex(first[3]!, /^Storage {2}\d+\.\dK in 13 tables/);
	t.regex(first[4]!, /^ TABLE +TOTAL +HEAP +INDEX +TOAST +~ROWS GROWTH\/m +DEAD VACUUM ANALYZE$/);
	t.true(first.some(text => /workflow_runs +\d/.test(text)));
	t.true(first.slice(5, 16).every(text => / - +\d/.test(text)), 'no growth on the first sample');
	await withClient(database.url, async client => client.query('INSERT INTO audit_log (action, details) SELECT \'test\', jsonb_build_object(\'pad\', repeat(\'x\', 500)) FROM generate_series(1, 400)'));
	await app.press('r');
	// The GROWTH/m column of a table's row (TABLE TOTAL HEAP INDEX TOAST ~ROWS GROWTH/m …).
	const growthOf = (text: string) => (text.split('\n').find(row => /^[ ›]audit_log /.test(row)) ?? '').trim().split(/\s+/)[6];
	const grown = await app.waitFor(text => /^[1-9][\d.]*[KM]$/.test(growthOf(text) ?? ''), 'growth of audit_log');
	t.is(grown.split('\n').length, 29);
	t.regex(grown, /growth\/m over the last \d/);
	// A refresh with nothing written: growth is averaged over the minute watched, so it does not drop to 0.
	const before = app.frames().length;
	await app.press('r');
	const again = await app.waitFor(text => app.frames().length > before && !text.includes('⟳') && text !== grown, 'the next refresh');
	t.regex(growthOf(again) ?? '', /^[1-9][\d.]*[KM]$/, again);
});

test('population shows per-day rows, rate and orphans with a trend chart', async t => {
	const {app} = await openUi(t);
	await app.press('4');
	const lines = frame(await app.waitFor(text => text.includes('ORPHANS'), 'the population view')).split('\n');
	t.is(lines[3], 'Population of execution_id  4 rows · 75.0% populated · 1 orphans');
	t.is(lines[4], ' DAY            ROWS WITH EXEC   RATE ORPHANS');
	t.regex(lines[5]!, /^›\d{4}-\d\d-\d\d {8}4 {9}3 {2}75\.0% {7}1$/);
	t.true(lines.includes('Population rate per day (%)'));
	t.is(lines.length, 23);
});

test('at 40×12 every view keeps what matters: paused, interval, scope, every tab, the sort; help scrolls', async t => {
	const {app} = await openUi(t, {columns: 40, rows: 12});
	await app.press('p');
	const drawn: Record<string, string> = {1: 'Active', 2: 'sorted by', 3: 'Storage ', 4: 'Population', 5: 'runs', '?': 'Keys'};
	for (const key of ['1', '2', '3', '4', '5', '?']) {
		await app.press(key);
		const frame = await app.waitFor(text => text.includes('PAUSED') && text.includes(drawn[key]!), `view ${key} paused`);
		const lines = frame.split('\n');
		t.regex(lines[0]!, /^wfmon {2}org all {2}window 1h/, `view ${key}: scope`);
		t.regex(lines[1]!, /^PAUSED {2}● .*every 1m00s/, `view ${key}: paused and the interval`);
		t.regex(lines[2]!, /1 .*2 .*3 .*4 .*5/, `view ${key}: every tab`);
		t.true(lines.every(text => text.length <= 40), `view ${key} is too wide`);
		if (key === '2') {
			t.regex(frame, /sorted by count/);
		}
	}

	// Help: j scrolls (it has more lines than fit), q closes it rather than quitting.
	const help = app.frame();
	t.regex(help, /↓ \d+ more/);
	await app.press('j');
	const scrolled = await app.waitFor(text => /↑ 1 above/.test(text), 'the help scrolled');
	t.false(scrolled.includes('Keys'), 'the first line scrolled away');
	await app.press('q');
	await app.waitFor(text => !text.includes('↑ 1 above') && text.includes('RUN'), 'the runs view again');
});

test('at 40×12 the Status view says how many flagged rows it cannot show, and shows the selected one', async t => {
	const {app} = await openUi(t, {columns: 40, rows: 12});
	const first = await app.waitFor(text => text.includes('Stuck runs'), 'the status view at 40×12');
	// The stuck run is selected first: its row is there, the errors say they are not shown.
	t.regex(first, /^Stuck runs {2}1$/m, first);
	t.regex(first, /^›a3000000 /m, first);
	t.regex(first, /^Top errors {2}2 {2}↓ 2 not shown$/m, first);
	await app.press('j');
	const next = await app.waitFor(text => /^Top errors {2}2 {2}↓ 1 not shown$/m.test(text), 'the first error selected');
	t.regex(next, /^Stuck runs {2}1 {2}↓ 1 not shown$/m, next);
	t.regex(next, /^›\s+4 .*upstream/m, next);
});

test('page keys move one visible page', async t => {
	const {app} = await openUi(t);
	await app.press('5');
	const list = await app.waitFor(text => text.includes('24 runs'), 'the runs list');
	const rowsShown = list.split('\n').filter(text => /^[ ›][ab]\d{7} /.test(text));
	t.is(rowsShown.length, 16, list);
	await app.press(keys.pageDown);
	// Down one page of 16: the row selected is the one that was first below the screen (b0000007).
	const paged = await app.waitFor(text => !text.includes('›a4000000'), 'a page down');
	t.true(paged.includes('›b0000007'), paged);
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
