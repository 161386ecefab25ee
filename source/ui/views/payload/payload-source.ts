// What a payload pane opens on: the selected event of a step, or a run's
// JSON columns (context, parameters, result, error details) as one document.
import {shortRunId} from '../../format.js';
import {topFrame, type UiState} from '../../navigation.js';
import type {RunsData} from '../runs/use-runs-data.js';
import {openPane, type PayloadPane} from './payload-state.js';

/** The selected event of the events list on top, as a pane; undefined elsewhere or before it is read. */
export function eventPane(state: UiState, data: Pick<RunsData, 'events' | 'run'>): PayloadPane | undefined {
	const top = topFrame(state);
	if (state.tab !== 'runs' || top.kind !== 'events') {
		return undefined;
	}

	const row = data.events.rows[top.list.selected];
	if (row === undefined) {
		return undefined;
	}

	const step = data.run.value?.steps.find(candidate => candidate.step_number === top.stepNumber);
	const stepLabel = `step ${top.stepNumber}${step === undefined ? '' : ` ${step.name ?? step.node_id}`}`;
	return openPane(row.event, [`run ${shortRunId(top.runId)}`, stepLabel, `event ${top.list.selected + 1}`], 'the event\'s JSON');
}

/** The open run's context, parameters, result and error as one JSON document; undefined elsewhere or before it is read. */
export function runDetailsPane(state: UiState, data: Pick<RunsData, 'run'>): PayloadPane | undefined {
	const top = topFrame(state);
	const run = data.run.value?.run;
	if (state.tab !== 'runs' || top.kind !== 'run' || run?.run_id !== top.runId) {
		return undefined;
	}

	const details = {
		context: run.context,
		parameters: run.parameters,
		result: run.result,
		...run.error_message === null ? {} : {error_message: run.error_message},
		error_details: run.error_details,
	};
	return openPane(details, [`run ${shortRunId(top.runId)}`, 'details'], 'the run\'s details');
}

/** What `v` and `y` act on: the open pane, else what Enter or `d` would open. */
export function selectedPayload(state: UiState, data: Pick<RunsData, 'events' | 'run'>): PayloadPane | undefined {
	return state.payload ?? eventPane(state, data) ?? runDetailsPane(state, data);
}
