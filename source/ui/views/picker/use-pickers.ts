import {scopableOrgs, workflowNames} from '../../../db/queries.js';
import type {Snapshot} from '../../../model/snapshot.js';
import type {Sampler} from '../../../sampler.js';
import {describeError} from '../../../sampler.js';
import type {UiAction, UiState} from '../../navigation.js';
import type {TuiSession} from '../../snapshot-sampler.js';
import type {PickerItem} from './picker.js';

type PickersInput = {
	session: TuiSession;
	sampler: Sampler<Snapshot>;
	dispatch: (action: UiAction) => void;
	showNotice: (text: string) => void;
	/** Rows of the list on screen. */
	visible: number;
};

/**
The two pickers: `W` the workflow the runs list shows, `o` the org the whole
session is scoped to (row level security applies as with --org). Items are
read when the picker opens, so they are current.
*/
export function usePickers(input: PickersInput) {
	const {session, sampler, dispatch, showNotice} = input;
	const show = (kind: 'workflow' | 'org', title: string, items: PickerItem[], current: string | null) => {
		const selected = Math.max(0, items.findIndex(item => item.value === current));
		const offset = Math.max(0, selected - input.visible + 1);
		dispatch({type: 'pickerOpen', picker: {kind, title, items, list: {selected, offset}}});
	};

	return {
		open(kind: 'workflow' | 'org', ui: UiState) {
			const read = kind === 'workflow'
				? workflowNames(session.pool, session.org?.id ?? null).then(rows => {
					const items = rows.map(row => ({label: row.name, value: row.name, detail: row.workflows > 1 ? `in ${row.workflows} orgs` : ''}));
					show(kind, 'Show the runs of workflow', [{label: 'any workflow', value: null}, ...items], ui.stack[0].filter.workflow ?? null);
				})
				: scopableOrgs(session.pool).then(rows => {
					const items = rows.map(row => ({label: row.slug, value: row.id, detail: row.name}));
					show(kind, 'Scope to organization', [{label: 'all orgs', value: null}, ...items], session.org?.id ?? null);
				});
			read.catch((error: unknown) => showNotice(`could not list ${kind}s: ${describeError(error)}`));
		},
		pick(ui: UiState) {
			const {picker} = ui;
			const item = picker?.items[picker.list.selected];
			if (picker === null || item === undefined) {
				return;
			}

			if (picker.kind === 'workflow') {
				dispatch({type: 'runsWorkflow', workflow: item.value});
				return;
			}

			dispatch({type: 'pickerClose'});
			if (session.rescope === undefined || item.value === (session.org?.id ?? null)) {
				return;
			}

			const org = item.value === null ? null : {id: item.value, slug: item.label, name: item.detail ?? item.label};
			session.rescope(org).then(() => {
				// Every list and the next snapshot read in the new scope.
				dispatch({type: 'reload'});
				sampler.request();
				showNotice(`scope: ${org?.slug ?? 'all orgs'}`);
			}, (error: unknown) => showNotice(`could not switch org: ${describeError(error)}`));
		},
	};
}
