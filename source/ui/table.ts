import {fit} from './format.js';
import {clampList, type ListState} from './list-state.js';
import {seg, type Line} from './lines.js';
import {color} from './theme.js';

/** One column of a table. */
export type Column<Row> = {
	title: string;
	/** Characters wide; `flex` takes what the fixed columns leave. */
	width: number | 'flex';
	align?: 'left' | 'right';
	/** Dropped (last first) when the terminal is too narrow for every column. */
	optional?: boolean;
	/** The least a flex column may get before optional columns are dropped. */
	minWidth?: number;
	value: (row: Row, index: number) => string;
	color?: (row: Row) => string | undefined;
};

const minFlex = 8;

/**
A table as lines: a header and only the rows that fit in `height - 1`. The
selected row (when a list state is given) is shown inverted and marked with
`›` in the gutter, so it stays visible without colours.
*/
/** The room a view has; `page` learns how many rows its list shows, for the page keys. */
export type ViewSize = {width: number; height: number; page?: {rows: number}};

/**
A table with a header; with a list, the selected row marked and kept in
sight, and when rows are hidden a last line saying how many are above and below.
*/
export function tableLines<Row>(columns: Array<Column<Row>>, rows: readonly Row[], options: {
	width: number;
	height: number;
	list?: ListState;
	page?: {rows: number};
	/** Keep the selection gutter with no row selected (a table the selection may move into). */
	gutter?: boolean;
}): Line[] {
	if (options.height <= 0) {
		return [];
	}

	const gutter = options.list || options.gutter ? 1 : 0;
	const shown = fitColumns(columns, options.width - gutter);
	const widths = columnWidths(shown, options.width - gutter);
	const header: Line = [seg(' '.repeat(gutter) + shown.map((column, index) => fit(column.title, widths[index] ?? 0, column.align)).join(' '), {bold: true})];
	const hidden = rows.length > options.height - 1 && options.height > 2;
	const visible = options.height - 1 - (hidden ? 1 : 0);
	if (options.list && options.page) {
		options.page.rows = Math.max(1, visible);
	}

	const list = options.list ? clampList(options.list, rows.length, visible) : {selected: -1, offset: 0};
	const out: Line[] = [header];
	for (let index = list.offset; index < Math.min(rows.length, list.offset + visible); index++) {
		const row = rows[index]!;
		const selected = index === list.selected;
		const parts: Line = gutter === 0 ? [] : [seg(selected ? '›' : ' ', {bold: true})];
		for (const [at, column] of shown.entries()) {
			const text = fit(column.value(row, index), widths[at] ?? 0, column.align);
			parts.push(seg(at === 0 ? text : ` ${text}`, {color: selected ? undefined : column.color?.(row), inverse: selected}));
		}

		out.push(parts);
	}

	if (hidden) {
		const below = rows.length - list.offset - visible;
		const marker = [list.offset > 0 ? `↑ ${list.offset} above` : '', below > 0 ? `↓ ${below} more` : ''].filter(Boolean).join('  ');
		out.push([seg(` ${marker}`, {dim: true})]);
	}

	return out;
}

/** The columns that fit in `width`, dropping optional ones from the right. */
function fitColumns<Row>(columns: Array<Column<Row>>, width: number): Array<Column<Row>> {
	const shown = [...columns];
	const need = (list: Array<Column<Row>>) => list.reduce((sum, column) => sum + (column.width === 'flex' ? column.minWidth ?? minFlex : column.width) + 1, -1);
	while (need(shown) > width) {
		const index = shown.findLastIndex(column => column.optional);
		if (index === -1) {
			break;
		}

		shown.splice(index, 1);
	}

	return shown;
}

function columnWidths<Row>(columns: Array<Column<Row>>, width: number): number[] {
	const fixed = columns.reduce((sum, column) => sum + (column.width === 'flex' ? 0 : column.width) + 1, -1);
	const flexCount = columns.filter(column => column.width === 'flex').length;
	const flex = flexCount === 0 ? 0 : Math.max(minFlex, Math.floor((width - fixed - flexCount) / flexCount));
	return columns.map(column => column.width === 'flex' ? flex : column.width);
}

/** A section title line. */
export function titleLine(text: string, note = ''): Line {
	return note === '' ? [seg(text, {bold: true, color: color('cyan')})] : [seg(text, {bold: true, color: color('cyan')}), seg(`  ${note}`, {dim: true})];
}

/** An error shown in place of a panel's data. */
export function errorLine(message: string): Line {
	return [seg('error: ', {bold: true, color: color('red')}), seg(message, {color: color('red')})];
}
