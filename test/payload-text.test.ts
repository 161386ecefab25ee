import test from 'ava';
import {layoutPayload, panLine, prettyJson, wrapTokens} from '../source/ui/views/payload/payload-text.js';
import {openPane, paneReducer} from '../source/ui/views/payload/payload-state.js';

const tokens = (lines: string[]) => lines.join(' ').split(/ +/).filter(Boolean);

test('wrapping breaks only between tokens when every token fits a line', t => {
	const words = Array.from({length: 400}, (_, index) => `word${index}-${'x'.repeat(index % 17)}`);
	const line = `    "text": "${words.join(' ')}",`;
	// The longest token is 24 characters.
	for (const width of [24, 33, 80, 101]) {
		const wrapped = wrapTokens(line, width);
		t.true(wrapped.every(part => [...part].length <= width), `every line fits ${width}`);
		// The same tokens in the same order, none cut in two.
		t.deepEqual(tokens(wrapped), tokens([line]), `no token split at ${width}`);
	}
});

test('continuation lines hang two past the line\'s indent; a token wider than the line is the only one cut', t => {
	t.deepEqual(wrapTokens('  "k": "aaa bbb ccc"', 12), ['  "k": "aaa', '    bbb ccc"']);
	t.deepEqual(wrapTokens('"url": "https://example.test/abcdef"', 12), ['"url":', '  "https://e', '  xample.tes', '  t/abcdef"']);
	t.deepEqual(wrapTokens('short', 12), ['short']);
});

test('the layout pretty-prints JSON and the wrap toggle changes the lines: wrapped, or one per line for panning', t => {
	const text = prettyJson({type: 'page', text: 'alpha beta gamma delta epsilon zeta eta theta'});
	t.is(text, '{\n  "type": "page",\n  "text": "alpha beta gamma delta epsilon zeta eta theta"\n}');
	const wrapped = layoutPayload(text, 24, true);
	const cut = layoutPayload(text, 24, false);
	t.deepEqual(wrapped.lines, ['{', '  "type": "page",', '  "text": "alpha beta', '    gamma delta epsilon', '    zeta eta theta"', '}']);
	t.deepEqual(wrapped.origin, [0, 1, 2, 2, 2, 3]);
	t.deepEqual(cut.lines, text.split('\n'));
	t.is(panLine(cut.lines[2]!, 0, 24), '  "text": "alpha beta g…');
	t.is(panLine(cut.lines[2]!, 30, 24), '…ta epsilon zeta eta th…');
	t.is(panLine(cut.lines[2]!, 57 - 24, 24), '…epsilon zeta eta theta"', 'panned to the end');
	t.is(panLine('{', 6, 24), '');
});

test('the pane scrolls within its lines and pans within its widest line', t => {
	const pane = openPane({a: 1}, ['run x'], 'it');
	const scrolled = paneReducer(pane, {type: 'scroll', move: 'bottom', lines: 50, visible: 18})!;
	t.is(scrolled.top, 32);
	t.is(paneReducer(scrolled, {type: 'scroll', move: 'pageDown', lines: 50, visible: 18})!.top, 32);
	t.is(paneReducer(scrolled, {type: 'scroll', move: 'pageUp', lines: 50, visible: 18})!.top, 14);
	t.is(paneReducer(pane, {type: 'pan', by: 500, widest: 120, width: 80})!.left, 40);
	t.is(paneReducer(pane, {type: 'pan', by: -5, widest: 120, width: 80})!.left, 0);
	t.false(paneReducer(pane, {type: 'wrap', top: 3})!.wrap);
	t.is(paneReducer(pane, {type: 'close'}), null);
});
