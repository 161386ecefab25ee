import test from 'ava';
import {withClient} from './helpers/database.js';
import {ids, keys, openUi} from './helpers/ui-fixture.js';

const futureRun = 'f1000000-0000-4000-8000-000000000001';
const waitingRun = 'f2000000-0000-4000-8000-000000000002';

test('the Status view counts rows that break invariants and Enter lists exactly those runs; Esc lists every run again', async t => {
	const {app, database} = await openUi(t);
	t.regex(app.frame(), /Data quality {2}no rows break the model's invariants/);
	await withClient(database.url, async client => client.query(`
		INSERT INTO workflow_runs (id, organization_id, workflow_id, status, created_at, started_at, ended_at) VALUES
			('${futureRun}', '${ids.acme}', '${ids.ingest}', 'failed', now() - interval '5 minutes',
				now() - interval '5 minutes', now() + interval '10 minutes'),
			('${waitingRun}', '${ids.acme}', '${ids.ingest}', 'waiting', now() - interval '2 days',
				now() - interval '2 days', now() - interval '1 day')`));
	await app.press('r');
	const status = await app.waitFor(text => text.includes('Data quality  2'), 'the data-quality line');
	t.regex(status, /Data quality {2}2 \(Enter lists them\) {2}ended_in_future 1 {2}ended_but_not_final 1/);

	await app.press(keys.enter);
	const listed = await app.waitFor(text => /data-quality samples {2}2 runs$/m.test(text), 'the samples');
	t.regex(listed, /only 2 data-quality samples/);
	t.regex(listed, /f1000000 ingest +failed/);
	t.regex(listed, /f2000000 ingest +waiting/);

	await app.press(keys.escape);
	const all = await app.waitFor(text => !text.includes('data-quality samples') && /\d+ runs/.test(text), 'every run');
	t.notRegex(all, /\b2 runs/);
});

test('under --org the storage view says its sizes are the whole database\'s', async t => {
	const {app} = await openUi(t, {org: {id: ids.acme, slug: 'acme', name: 'Acme'}});
	await app.press('3');
	const storage = await app.waitFor(text => text.includes('tables ·'), 'the storage view');
	t.regex(storage, /^Storage {2}database-wide, not scoped to acme · \d+\.\dK in 13 tables/m);
	t.is(app.sampler.getState().value?.storage.data?.scope, 'database');
});
