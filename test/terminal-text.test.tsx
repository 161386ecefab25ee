import test from 'ava';
import {visible} from '../source/terminal-text.js';
import {runCli} from './helpers/cli.js';
import {withClient} from './helpers/database.js';
import {ids, keys, openUi} from './helpers/ui-fixture.js';

// What an attacker who can make a workflow fail would write into its error message.
const osc = '\u001B]2;PWNED-TITLE\u0007';
const csi = '\u001B[41m\u001B[2J';
const c1 = '\u009B31m';
const clipboard = '\u001B]52;c;cm0gLXJmIH4=\u0007';
const bidi = 'invoice \u202Egnp.exe\u202C';
const hostile = `${osc}${csi}red ${c1}alert${clipboard} ${bidi}\r\tend\u007F`;

/** Characters that would drive a terminal if they reached it raw. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const raw = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

test('control characters become visible, one column each', t => {
	t.is(visible('\u001B]2;x\u0007'), '␛]2;x␇');
	t.is(visible('a\u009Bb\u202Ec\u2066d\u007Fe\r\n\t'), 'a�b�c�d␡e␍␊␉');
	t.is(visible(hostile).length, hostile.length);
	t.false(raw.test(visible(hostile)));
	t.is(visible('plain text, ünïcödé, 日本'), 'plain text, ünïcödé, 日本');
});

test('an error message with OSC, CSI, C1 and bidi controls is drawn inert in top errors and in the run', async t => {
	const {app, database} = await openUi(t, {columns: 100, rows: 30});
	await withClient(database.url, async client => client.query(
		`INSERT INTO workflow_runs (id, organization_id, workflow_id, status, created_at, started_at, ended_at, error_message)
		VALUES ('a9000000-0000-4000-8000-000000000009', $1, $2, 'failed', now() - interval '2 minutes',
			now() - interval '2 minutes', now() - interval '1 minute', $3)`,
		[ids.acme, ids.ingest, hostile],
	));
	await app.sampler.refresh();
	const status = await app.waitFor(text => text.includes('PWNED'), 'the hostile error in top errors');
	t.true(status.includes('␛]2;PWNED-TITLE␇'), status);
	t.false(raw.test(status), JSON.stringify(status));

	await app.press('5', '/', ...'a9000000', keys.enter);
	await app.waitFor(text => text.includes('›a9000000'), 'the run in the list');
	await app.press(keys.enter);
	const run = await app.waitFor(text => text.includes('a9000000-0000-4000-8000-000000000009'), 'the run');
	t.true(run.includes('␛[41m'), run);
	t.false(raw.test(app.frames().join('')));
});

test('a user value echoed in an error line has its control characters made visible', async t => {
	const {database} = await openUi(t);
	const result = await runCli(['snapshot', '--org', `evil${osc}org`], {databaseUrl: database.url});
	t.is(result.code, 2);
	t.true(result.stderr.includes('evil␛]2;PWNED-TITLE␇org'), result.stderr);
	t.false(raw.test(result.stderr.replaceAll('\n', '')), JSON.stringify(result.stderr));
});
