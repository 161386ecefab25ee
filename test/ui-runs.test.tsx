import test from 'ava';
import {withClient} from './helpers/database.js';
import {ids, keys, normalize, openUi} from './helpers/ui-fixture.js';

const header = `wfmon  org all  window 1h  tester@db.test:5432/app  PG 99.0
● connected  refreshed HH:MM:SS in Xms, db Xms  every 1m00s
 1 Status   2 Durations   3 Storage   4 Population   5 Runs`;

const frame = (text: string) => normalize(text);
// The fixture's event n happened n × 1.5 s after 10:00.
const clock = (n: number) => new Date(Date.UTC(2024, 0, 1, 10, 0, 0, n * 1500)).toISOString().slice(11, 23);
const blank = (count: number) => Array.from({length: count}, () => '').join('\n');

test('runs list, drill down to a step\'s events and back, at 80×24', async t => {
	const {app} = await openUi(t);

	await app.press('5');
	const runs = frame(await app.waitFor(text => text.includes('24 runs'), 'the runs list'));
	t.is(runs, `${header}
Runs  status any  filter -  24 runs
 RUN      WORKFLOW       STATUS     AGE DURATION STEPS ORG      ERROR
›a4000000 report         queued      1m        -   0/0 acme
 a2000000 report         failed      3m     5.0s   0/1 acme     disk quota ex…
 a1000000 report         completed   5m    10.0s   3/3 acme
 b0000020 ingest         failed     10m    21.0s   2/2 acme     upstream retu…
 b0000019 ingest         completed  12m    20.0s   2/2 acme
 b0000018 ingest         completed  14m    19.0s   2/2 acme
 b0000017 ingest         completed  16m    18.0s   2/2 acme
 b0000016 ingest         completed  18m    17.0s   2/2 acme
 b0000015 ingest         failed     20m    16.0s   2/2 acme     upstream retu…
 b0000014 ingest         completed  22m    15.0s   2/2 acme
 b0000013 ingest         completed  24m    14.0s   2/2 acme
 b0000012 ingest         completed  26m    13.0s   2/2 acme
 b0000011 ingest         completed  28m    12.0s   2/2 acme
 b0000010 ingest         failed     30m    11.0s   2/2 acme     upstream retu…
 b0000009 ingest         completed  32m    10.0s   2/2 acme
 b0000008 ingest         completed  34m     9.0s   2/2 acme
 ↓ 8 more
j/k g/G  Enter open  / filter  s status  W workflow  </> I sort  ? help  q quit`);

	await app.press('j', 'j', keys.enter);
	const run = frame(await app.waitFor(text => text.includes('Fetch data'), 'the run'));
	t.is(run, `${header}
Runs  status any  filter - › run a1000000
a1000000-0000-4000-8000-000000000001  report  completed  org acme  via api
created 5m ago · took 10.0s · steps 3/3 · trace trace-1
context {"customer":"c-42"}
   # NODE             STATUS       TOOK TIMELINE             EVENTS SHOTS RETRY
›  1 Fetch data       completed    2.0s ████················      2     0     0
   2 Render           completed    6.0s ····████████████····     60     2     0
   3 Send             completed    2.0s ················████      1     0     0
${blank(11)}
j/k  Enter events  d details  v pager  Esc back  ? help  q quit  Tab/1-5 view`);

	await app.press('j', keys.enter);
	await app.waitFor(text => text.includes('events 60'), 'the events');
	await app.press('G');
	const events = frame(await app.waitFor(text => text.includes('›   60') && text.includes('screenshots 2'), 'the last event'));
	t.is(events, `${header}
Runs  status any  filter - › run a1000000 › step 2 Render
screenshots 2  shot-1.png https://example.test/shot-2.png
events 60
     # TIME         TYPE                 DATA
${Array.from({length: 10}, (_, index) => `    ${index + 50} ${clock(index + 50)} page                 {"n":${index + 50}}`).join('\n')}
›   60 10:01:30.000 page                 {"n":60}
 ↑ 49 above
{"n":60,"type":"page","timestamp":"2024-01-01T10:01:30.000Z"}
${blank(2)}
j/k PgUp/PgDn g/G  Enter read  v pager  Esc back  ? help  q quit  Tab/1-5 view`);

	// Esc pops back to the run with the step still selected, then to the list.
	await app.press(keys.escape);
	t.true(frame(await app.waitFor(text => text.includes('›  2 Render'), 'the run again')).includes('Runs  status any  filter - › run a1000000'));
	await app.press(keys.escape);
	t.true((await app.waitFor(text => text.includes('24 runs'), 'the list again')).includes('›a1000000 report'));
});

test(': opens a run by id, full or short, from any view; an ambiguous one says so', async t => {
	const {app} = await openUi(t);
	await app.press(':', ...'a2000000', keys.enter);
	const run = await app.waitFor(text => text.includes('a2000000-0000-4000-8000-000000000002  report  failed'), 'the run');
	t.true(run.includes('› run a2000000'));
	await app.press('1', ':', ...'b00000', keys.enter);
	const ambiguous = await app.waitFor(text => text.includes('b00000 is ambiguous'), 'the ambiguity');
	t.true(ambiguous.includes('Stuck runs'), 'still on the Status view');
});

test('the events of a running step follow new ones while the selection is at the bottom, as tail -f', async t => {
	const {app, database} = await openUi(t);
	await withClient(database.url, async client => client.query(`INSERT INTO workflow_run_steps
		(run_id, organization_id, node_id, name, step_number, status, started_at, events, screenshots)
		VALUES ($1, $2, 'crawl', 'Crawl', 1, 'running', now() - interval '1 minute', '[{"type": "a"}, {"type": "b"}, {"type": "c"}]', '[]')`,
	[ids.running, ids.acme]));
	await app.press(':', ...'a3000000', keys.enter);
	await app.waitFor(text => text.includes('Crawl'), 'the running run');
	await app.press(keys.enter);
	await app.waitFor(text => text.includes('events 3'), 'its events');
	await app.press('G');
	await app.waitFor(text => /^›\s+3 /m.test(text) && text.includes('following'), 'the last event, following');
	await withClient(database.url, async client => client.query(
		'UPDATE workflow_run_steps SET events = events || \'[{"type": "d"}]\' WHERE run_id = $1', [ids.running]));
	// A refresh, no key pressed: the new event appears and stays selected.
	await app.sampler.refresh();
	const followed = await app.waitFor(text => /^›\s+4 /m.test(text), 'the new event');
	t.true(followed.includes('events 4'), followed);
});

test('G on a step of 20,000 events goes to the 20,000th', async t => {
	const {app, database} = await openUi(t);
	await withClient(database.url, async client => client.query(`UPDATE workflow_run_steps
		SET events = (SELECT jsonb_agg(jsonb_build_object('type', 'page', 'n', g)) FROM generate_series(1, 20000) AS g)
		WHERE run_id = $1 AND step_number = 2`, [ids.completed]));
	await app.press(':', ...'a1000000', keys.enter);
	await app.waitFor(text => text.includes('Render'), 'the run');
	await app.press('j', keys.enter);
	await app.waitFor(text => text.includes('events 20000'), 'the step\'s real count');
	await app.press('G');
	const last = await app.waitFor(text => /^›\s*20000 /m.test(text), 'the 20,000th event', 30_000);
	t.true(last.includes('{"n":20000'), last);
});

test('G on a step of 50,000 events reads its last page from there, not every page up to it; g goes back to the first', async t => {
	const {app, database} = await openUi(t);
	await withClient(database.url, async client => client.query(`UPDATE workflow_run_steps
		SET events = (SELECT jsonb_agg(jsonb_build_object('type', 'page', 'n', g)) FROM generate_series(1, 50000) AS g)
		WHERE run_id = $1 AND step_number = 2`, [ids.completed]));
	await app.press(':', ...'a1000000', keys.enter);
	await app.waitFor(text => text.includes('Render'), 'the run');
	await app.press('j', keys.enter);
	await app.waitFor(text => text.includes('events 50000'), 'the step\'s real count');
	await app.press('G');
	const last = await app.waitFor(text => /^›\s*50000 /m.test(text), 'the 50,000th event', 30_000);
	t.true(last.includes('{"n":50000'), last);
	// "(loading…)" may show while the list checks for more after its last page.
	t.regex(last, /events 50000(?: \(loading…\))? {2}from #49801, the last page/);
	// The row above is the one before it: the page is in order, numbered by position in the step.
	t.regex(last, /^ 49999 .*"n":49999/m);
	await app.press('g');
	const first = await app.waitFor(text => /^›\s*1 /m.test(text), 'the first event again');
	t.false(first.includes('from #'));
});

test('keys sent in a burst all land in order, and pasted text is never a command', async t => {
	const {app} = await openUi(t);
	await app.press('5');
	await app.waitFor(text => text.includes('24 runs'), 'the runs list');
	// As the terminal delivers a fast typist: `/`, then the text, then Enter, in three reads at once.
	app.burst('/', 'zzzzzzzz2', '\r');
	const typed = await app.waitFor(text => text.includes('filter "zzzzzzzz2"  0 runs'), 'the whole filter');
	t.true(typed.includes('Runs  status any'), 'still the runs view');
	app.burst(keys.escape);
	await app.waitFor(text => text.includes('filter -  24 runs'), 'the filter cleared');

	// A paste outside the filter: its `q`, `2` and Enter do nothing.
	app.burst('\u001B[200~q2\r\u001B[201~');
	await app.press('r');
	t.true(app.frame().includes('filter -  24 runs'), app.frame());
	// A paste into the filter is text, then a typed key and Enter follow it in order.
	app.burst('/', '\u001B[200~dis\u001B[201~', 'k\r');
	await app.waitFor(text => text.includes('filter "disk"  1 run'), 'the pasted filter');
});

test('the runs list filters by text and status, and the filter stays in sight when drilled in', async t => {
	const {app} = await openUi(t);
	await app.press('5');
	await app.waitFor(text => text.includes('24 runs'), 'the runs list');

	await app.press('/', 'd', 'i', 's', 'x', keys.backspace, 'k');
	// Under load the last keys may not be drawn yet when press() returns: wait for them.
	await app.waitFor(text => text.includes('Runs  status any  filter /disk (Enter apply, Esc cancel)'), 'the filter being edited');
	await app.press(keys.enter);
	const filtered = frame(await app.waitFor(text => text.includes(' 1 run'), 'the filtered list'));
	t.is(filtered.split('\n').slice(3, 7).join('\n'), `Runs  status any  filter "disk"  1 run
 RUN      WORKFLOW       STATUS     AGE DURATION STEPS ORG      ERROR
›a2000000 report         failed      3m     5.0s   0/1 acme     disk quota ex…
`);
	await app.press(keys.enter);
	const run = frame(await app.waitFor(text => text.includes('EDQUOT'), 'the run'));
	t.is(run.split('\n').slice(3, 7).join('\n'), `Runs  status any  filter "disk" › run a2000000
a2000000-0000-4000-8000-000000000002  report  failed  org acme  via cron
created 3m ago · took 5.0s · steps 0/1
error: disk quota exceeded {"code":"EDQUOT"}`);

	// Back, clear the text, then `s` cycles statuses: any → queued → running → waiting → completed.
	await app.press(keys.escape, '/', keys.backspace, keys.backspace, keys.backspace, keys.backspace, keys.enter);
	await app.waitFor(text => text.includes('24 runs'), 'the whole list');
	const before = app.frames().length;
	await app.press('s');
	await app.waitFor(text => text.includes('status queued  filter -  1 run'), 'queued runs');
	// No frame ever shows the previous filter's rows under the new one's label.
	const mixed = app.frames().slice(before).find(text => text.includes('status queued') && / (completed|failed|running) +\d/.test(text));
	t.is(mixed, undefined, mixed);
	await app.press('s', 's', 's');
	const completed = await app.waitFor(text => text.includes('status completed  filter -  17 runs'), 'completed runs');
	t.false(completed.includes('failed'));

	// Esc on the list clears its filters.
	await app.press('/', 'd', 'i', 's', 'k', keys.enter);
	await app.waitFor(text => text.includes('status completed  filter "disk"  0 runs'), 'both filters');
	await app.press(keys.escape);
	await app.waitFor(text => text.includes('status any  filter -  24 runs'), 'no filters');
});

test('an org scope shows only that org\'s runs', async t => {
	const {app} = await openUi(t, {org: {id: '00000000-0000-4000-8000-00000000000b', slug: 'other', name: 'Other'}});
	await app.press('5');
	const empty = await app.waitFor(text => text.includes('no runs match'), 'an empty list');
	t.true(empty.includes('org other'));
});

test('an open runs list follows refreshes while its top is in sight, keeps the selected run by id, stays put when scrolled', async t => {
	const {app, database} = await openUi(t);
	await app.press('5');
	await app.waitFor(text => text.includes('24 runs'), 'the runs list');
	const addRun = async (prefix: string) => withClient(database.url, async client => client.query(
		`INSERT INTO workflow_runs (id, organization_id, workflow_id, status, created_at)
		VALUES ($1, $2, (SELECT workflow_id FROM workflow_runs WHERE id = $3), 'queued', now())`,
		[`${prefix}-0000-4000-8000-000000000009`, ids.acme, ids.queued],
	));

	// At the top: a refresh (the timer's, no key pressed) brings the new run in above; the selection stays on its run.
	await addRun('a6000000');
	await app.sampler.refresh();
	const followed = await app.waitFor(text => text.includes('25 runs'), 'the new run');
	t.true(followed.includes(' a6000000 report         queued') && followed.includes('›a4000000'), followed);

	// Scrolled down: refreshes leave the rows and the selection where they are.
	await app.press('G');
	const bottom = await app.waitFor(text => /›\w{8} /.test(text) && !text.includes('›a4000000'), 'the last row selected');
	const selectedId = /›(\w{8}) /.exec(bottom)![1]!;
	await addRun('a7000000');
	await app.sampler.refresh();
	await app.sampler.refresh();
	// Time for a reload to show, were one (wrongly) started.
	await new Promise(resolve => {
		setTimeout(resolve, 300);
	});
	const still = app.frame();
	t.true(still.includes('25 runs') && still.includes(`›${selectedId}`) && !still.includes('a7000000'), still);
	// `r` reloads it all the same, and the selection stays on the same run with a new one above it.
	await app.press('r');
	const reloaded = await app.waitFor(text => text.includes('26 runs'), 'the reload');
	t.true(reloaded.includes(`›${selectedId}`), reloaded);

	// An open run follows its changes.
	await app.press('g', 'j', 'j');
	await app.waitFor(text => text.includes('›a4000000'), 'the queued run selected');
	await app.press(keys.enter);
	await app.waitFor(text => text.includes('a4000000-0000-4000-8000-000000000004  report  queued'), 'the run');
	await withClient(database.url, async client => client.query('UPDATE workflow_runs SET status = \'running\', started_at = now() WHERE id = $1', [ids.queued]));
	await app.sampler.refresh();
	await app.waitFor(text => text.includes('a4000000-0000-4000-8000-000000000004  report  running'), 'the run, now running');
	t.pass();
});

test('time-ordered run ids (UUIDv7), alike in their first characters, are told apart by their random end', async t => {
	const {app, database} = await openUi(t);
	await withClient(database.url, async client => client.query(
		`INSERT INTO workflow_runs (id, organization_id, workflow_id, status, created_at)
		SELECT id::uuid, $1, (SELECT workflow_id FROM workflow_runs WHERE id = $2), 'queued', now()
		FROM unnest(ARRAY['019ab2c3-d4e5-7f00-8a6b-5c1d2e3f4a5b', '019ab2c3-d4e5-7f00-9b7c-6d2e3f4a5b6c']) AS id`,
		[ids.acme, ids.queued],
	));
	await app.press('5');
	const list = await app.waitFor(text => text.includes('26 runs'), 'the runs list');
	t.true(list.includes('2e3f4a5b report'), list);
	t.true(list.includes('3f4a5b6c report'), list);
	t.false(list.includes('019ab2c3'));
	// v4 ids keep their first 8 characters.
	t.true(list.includes('a4000000 report'));
});
