import test from 'ava';
import {openSession} from '../source/session.js';
import {withClient} from './helpers/database.js';
import {createUiDatabase, ids, keys, openUi, renderApp} from './helpers/ui-fixture.js';

// The runs list's own keys: `<` `>` sort, `I` reverse, `W` workflow, `w` scope, `G` from the end, `o` org.

const short = (id: string) => id.slice(0, 8);
const selectedRow = (frame: string) => frame.split('\n').find(line => line.startsWith('›')) ?? '';
const firstRow = (frame: string) => frame.split('\n')[5] ?? '';

test('> sorts the runs list by duration, I reverses it, and the header says so', async t => {
	const {app, database} = await openUi(t);
	await app.press('5');
	await app.waitFor(text => text.includes('24 runs'), 'the runs list');
	const order = async (direction: 'ASC' | 'DESC') => withClient(database.url, async client => {
		const {rows} = await client.query<{id: string}>(`SELECT id FROM workflow_runs
			ORDER BY coalesce(duration_ms, -1) ${direction}, created_at ${direction}, id ${direction} LIMIT 1`);
		return rows[0]!.id;
	});

	await app.press('>');
	const longest = await app.waitFor(text => text.includes('sort duration ↓  24 runs'), 'sorted by duration');
	t.true(firstRow(longest).startsWith(`›${short(await order('DESC'))}`), firstRow(longest));
	t.regex(firstRow(longest), / 21\.0s /);
	await app.press('I');
	const shortest = await app.waitFor(text => text.includes('sort duration ↑  24 runs'), 'reversed');
	t.true(firstRow(shortest).startsWith(`›${short(await order('ASC'))}`), firstRow(shortest));
	await app.press('>');
	const byStatus = await app.waitFor(text => text.includes('sort status ↓  24 runs'), 'sorted by status, reversed');
	t.regex(firstRow(byStatus), / running /);
	// Back round to created, reversed: the oldest run first.
	await app.press('>', '>', 'I');
	const newest = await app.waitFor(text => text.includes('Runs  status any  filter -  24 runs'), 'the default order again');
	t.regex(firstRow(newest), /^›a4000000 /);
});

test('W picks a workflow from a list and w scopes the list by creation time; Esc clears both', async t => {
	const {app, database} = await openUi(t);
	await app.press('5');
	await app.waitFor(text => text.includes('24 runs'), 'the runs list');
	await app.press('W');
	const picker = await app.waitFor(text => text.includes('Show the runs of workflow'), 'the workflow picker');
	t.deepEqual(picker.split('\n').slice(5, 8).map(line => line.trim()), ['›any workflow', 'ingest', 'report']);
	await app.press('j', 'q');
	await app.waitFor(text => text.includes('24 runs') && !text.includes('workflow ingest'), 'q closes the picker, nothing picked');
	await app.press('W');
	await app.waitFor(text => text.includes('›any workflow'), 'the picker again');
	await app.press('j', 'j', keys.enter);
	const reports = await app.waitFor(text => /workflow report {2}filter - {2}\d+ runs$/m.test(text), 'the report runs');
	const count = async (where: string) => withClient(database.url, async client => {
		const {rows} = await client.query<{n: number}>(`SELECT count(*)::int AS n FROM workflow_runs r
			JOIN workflows w ON w.id = r.workflow_id WHERE ${where}`);
		return rows[0]!.n;
	});
	t.true(reports.includes(`  ${await count('w.name = \'report\'')} runs`), reports);
	t.false(reports.includes(' ingest '));

	await app.press('w');
	const recent = await app.waitFor(text => /since 5m\S* {2}\d+ runs?$/m.test(text), 'the 5-minute scope');
	const inScope = await count('w.name = \'report\' AND r.created_at >= now() - interval \'5 minutes\'');
	t.true(recent.includes(`  ${inScope} run${inScope === 1 ? '' : 's'}`), recent);
	await app.press(keys.escape);
	await app.waitFor(text => text.includes('Runs  status any  filter -  24 runs'), 'Esc clears workflow and scope');
});

test('G on a long runs list reads it from the end: the oldest run is selected at the bottom without reading it all', async t => {
	const {app, database} = await openUi(t, {rows: 30});
	// 600 more runs, older than the fixture's, so the list is longer than a page.
	await withClient(database.url, async client => client.query(`
		INSERT INTO workflow_runs (organization_id, workflow_id, status, created_at)
		SELECT '${ids.acme}', '${ids.ingest}', 'queued', now() - interval '2 hours' - make_interval(secs => g)
		FROM generate_series(1, 600) AS g;
		ANALYZE workflow_runs`));
	const oldest = await withClient(database.url, async client => {
		const {rows} = await client.query<{id: string}>('SELECT id FROM workflow_runs ORDER BY created_at, id LIMIT 1');
		return rows[0]!.id;
	});
	await app.press('5');
	await app.waitFor(text => /Runs {2}status any {2}filter - {2}\d+ of ~\d+ runs/.test(text), 'the first page, with an estimate');
	await app.press('G');
	const end = await app.waitFor(text => selectedRow(text).startsWith(`›${short(oldest)}`), 'the oldest run selected');
	const read = Number(/last (\d+) of ~\d+ runs/.exec(end)?.[1]);
	t.true(read > 0 && read < 624, end);
	// The selection is the list's last row on screen.
	const rows = end.split('\n').filter(line => /^[› ][\da-f]{8} /.test(line));
	t.is(rows.at(-1), selectedRow(end));
	await app.press('g');
	await app.waitFor(text => firstRow(text).startsWith('›a4000000'), 'g: the newest again');
});

test('o switches the org scope from a list, and back to all orgs', async t => {
	const database = await createUiDatabase();
	t.teardown(database.drop);
	const session = await openSession({
		source: {kind: 'server', url: database.url, origin: 'DATABASE_URL'}, noApply: true, connectTimeoutMs: 5000, statementTimeoutMs: 5000,
	});
	t.teardown(session.close);
	const app = renderApp(session);
	t.teardown(app.close);
	await app.waitFor(text => text.includes('refreshed'), 'the first refresh');
	await app.press('5');
	await app.waitFor(text => text.includes('24 runs'), 'every org\'s runs');
	// What took the session's pool at open (the demo simulator) keeps it through every switch.
	const firstPool = session.pool;
	await app.press('o');
	const picker = await app.waitFor(text => text.includes('Scope to organization'), 'the org picker');
	t.deepEqual(picker.split('\n').slice(5, 8).map(line => line.split(/\s{2,}/)[0]!.trim()), ['›all orgs', 'acme', 'other']);
	await app.press('j', 'j', keys.enter);
	const other = await app.waitFor(text => text.includes('org other') && text.includes('no runs match'), 'the other org');
	t.false(other.includes('acme'));
	await app.press('o');
	await app.waitFor(text => text.includes('›other'), 'the picker on the current org');
	await app.press('g', keys.enter);
	await app.waitFor(text => text.includes('org all') && text.includes('24 runs'), 'all orgs again');
	t.is((await firstPool.query<{n: number}>('SELECT count(*)::int AS n FROM workflow_runs')).rows[0]!.n, 24);
	await app.press('?');
	const help = await app.waitFor(text => text.includes('Keys, by view'), 'the help');
	t.true(help.includes('scope to another org'));
});
