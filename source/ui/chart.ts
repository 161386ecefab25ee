import asciichart from 'asciichart';
import {seg, type Line} from './lines.js';
import {color} from './theme.js';

/**
A line chart of `values` (oldest first) in `height` lines of at most `width`
characters, title included; only the newest values that fit are drawn.
*/
export function chartLines(title: string, values: readonly number[], options: {width: number; height: number; format: (value: number) => string; tint?: string}): Line[] {
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
	const series = values.slice(-points).map(value => Number.isFinite(value) ? value : 0);
	if (series.length === 0) {
		return [titleLine, [seg('no data', {dim: true})]];
	}

	const max = Math.max(...series);
	const min = Math.min(...series);
	const text = asciichart.plot(series.length === 1 ? [series[0]!, series[0]!] : series, {
		// Asciichart draws height + 1 rows.
		height: Math.max(0, plotHeight - 1),
		min: Math.min(0, min),
		max: max === min ? max + 1 : max,
		// Axis labels are computed in floating point: a tiny negative would print as "-0".
		format: value => options.format(Math.abs(value) < 1e-9 ? 0 : value).padStart(labelWidth).slice(-labelWidth),
	});
	const tint = options.tint === undefined ? undefined : color(options.tint);
	const rows = text.split('\n').slice(0, plotHeight).map(row => [seg(row.slice(0, options.width), {color: tint})]);
	return [titleLine, ...rows];
}
