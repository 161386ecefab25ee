import test from 'ava';
import {chartLines} from '../source/ui/chart.js';

const rows = (values: Array<number | null>) => chartLines('p95', values, {width: 20, height: 5, format: value => `${value.toFixed(0)}s`})
	.slice(1)
	.map(line => line.map(part => part.text).join(''));

test('a bucket with nothing to measure is a gap in the line, not a drop to zero', t => {
	// Zeros would draw the line down to 0s and back; gaps leave the columns empty.
	t.deepEqual(rows([6, 6, 0, 0, 6, 6]).map(row => row.trimEnd()), ['     6s ┼─╮ ╭─', '     4s ┤ │ │', '     2s ┤ │ │', '     0s ┤ ╰─╯']);
	t.deepEqual(rows([6, 6, null, null, 6, 6]).map(row => row.trimEnd()), ['     7s ┼─  ──', '     5s ┤', '     2s ┤', '     0s ┤']);
});

test('a chart of only gaps says there is no data', t => {
	t.deepEqual(chartLines('p95', [null, null], {width: 20, height: 5, format: String}).map(line => line.map(part => part.text).join('')), ['p95', 'no data']);
});
