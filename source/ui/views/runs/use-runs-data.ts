import {useEffect, useMemo, useRef, useState} from 'react';
import {loadRun, loadScreenshots, openRunsReader, openStepEventsReader, type RunWithSteps} from '../../../db/ui-queries.js';
import {runsCountEstimate, type RunRow} from '../../../db/queries.js';
import type {ConnectionState} from '../../../sampler.js';
import type {OpenReaders} from '../../cursor-list.js';
import {useCursorList, useLoad} from '../../hooks.js';
import {topFrame, type EventsFrame, type UiAction, type UiState} from '../../navigation.js';
import {useSelectionByIdentity} from '../../use-selection-identity.js';
import type {TuiSession} from '../../snapshot-sampler.js';
import type {LoadedRows} from './runs-view.js';
import {runsOrder} from './runs-order.js';

/** The largest step whose events G reads to the end in one go (100 pages of 200). */
const readToEndLimit = 20_000;

/** What the runs views draw from, and what their keys act on. */
export type RunsData = {
	/** The runs list in its order (read from the end after `G`, so its last rows). */
	runs: LoadedRows<RunRow>;
	/** The planner's estimate of the list's length, until it is read to the end. */
	runsEstimate: number | null;
	run: {value: RunWithSteps | null; loading: boolean; error: string | null};
	events: LoadedRows<{event: unknown}>;
	/** The open step is running and its list follows new events. */
	eventsFollowing: boolean;
	screenshots: unknown[] | null;
	/** Rows of the list on top of the drill-down stack. */
	rowCount(state: UiState): number;
	/** Enter: open the selected run, or the selected step's events. */
	openSelected(state: UiState, dispatch: (action: UiAction) => void): void;
	/** `G` on a step's events: where to read its last page from, when that is better than reading up to it. */
	eventsEndFrom(frame: EventsFrame): number | undefined;
	/** `y`: what to copy for the selection (a run id, or an event's JSON) and what to call it. */
	copyable(state: UiState): {text: string; what: string} | undefined;
};

export type RunsDataInput = {
	session: TuiSession;
	ui: UiState;
	readers: OpenReaders;
	/** When the last snapshot was taken: a new one is a refresh the open list or run follows. */
	generation: string | undefined;
	connection: ConnectionState;
	bodyHeight: number;
	dispatch: (action: UiAction) => void;
	/** Rows of the list on screen. */
	visible: number;
};

/**
The runs list, the open run and the open step's events, each read while it
is on screen: lists page by page, reopened by `r`, after a reconnect, and (the
list at its top, an open run) on every refresh.
*/
export function useRunsData(input: RunsDataInput): RunsData {
	const {session, ui, readers, generation, connection, bodyHeight} = input;
	const org = session.org?.id ?? null;
	const reconnects = useReconnectCount(connection);
	const inRuns = ui.tab === 'runs';
	const [runsFrame] = ui.stack;
	const top = topFrame(ui);
	// A list still reading its first page (a text filter over millions of runs) is not reopened under itself.
	const runsBusy = useRef(false);
	const fromEnd = runsFrame.end === true;
	const following = inRuns && (top.kind === 'run' || (top.kind === 'runs' && top.list.offset === 0 && !fromEnd)) ? top.kind : null;
	const follow = useFollowRefreshes(generation, following, () => runsBusy.current);
	const pageRows = Math.max(200, bodyHeight * 3);

	const runsKey = inRuns ? JSON.stringify([runsFrame.filter, fromEnd, ui.reload, reconnects, follow.runs]) : null;
	const {status, text, ids, sinceSeconds, workflow, sort, reverse} = runsFrame.filter;
	// From the end (`G`): the opposite order, turned back round for the screen.
	const order = runsOrder(sort, fromEnd ? !reverse : reverse);
	const runsFilter = {status, workflow: workflow ?? null, text, sinceSeconds: sinceSeconds ?? null, ids: ids ?? null, order};
	const runsRead = useCursorList(runsKey, () => openRunsReader(session.pool, org, runsFilter), readers, pageRows,
		inRuns ? JSON.stringify([runsFrame.filter, fromEnd]) : undefined);
	const runs = useMemo(() => ({
		...runsRead,
		data: fromEnd ? {...runsRead.data, rows: [...runsRead.data.rows].reverse()} : runsRead.data,
	}), [runsRead.data, fromEnd]);
	const estimateKey = inRuns ? JSON.stringify([runsFrame.filter, ui.reload, reconnects]) : null;
	const estimate = useLoad(estimateKey, async () => runsCountEstimate(session.pool, org, runsFilter));
	runsBusy.current = runsRead.list?.getState().loading ?? false;
	// From the end: once its first page is in, the selection goes to the last row, and only then is more read above it.
	const endPlaced = useRef<string | null>(null);
	useFollowToBottom(fromEnd && runsKey !== null ? 1 : 0, runs.data, count => {
		endPlaced.current = runsKey;
		input.dispatch({type: 'move', move: 'bottom', count, visible: input.visible});
	}, runsKey);
	// New runs above the selected one, a reload, older runs read in above (from the end): the selection stays on its run.
	useSelectionByIdentity(runs.data.rows.map(row => row.run_id), runsFrame.list, {
		reselect: selected => input.dispatch({type: 'reselect', list: 'runs', selected, visible: input.visible}),
		loading: runsBusy.current,
	});

	// An open step still running follows new events while its selection is at the bottom, as tail -f.
	const eventsFollowing = useRef(false);
	const followEvents = useRefreshCount(generation, () => eventsFollowing.current);
	const runFrame = inRuns ? ui.stack.find(frame => frame.kind === 'run') : undefined;
	const runKey = runFrame ? `${runFrame.runId}:${ui.reload}:${reconnects}:${follow.run}:${followEvents}` : null;
	const run = useLoad(runKey, async () => loadRun(session.pool, runFrame!.runId, org), runFrame?.runId);

	const eventsFrame = inRuns && top.kind === 'events' ? top : undefined;
	const eventsFrom = eventsFrame?.from ?? 0;
	const eventsKey = eventsFrame
		? `${eventsFrame.runId}:${eventsFrame.stepNumber}:${eventsFrom}:${ui.reload}:${reconnects}:${followEvents}`
		: null;
	const events = useCursorList(eventsKey,
		() => openStepEventsReader(session.pool, eventsFrame!.runId, eventsFrame!.stepNumber, org, eventsFrom), readers, pageRows);
	// Read from the end (`G`): once the last page is in, its last event is selected.
	useFollowToBottom(eventsFrom > 0 && eventsKey !== null ? 1 : 0, events.data,
		count => input.dispatch({type: 'move', move: 'bottom', count, visible: input.visible}), eventsKey);
	const screenshotsKey = eventsFrame ? `${eventsFrame.runId}:${eventsFrame.stepNumber}:${ui.reload}:${reconnects}:${followEvents}` : null;
	const screenshots = useLoad(screenshotsKey,
		async () => loadScreenshots(session.pool, eventsFrame!.runId, eventsFrame!.stepNumber, org));

	// Read further as the selection nears the end of what is loaded.
	const selected = top.list.selected;
	const runsLoaded = runs.data.rows.length;
	const eventsLoaded = events.data.rows.length;
	const openStep = eventsFrame ? run.value?.steps.find(step => step.step_number === eventsFrame.stepNumber) : undefined;
	// Not while an event is read in the pane: Esc must find the list as it was left.
	eventsFollowing.current = openStep?.status === 'running' && events.data.done && selected >= eventsLoaded - 1 && ui.payload === null;
	useFollowToBottom(followEvents, events.data, count => input.dispatch({type: 'move', move: 'bottom', count, visible: input.visible}));
	useEffect(() => {
		// From the end, rows are read in above the selection.
		const runsLeft = fromEnd ? selected : runsLoaded - selected;
		const placed = !fromEnd || endPlaced.current === runsKey;
		if (top.kind === 'runs' && placed && runsLeft <= bodyHeight * 2) {
			runsRead.list?.ensure(runsLoaded + (bodyHeight * 3));
		}

		if (top.kind === 'events' && selected + (bodyHeight * 2) >= eventsLoaded) {
			events.list?.ensure(selected + (bodyHeight * 3));
		}
	}, [top.kind, selected, runsLoaded, eventsLoaded, bodyHeight, runsRead.list, events.list, fromEnd, runsKey]);

	return {
		runs: runs.data,
		runsEstimate: runs.data.done ? null : estimate.value,
		run,
		events: events.data,
		eventsFollowing: eventsFollowing.current,
		screenshots: screenshots.value,
		rowCount(state) {
			const current = topFrame(state);
			if (current.kind === 'runs') {
				return runsLoaded;
			}

			// Events: the step's own count, so G goes to the real last event and the list reads up to it,
			// for steps up to readToEndLimit events; past that G reads the last page from its position.
			const known = Math.max(0, (openStep?.event_count ?? 0) - eventsFrom);
			return current.kind === 'run' ? run.value?.steps.length ?? 0 : Math.max(eventsLoaded, known <= readToEndLimit || eventsFrom > 0 ? known : 0);
		},
		eventsEndFrom(frame) {
			const known = openStep?.event_count ?? 0;
			const from = Math.max(0, known - pageRows);
			const alreadyThere = (frame.from ?? 0) >= from;
			return known > readToEndLimit && !alreadyThere ? from : undefined;
		},
		copyable(state) {
			const current = topFrame(state);
			if (current.kind === 'runs') {
				const row = runs.data.rows[current.list.selected];
				return row === undefined ? undefined : {text: row.run_id, what: `run id ${row.run_id}`};
			}

			if (current.kind === 'run') {
				return {text: current.runId, what: `run id ${current.runId}`};
			}

			const row = events.data.rows[current.list.selected];
			return row === undefined ? undefined : {text: JSON.stringify(row.event), what: 'the event\'s JSON'};
		},
		openSelected(state, dispatch) {
			const current = topFrame(state);
			if (current.kind === 'runs') {
				// The rows on screen: while a refreshed list reads its first page, the ones it replaces.
				const latest = runsRead.list?.getState();
				const rows = latest !== undefined && latest.rows.length > 0 && !fromEnd ? latest.rows : runs.data.rows;
				const row = rows[current.list.selected];
				if (row !== undefined) {
					dispatch({type: 'open', frame: {kind: 'run', runId: row.run_id, list: {selected: 0, offset: 0}}});
				}
			} else if (current.kind === 'run') {
				const step = run.value?.steps[current.list.selected];
				if (step !== undefined && run.value?.run?.run_id === current.runId) {
					const frame = {kind: 'events', runId: current.runId, stepNumber: step.step_number, list: {selected: 0, offset: 0}} as const;
					dispatch({type: 'open', frame});
				}
			}
		},
	};
}

/** How many times the connection came back: lists read before it reopen. */
function useReconnectCount(connection: ConnectionState): number {
	const reconnects = useRef(0);
	const wasLost = useRef(false);
	if (connection === 'reconnecting') {
		wasLost.current = true;
	} else if (connection === 'connected' && wasLost.current) {
		wasLost.current = false;
		reconnects.current++;
	}

	return reconnects.current;
}

/**
Count the refreshes an open runs list or run should follow, like the other
views do: the list only while its first row is selected (newest first, so new
runs appear at the top), a run always. A list scrolled down stays as it is
until `r`, so rows never move under the selection.
*/
function useFollowRefreshes(generation: string | undefined, following: 'runs' | 'run' | null, runsBusy: () => boolean): {runs: number; run: number} {
	const [follow, setFollow] = useState({runs: 0, run: 0});
	const seen = useRef(generation);
	useEffect(() => {
		if (generation === seen.current) {
			return;
		}

		seen.current = generation;
		if (following !== null && !(following === 'runs' && runsBusy())) {
			setFollow(counts => ({...counts, [following]: counts[following] + 1}));
		}
	// Only a new refresh counts; a change of `following` alone does not.
	}, [generation]);
	return follow;
}

/** How many refreshes came while `active()` held: a list keyed on it reopens on each. */
function useRefreshCount(generation: string | undefined, active: () => boolean): number {
	const [count, setCount] = useState(0);
	const seen = useRef(generation);
	useEffect(() => {
		if (generation === seen.current) {
			return;
		}

		seen.current = generation;
		if (active()) {
			setCount(value => value + 1);
		}
	// Only a new refresh counts.
	}, [generation]);
	return count;
}

/**
After a followed list reloads, select its new last row (and a list read from
its end, once its first rows are in: `key` tells one opening from the next).
*/
function useFollowToBottom(reloads: number, data: {rows: readonly unknown[]; done: boolean; loading?: boolean},
	toBottom: (count: number) => void, key?: string | null): void {
	const pending = useRef(false);
	useEffect(() => {
		if (reloads > 0) {
			pending.current = true;
		}
	}, [reloads, key]);
	useEffect(() => {
		if (pending.current && (data.done || data.loading === false) && data.rows.length > 0) {
			pending.current = false;
			toBottom(data.rows.length);
		}
	});
}
