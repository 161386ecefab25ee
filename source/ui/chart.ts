import asciichart from 'asciichart';
import {seg, type Line} from './lines.js';
import {color} from './theme.js';

/**
A line chart of `values` (oldest first) in `height` lines of at most `width`
characters, title included; only the newest values that fit are drawn. A null
value (a bucket with nothing to measure) is a gap in the line, not a zero.
*/
export function chartLines(title: string, values: ReadonlyArray<number | null>, options: {
	width: number;
	height: number;
	format: (value: number) => string;
	tint?: string;
	/** A dim line under the title: what the chart leaves out, the bucket still filling. */
	note?: string;
}): Line[] {
	if (options.height <= 0) {
		return [];
	}

	const titleLine: Line = [seg(title, {bold: true, color: color('cyan')})];
	const head: Line[] = options.note === undefined || options.height < 3
		? [titleLine]
		: [titleLine, [seg(options.note.slice(0, options.width), {dim: true})]];
	const plotHeight = options.height - head.length;
	if (plotHeight < 1) {
		return head;
	}

	const labelWidth = 7;
	const points = Math.max(1, options.width - labelWidth - 2);
	const shown = values.slice(-points).map(value => value !== null && Number.isFinite(value) ? value : null);
	const known = shown.filter((value): value is number => value !== null);
	if (known.length === 0) {
		return [...head, [seg('no data', {dim: true})]];
	}

	// Asciichart draws every point: a gap holds the value before it and is blanked after drawing.
	let held = known[0]!;
	const series = shown.map(value => {
		held = value ?? held;
		return held;
	});
	const max = Math.max(...known);
	const min = Math.min(...known);
	const scale = {min: Math.min(0, min), max: max === min ? max + 1 : max, height: Math.max(0, plotHeight - 1)};
	const text = asciichart.plot(series.length === 1 ? [series[0]!, series[0]!] : series, {
		// Asciichart draws height + 1 rows.
		...scale,
		// Axis labels are computed in floating point: a tiny negative would print as "-0".
		format: value => options.format(Math.abs(value) < 1e-9 ? 0 : value).padStart(labelWidth).slice(-labelWidth),
	});
	// The row asciichart puts a value on, by its own arithmetic.
	const ratio = scale.height / (scale.max - scale.min);
	const plotRow = (value: number) => Math.round(scale.max * ratio) - Math.round(value * ratio);
	const tint = options.tint === undefined ? undefined : color(options.tint);
	const rows = text.split('\n').slice(0, plotHeight)
		.map((row, index) => [seg(blankGaps(row, index, shown, {labelWidth, plotRow}).slice(0, options.width), {color: tint})]);
	return [...head, ...rows];
}

/**
Make gaps clean: a segment column (the line from point x to x + 1, drawn at
character labelWidth + 2 + x) is blank when either end is missing, but for a
short stub at the row of its known end, so a point next to a gap still shows.
*/
function blankGaps(row: string, rowIndex: number, values: ReadonlyArray<number | null>, geometry: {
	labelWidth: number;
	plotRow: (value: number) => number;
}): string {
	const characters = [...row];
	for (let x = 0; x + 1 < values.length; x++) {
		const from = values[x] ?? null;
		const to = values[x + 1] ?? null;
		const column = geometry.labelWidth + 2 + x;
		if ((from !== null && to !== null) || column >= characters.length) {
			continue;
		}

		const stub = from === null ? (to !== null && geometry.plotRow(to) === rowIndex ? '╶' : ' ')
			: (geometry.plotRow(from) === rowIndex ? '╴' : ' ');
		characters[column] = stub;
	}

	return characters.join('');
}
