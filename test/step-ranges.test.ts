import test from 'ava';
import {stepRanges} from '../source/commands/events.js';

test('an unknown step lists the run\'s steps as ranges, elided after a dozen', t => {
	t.is(stepRanges(Array.from({length: 400}, (_, index) => index + 1)), '1–400');
	t.is(stepRanges([3, 1, 2, 7, 9, 10]), '1–3, 7, 9–10');
	const scattered = stepRanges(Array.from({length: 30}, (_, index) => index * 2));
	t.is(scattered, '0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, … 18 more');
	t.is(stepRanges([]), 'none');
});
