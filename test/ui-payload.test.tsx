import test from 'ava';
import {withClient} from './helpers/database.js';
import {ids, keys, openUi} from './helpers/ui-fixture.js';

// A 3,000-character event: numbered words, then one that ends it.
const words = Array.from({length: 500}, (_, index) => `w${String(index).padStart(4, '0')}`);
const lastWord = 'final-token-of-the-payload';
const bigEvent = {type: 'big', text: `${words.join(' ')} ${lastWord}`};

/** The pane's text lines in a frame: between the position line and the footer. */
const paneText = (frame: string) => {
	const lines = frame.split('\n');
	const from = lines.findIndex(line => line.startsWith('lines '));
	return lines.slice(from + 1, -1);
};

test('Enter on a 3,000-character event reads it whole: G shows its last line, no word is cut, w unwraps, Esc returns to it', async t => {
	t.true(JSON.stringify(bigEvent).length > 3000);
	const {app, database} = await openUi(t);
	await withClient(database.url, async client => client.query(
		`UPDATE workflow_run_steps SET events = jsonb_build_array('{"type": "start"}'::jsonb, $2::jsonb, '{"type": "done"}'::jsonb)
		WHERE run_id = $1 AND step_number = 1`, [ids.completed, JSON.stringify(bigEvent)]));
	await app.press(':', ...'a1000000', keys.enter);
	await app.waitFor(text => text.includes('Fetch data'), 'the run');
	await app.press(keys.enter);
	// The count shows before the rows are read: wait for the rows.
	await app.waitFor(text => /^\s+3 +done/m.test(text), 'the events');
	await app.press('j', keys.enter);
	const opened = await app.waitFor(text => /^lines 1-17 of \d+ · [\d,]+ bytes · wrap$/m.test(text), 'the pane');
	t.true(opened.includes('› run a1000000 › step 1 Fetch data › event 2'), opened);
	t.true(opened.includes('  "text": "w0000 w0001 w0002'), opened);
	t.false(opened.includes(lastWord), 'the end is below the window');

	await app.press('G');
	const end = await app.waitFor(text => text.includes(lastWord), 'the last line');
	const body = paneText(end);
	// JSONB orders keys by length, then bytes: "type" comes after "text".
	t.deepEqual(body.slice(-2), ['  "type": "big"', '}'], end);
	t.true(body.at(-3)!.endsWith(`${lastWord}",`), end);
	// Every word on screen is whole: the wrap broke between words, never inside one.
	for (const line of body) {
		t.true([...line].length <= 80, line);
		for (const token of line.match(/w\d+/g) ?? []) {
			t.true(words.includes(token), `${token} is a whole word in: ${line}`);
		}
	}

	// No wrap: one line for the text, cut with …, and l pans along it.
	await app.press('w');
	const unwrapped = await app.waitFor(text => text.includes('· no wrap'), 'no wrap');
	const textLine = paneText(unwrapped).find(line => line.startsWith('  "text": "w0000 w0001'));
	t.truthy(textLine, unwrapped);
	t.is([...textLine!].length, 80);
	t.true(textLine!.endsWith('…'));
	await app.press('l');
	const panned = await app.waitFor(text => text.includes('from column 21'), 'panned');
	t.true(paneText(panned).some(line => line.startsWith('…') && line.endsWith('…')), panned);
	await app.press('w');
	await app.waitFor(text => text.includes('· wrap'), 'wrapped again');

	await app.press(keys.escape);
	const back = await app.waitFor(text => text.includes('events 3') && !text.includes('· wrap'), 'the events again');
	t.regex(back, /^›\s+2 +big /m, 'the same event is selected');
});

test('d on a run reads its context, parameters, result and error details in the same pane', async t => {
	const {app} = await openUi(t);
	await app.press(':', ...'a2000000', keys.enter);
	await app.waitFor(text => text.includes('disk quota exceeded') && text.includes('Write'), 'the failed run');
	await app.press('d');
	const details = await app.waitFor(text => text.includes('› run a2000000 › details'), 'the details');
	for (const expected of ['  "context": {},', '  "parameters": {},', '  "result": null,',
		'  "error_message": "disk quota exceeded",', '  "error_details": {', '    "code": "EDQUOT"']) {
		t.true(details.includes(expected), `${expected} in:\n${details}`);
	}

	await app.press(keys.escape);
	await app.waitFor(text => /^›\s+1 Write/m.test(text), 'the run again, its step selected');
	t.pass();
});
