import {useEffect} from 'react';
import type {Snapshot, WorkflowDurations} from '../../../model/snapshot.js';
import type {Sampler} from '../../../sampler.js';
import {nextDurationSort, type UiAction, type UiState} from '../../navigation.js';
import type {SnapshotSettings} from '../../snapshot-sampler.js';
import {useSelectionByIdentity} from '../../use-selection-identity.js';
import {sortDurations} from './durations-view.js';

/** The workflows in the chosen order, and what `s` does to them. */
export type DurationsData = {
	sorted: WorkflowDurations[];
	/** `s`: the next sort, keeping the selected workflow selected. */
	cycleSort(state: UiState, dispatch: (action: UiAction) => void, visible: number): void;
};

/**
The durations table's rows, sorted, and the trend chart's workflow: the one
selected while the view is open, fed to the next snapshot.
*/
export function useDurations(snapshot: Snapshot | null, ui: UiState, context: {
	sampler: Sampler<Snapshot>;
	settings: SnapshotSettings;
	dispatch: (action: UiAction) => void;
	visible: number;
}): DurationsData {
	const {sampler, settings, dispatch, visible} = context;
	const workflows = snapshot?.durations.data?.workflows ?? [];
	const sorted = sortDurations(workflows, ui.durations.sort);
	// A refresh may reorder the workflows: the selection (and the trend chart) stays on the same one.
	useSelectionByIdentity(sorted.map(row => row.workflow_id), ui.durations.list, {
		reselect: selected => dispatch({type: 'reselect', list: 'durations', selected, visible}),
	});
	// A selection past the end (its workflow gone from the window) stands for the last row, as drawn.
	const shown = sorted[Math.min(ui.durations.list.selected, sorted.length - 1)];
	const trendWorkflowId = ui.tab === 'durations' ? shown?.workflow_id : settings.trendWorkflowId;
	useEffect(() => {
		if (trendWorkflowId !== undefined && trendWorkflowId !== settings.trendWorkflowId) {
			settings.trendWorkflowId = trendWorkflowId;
			sampler.request();
		}
	}, [trendWorkflowId, sampler, settings]);

	return {
		sorted,
		cycleSort(state, dispatch, visible) {
			// Both orders come from the latest state, as two quick presses arrive before a render.
			const {durations} = state;
			const current = sortDurations(workflows, durations.sort)[durations.list.selected]?.workflow_id;
			const resorted = sortDurations(workflows, nextDurationSort(durations.sort));
			dispatch({type: 'cycleSort', selected: resorted.findIndex(row => row.workflow_id === current), visible});
		},
	};
}
