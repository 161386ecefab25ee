import {chartLines} from '../../chart.js';
import {formatCount, formatRate} from '../../format.js';
import {clip, seg, type Line} from '../../lines.js';
import type {ListState} from '../../list-state.js';
import type {PopulationDay, Snapshot} from '../../../model/snapshot.js';
import {errorLine, tableLines, titleLine, type Column, type ViewSize} from '../../table.js';
import {color} from '../../theme.js';

const columns: Array<Column<PopulationDay>> = [
	{title: 'DAY', width: 10, value: row => row.day.slice(0, 10)},
	{title: 'ROWS', width: 8, align: 'right', value: row => formatCount(row.rows)},
	{title: 'WITH EXEC', width: 9, align: 'right', optional: true, value: row => formatCount(row.with_execution_id)},
	{title: 'RATE', width: 6, align: 'right', value: row => formatRate(row.population_rate), color: row => ((row.population_rate ?? 1) < 0.9 ? color('yellow') : undefined)},
	{title: 'ORPHANS', width: 7, align: 'right', value: row => formatCount(row.orphans), color: row => (row.orphans > 0 ? color('red') : undefined)},
];

/** The population view: per day, report rows with an execution id and the rate as a trend. */
export function populationView(snapshot: Snapshot, state: {list: ListState}, size: ViewSize): Line[] {
	const {width, height} = size;
	const panel = snapshot.population;
	if (panel.error !== null || panel.data === null) {
		return clip([titleLine('Population'), errorLine(panel.error ?? 'no data')], height);
	}

	const data = panel.data;
	const head = titleLine('Population of execution_id', `${formatCount(data.rows)} rows · ${formatRate(data.population_rate)} populated · ${formatCount(data.orphans)} orphans`);
	// Newest day first in the table; the chart runs oldest to newest.
	const days = [...data.days].sort((a, b) => b.day.localeCompare(a.day));
	const chartHeight = height >= 14 ? Math.min(10, Math.floor(height * 0.45)) : 0;
	const chart = chartHeight === 0
		? []
		: chartLines('Population rate per day (%)', [...days].reverse().map(day => day.population_rate === null ? null : day.population_rate * 100), {width, height: chartHeight, format: value => `${value.toFixed(0)}%`, tint: 'green'});
	const table = days.length === 0
		? [[seg('no report rows', {dim: true})]]
		: tableLines(columns, days, {width, height: height - 1 - chartHeight, list: state.list, page: size.page});
	return clip([head, ...table, ...chart], height);
}
