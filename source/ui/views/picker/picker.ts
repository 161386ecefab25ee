import {seg, clip, type Line} from '../../lines.js';
import type {ListState} from '../../list-state.js';
import {tableLines, type ViewSize} from '../../table.js';
import {color} from '../../theme.js';

/** One choice of a picker; `value` null is "any" (every workflow, all orgs). */
export type PickerItem = {label: string; value: string | null; detail?: string};

/** A list to pick one item from, over the view: `W` workflows, `o` orgs. */
export type Picker = {kind: 'workflow' | 'org'; title: string; items: PickerItem[]; list: ListState};

/** The picker in place of the view: a title, the items, the keys. */
export function pickerView(picker: Picker, size: ViewSize): Line[] {
	const out: Line[] = [[seg(picker.title, {bold: true, color: color('cyan')}), seg('  Enter pick · Esc cancel', {dim: true})]];
	const columns = [
		{title: 'NAME', width: 'flex' as const, value: (item: PickerItem) => item.label},
		{title: '', width: 24, optional: true, value: (item: PickerItem) => item.detail ?? ''},
	];
	out.push(...tableLines(columns, picker.items, {width: size.width, height: size.height - 1, list: picker.list, page: size.page}));
	return clip(out, size.height);
}
