import test from 'ava';
import {chartLines} from '../source/ui/chart.js';

const rows = (values: Array<number | null>) => chartLines('p95', values, {width: 20, height: 5, format: value => `${value.toFixed(0)}s`})
	.slice(1)
	.map(line => line.map(part => part.text).join(''));

test('a bucket with nothing to measure is a gap in the line, not a drop to zero', t => {
	// Zeros would draw the line down to 0s and back; gaps leave the columns empty.
	t.deepEqual(rows([6, 6, 0, 0, 6, 6]).map(row => row.trimEnd()), ['     6s ┼─╮ ╭─', '     4s ┤ │ │', '     2s ┤ │ │', '     0s ┤ ╰─╯']);
	t.deepEqual(rows([6, 6, null, null, 6, 6]).map(row => row.trimEnd()), ['     7s ┼─╴ ╶─', '     5s ┤', '     2s ┤', '     0s ┤']);
});

test('a gap between different levels is clean: no line climbs into or out of it, the points beside it show', t => {
	const drawn = rows([0, 6, null, 3, 0]);
	// Columns 9.. are the segments 0→6, 6→gap, gap→3, 3→0.
	const column = (index: number) => drawn.map(row => [...row.padEnd(20)][index]).join('');
	t.is(column(10).replaceAll(' ', ''), '╴', 'the point before the gap ends in a stub at its level');
	t.is(column(11).replaceAll(' ', ''), '╶', 'the point after it starts with one');
	t.false(/[│╭╮╰╯]/.test(column(10) + column(11)));
});

test('a chart of only gaps says there is no data', t => {
	t.deepEqual(chartLines('p95', [null, null], {width: 20, height: 5, format: String}).map(line => line.map(part => part.text).join('')), ['p95', 'no data']);
});
