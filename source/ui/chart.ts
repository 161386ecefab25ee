import asciichart from 'asciichart';
import {seg, type Line} from './lines.js';
import {color} from './theme.js';

/**
A line chart of `values` (oldest first) in `height` lines of at most `width`
characters, title included; only the newest values that fit are drawn. A null
value (a bucket with nothing to measure) is a gap in the line, not a zero.
*/
export function chartLines(title: string, values: ReadonlyArray<number | null>, options: {width: number; height: number; format: (value: number) => string; tint?: string}): Line[] {
	if (options.height <= 0) {
		return [];
	}

	const titleLine: Line = [seg(title, {bold: true, color: color('cyan')})];
	const plotHeight = options.height - 1;
	if (plotHeight < 1) {
		return [titleLine];
	}

	const labelWidth = 7;
	const points = Math.max(1, options.width - labelWidth - 2);
	const shown = values.slice(-points).map(value => value !== null && Number.isFinite(value) ? value : null);
	const known = shown.filter((value): value is number => value !== null);
	if (known.length === 0) {
		return [titleLine, [seg('no data', {dim: true})]];
	}

	// Asciichart draws every point: a gap holds the value before it and is blanked after drawing.
	let held = known[0]!;
	const series = shown.map(value => {
		held = value ?? held;
		return held;
	});
	const max = Math.max(...known);
	const min = Math.min(...known);
	const text = asciichart.plot(series.length === 1 ? [series[0]!, series[0]!] : series, {
		// Asciichart draws height + 1 rows.
		height: Math.max(0, plotHeight - 1),
		min: Math.min(0, min),
		max: max === min ? max + 1 : max,
		// Axis labels are computed in floating point: a tiny negative would print as "-0".
		format: value => options.format(Math.abs(value) < 1e-9 ? 0 : value).padStart(labelWidth).slice(-labelWidth),
	});
	const tint = options.tint === undefined ? undefined : color(options.tint);
	const rows = text.split('\n').slice(0, plotHeight).map(row => [seg(blankGaps(row, shown, labelWidth).slice(0, options.width), {color: tint})]);
	return [titleLine, ...rows];
}

/**
Blank the column where the line arrives at a missing point. With the label in
the first `labelWidth` characters and asciichart's offset of 3, the line into
point x is drawn at character labelWidth + 1 + x.
*/
function blankGaps(row: string, values: ReadonlyArray<number | null>, labelWidth: number): string {
	const characters = [...row];
	for (const [index, value] of values.entries()) {
		const column = labelWidth + 1 + index;
		if (value === null && index > 0 && column < characters.length) {
			characters[column] = ' ';
		}
	}

	return characters.join('');
}
