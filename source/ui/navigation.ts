import {runStatuses} from '../commands/run-filter.js';
import {nextWindow, type TimeWindow} from '../model/windows.js';
import {listStart, moveList, scrollOffset, type ListMove, type ListState} from './list-state.js';
import {tabs, type Tab} from './chrome/chrome.js';
import {durationSorts, type DurationSort} from './views/durations/durations-view.js';
import type {RunsFilter} from './views/runs/runs-view.js';
import {paneReducer, type PaneAction, type PayloadPane} from './views/payload/payload-state.js';
import {nextScope, stepSort} from './views/runs/runs-order.js';
import type {Picker} from './views/picker/picker.js';

/**
The runs list, at the bottom of the drill-down stack; `fromStatus`: opened from
a flagged row, Esc goes back there; `end`: read from its last row (`G`), in the
opposite order, and shown in its own order with the last row at the bottom.
*/
export type RunsFrame = {kind: 'runs'; filter: RunsFilter; list: ListState; fromStatus?: boolean; end?: boolean};
/** One run's detail and steps. */
export type RunFrame = {kind: 'run'; runId: string; list: ListState; fromStatus?: boolean};

/** A row the Status view flags, that Enter opens. */
export type Flagged = {kind: 'quality'; ids: string[]} | {kind: 'stuck'; runId: string} | {kind: 'error'; message: string};
/** One step's events and screenshots; `from`: the position the list starts at (`G` on a long step reads its end). */
export type EventsFrame = {kind: 'events'; runId: string; stepNumber: number; list: ListState; from?: number};
export type Frame = RunsFrame | RunFrame | EventsFrame;

/** Everything the screen shows that is not data. */
export type UiState = {
	tab: Tab;
	help: boolean;
	/** The first help line shown: help scrolls on a small terminal. */
	helpOffset: number;
	/** The text filter being typed after `/`, or null when not editing. */
	editing: string | null;
	/** The run id being typed after `:`, or null. */
	jumping: string | null;
	window: TimeWindow;
	durations: {sort: DurationSort; list: ListState};
	/** The selection among the Status view's flagged rows (data quality, stuck runs, top errors). */
	status: {list: ListState};
	storage: {list: ListState};
	population: {list: ListState};
	/** The drill-down stack (k9s style): Enter pushes, Esc pops; the runs list is always at the bottom. */
	stack: [RunsFrame, ...Array<RunFrame | EventsFrame>];
	/** Bumped by `r` so the runs views reopen their cursors. */
	reload: number;
	/** A payload read in full over the runs views (an event, a run's details), or null; Esc closes it. */
	payload: PayloadPane | null;
	/** A list to pick from (`W` workflow, `o` org) over the view, or null. */
	picker: Picker | null;
};

export type UiAction =
	| {type: 'tab'; tab: Tab}
	| {type: 'cycleTab'; delta: 1 | -1}
	| {type: 'help'; open: boolean}
	| {type: 'helpScroll'; by: number; lines: number; visible: number}
	| {type: 'move'; move: ListMove; count: number; visible: number}
	| {type: 'open'; frame: RunFrame | EventsFrame}
	| {type: 'jumpStart'}
	| {type: 'jumpType'; text: string}
	| {type: 'jumpErase'}
	| {type: 'jumpEnd'}
	/** `:` and an id: that run, from any view. */
	| {type: 'openRun'; runId: string}
	/** Enter on a flagged row of the Status view. */
	| {type: 'openFlagged'; item: Flagged}
	| {type: 'back'}
	| {type: 'editStart'}
	| {type: 'editType'; text: string}
	| {type: 'editErase'}
	| {type: 'editApply'}
	| {type: 'editCancel'}
	| {type: 'cycleStatus'}
	/** The next durations sort; `selected` is where the selected workflow lands in it. */
	| {type: 'cycleSort'; selected: number; visible: number}
	/** The selected item of a list moved to row `selected` when its rows changed. */
	| {type: 'reselect'; list: 'durations' | 'runs'; selected: number; visible: number}
	| {type: 'cycleWindow'}
	| {type: 'reload'}
	/** Enter on an event, `d` on a run: its payload in the pane. */
	| {type: 'payloadOpen'; pane: PayloadPane}
	/** Scroll, pan, wrap or close the open payload pane. */
	| {type: 'payload'; action: PaneAction}

	/** The runs list: `>`/`<` the next or previous sort column, `I` the other way, `w` the next scope. */
	| {type: 'runsSort'; delta: 1 | -1}
	/** `G` on the runs list: read it from its end; `g`: from its start again. */
	| {type: 'runsEnd'; end: boolean}
	/** `G` on a long step's events: list them from this position on; `g`: from the first again (0). */
	| {type: 'eventsFrom'; from: number}
	| {type: 'runsReverse'}
	| {type: 'runsScope'}
	/** Only the runs of this workflow (name), or of any. */
	| {type: 'runsWorkflow'; workflow: string | null}
	| {type: 'pickerOpen'; picker: Picker}
	| {type: 'pickerClose'};

/** The sort `s` moves to from `sort`. */
export function nextDurationSort(sort: DurationSort): DurationSort {
	return durationSorts[(durationSorts.indexOf(sort) + 1) % durationSorts.length]!;
}

/** The first screen. */
export function initialUiState(window: TimeWindow): UiState {
	return {
		tab: 'status',
		help: false,
		helpOffset: 0,
		editing: null,
		jumping: null,
		window,
		durations: {sort: 'count', list: listStart},
		status: {list: listStart},
		storage: {list: listStart},
		population: {list: listStart},
		stack: [{kind: 'runs', filter: {status: null, text: null}, list: listStart}],
		reload: 0,
		payload: null,
		picker: null,
	};
}

/** The frame on top of the runs stack. */
export function topFrame(state: UiState): Frame {
	return state.stack.at(-1) ?? state.stack[0];
}

/** The pure state machine behind every key. */
export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'tab': {
			return {...state, tab: action.tab, help: false, editing: null};
		}

		case 'cycleTab': {
			const index = tabs.indexOf(state.tab);
			return {...state, tab: tabs[(index + action.delta + tabs.length) % tabs.length]!, help: false, editing: null};
		}

		case 'help': {
			return {...state, help: action.open, helpOffset: 0};
		}

		case 'helpScroll': {
			const last = Math.max(0, action.lines - action.visible);
			return {...state, helpOffset: Math.min(last, Math.max(0, state.helpOffset + action.by))};
		}

		case 'move': {
			const move = (list: ListState) => moveList(list, action.move, action.count, action.visible);
			if (state.picker !== null) {
				return {...state, picker: {...state.picker, list: move(state.picker.list)}};
			}

			switch (state.tab) {
				case 'durations': {
					return {...state, durations: {...state.durations, list: move(state.durations.list)}};
				}

				case 'storage': {
					return {...state, storage: {list: move(state.storage.list)}};
				}

				case 'status': {
					return {...state, status: {list: move(state.status.list)}};
				}

				case 'population': {
					return {...state, population: {list: move(state.population.list)}};
				}

				case 'runs': {
					return replaceTop(state, frame => ({...frame, list: move(frame.list)}));
				}

				default: {
					return state;
				}
			}
		}

		case 'open': {
			return {...state, stack: [...state.stack, action.frame] as UiState['stack']};
		}

		case 'jumpStart': {
			return {...state, jumping: '', editing: null, help: false};
		}

		case 'jumpType': {
			return state.jumping === null ? state : {...state, jumping: (state.jumping + action.text).slice(0, 40)};
		}

		case 'jumpErase': {
			return state.jumping === null ? state : {...state, jumping: state.jumping.slice(0, -1)};
		}

		case 'jumpEnd': {
			return {...state, jumping: null};
		}

		case 'openRun': {
			const runs: RunsFrame = {kind: 'runs', filter: emptyFilter, list: listStart};
			return {...state, tab: 'runs', jumping: null, stack: [runs, {kind: 'run', runId: action.runId, list: listStart}]};
		}

		case 'openFlagged': {
			return openFlagged(state, action.item);
		}

		case 'back': {
			// Opened from the Status view: Esc goes back there.
			if (state.tab === 'runs' && isFromStatus(topFrame(state))) {
				return {...state, tab: 'status', stack: [{kind: 'runs', filter: emptyFilter, list: listStart}]};
			}

			// At the runs list itself, Esc clears its filters (as in k9s); elsewhere it goes back.
			if (state.stack.length <= 1) {
				const {filter} = state.stack[0];
				const filtered = filter.text !== null || filter.status !== null || Boolean(filter.ids)
					|| Boolean(filter.workflow) || Boolean(filter.sinceSeconds);
				// The sort stays: it is how the list is read, not what it holds.
				return state.tab === 'runs' && filtered
					? withFilter(state, {...filter, text: null, status: null, ids: null, workflow: null, sinceSeconds: null})
					: state;
			}

			return {...state, stack: state.stack.slice(0, -1) as UiState['stack']};
		}

		case 'editStart': {
			return {...state, editing: state.stack[0].filter.text ?? ''};
		}

		case 'editType': {
			return state.editing === null ? state : {...state, editing: (state.editing + action.text).slice(0, 200)};
		}

		case 'editErase': {
			return state.editing === null ? state : {...state, editing: state.editing.slice(0, -1)};
		}

		case 'editApply': {
			if (state.editing === null) {
				return state;
			}

			const text = state.editing.trim();
			return withFilter({...state, editing: null}, {...state.stack[0].filter, text: text === '' ? null : text});
		}

		case 'editCancel': {
			return {...state, editing: null};
		}

		case 'cycleStatus': {
			const statuses: Array<string | null> = [null, ...runStatuses];
			const index = statuses.indexOf(state.stack[0].filter.status);
			return withFilter(state, {...state.stack[0].filter, status: statuses[(index + 1) % statuses.length] ?? null});
		}

		case 'cycleSort': {
			const selected = Math.max(0, action.selected);
			const offset = Math.max(0, selected - Math.max(1, action.visible) + 1);
			return {...state, durations: {sort: nextDurationSort(state.durations.sort), list: {selected, offset}}};
		}

		case 'reselect': {
			const at = (list: ListState) => ({selected: action.selected, offset: scrollOffset(list.offset, action.selected, action.visible)});
			if (action.list === 'durations') {
				return {...state, durations: {...state.durations, list: at(state.durations.list)}};
			}

			const stack = [...state.stack] as UiState['stack'];
			stack[0] = {...stack[0], list: at(stack[0].list)};
			return {...state, stack};
		}

		case 'cycleWindow': {
			return {...state, window: nextWindow(state.window)};
		}

		case 'reload': {
			return {...state, reload: state.reload + 1};
		}

		case 'payloadOpen': {
			return {...state, payload: action.pane};
		}

		case 'payload': {
			return state.payload === null ? state : {...state, payload: paneReducer(state.payload, action.action)};
		}

		case 'runsSort': {
			const {filter} = state.stack[0];
			return withFilter(state, {...filter, sort: stepSort(filter.sort, action.delta)});
		}

		case 'runsEnd': {
			const [runs] = state.stack;
			return {...state, stack: [{...runs, end: action.end, list: listStart}]};
		}

		case 'eventsFrom': {
			return replaceTop(state, frame => (frame.kind === 'events' ? {...frame, from: action.from, list: listStart} : frame));
		}

		case 'runsReverse': {
			const {filter} = state.stack[0];
			return withFilter(state, {...filter, reverse: !filter.reverse});
		}

		case 'runsScope': {
			const {filter} = state.stack[0];
			return withFilter(state, {...filter, sinceSeconds: nextScope(filter.sinceSeconds)});
		}

		case 'runsWorkflow': {
			return withFilter({...state, picker: null}, {...state.stack[0].filter, workflow: action.workflow});
		}

		case 'pickerOpen': {
			return {...state, picker: action.picker, help: false, editing: null, jumping: null};
		}

		case 'pickerClose': {
			return {...state, picker: null};
		}
	}
}

function replaceTop(state: UiState, change: (frame: Frame) => Frame): UiState {
	const stack = [...state.stack];
	stack[stack.length - 1] = change(stack.at(-1)!);
	return {...state, stack: stack as UiState['stack']};
}

/** A new filter starts the runs list over (and leaves any drill-down). */
function withFilter(state: UiState, filter: RunsFilter): UiState {
	return {...state, stack: [{kind: 'runs', filter, list: listStart}]};
}

const emptyFilter: RunsFilter = {status: null, text: null};

/** The runs view on what a flagged row names: a stuck run opened, the runs with an error in the window. */
function openFlagged(state: UiState, item: Flagged): UiState {
	const base = {...state, tab: 'runs' as const, help: false, editing: null};
	switch (item.kind) {
		case 'quality': {
			return withFilter(base, {...emptyFilter, ids: item.ids});
		}

		case 'stuck': {
			const runs: RunsFrame = {kind: 'runs', filter: emptyFilter, list: listStart};
			return {...base, stack: [runs, {kind: 'run', runId: item.runId, list: listStart, fromStatus: true}]};
		}

		case 'error': {
			const filter = {...emptyFilter, text: item.message.slice(0, 200), sinceSeconds: state.window.seconds};
			return {...base, stack: [{kind: 'runs', filter, list: listStart, fromStatus: true}]};
		}
	}
}

function isFromStatus(frame: Frame): boolean {
	return frame.kind !== 'events' && frame.fromStatus === true;
}
