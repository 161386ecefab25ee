import {useCallback, useEffect, useReducer, useRef, useState} from 'react';
import {Box, useApp, useStdin} from 'ink';
import {loadRun, loadScreenshots, openRunsReader, openStepEventsReader} from '../db/ui-queries.js';
import type {Snapshot} from '../model/snapshot.js';
import type {TimeWindow} from '../model/windows.js';
import type {Sampler} from '../sampler.js';
import type {OpenReaders} from './cursor-list.js';
import {useCursorList, useLoad, useSamplerState, useTerminalSize} from './hooks.js';
import {clip, seg, type Line} from './lines.js';
import {Lines} from './lines-view.js';
import type {ListMove} from './list-state.js';
import {initialUiState, nextDurationSort, topFrame, uiReducer, type UiAction} from './navigation.js';
import type {SnapshotSettings, TuiSession} from './snapshot-sampler.js';
import {useAppInput} from './use-app-input.js';
import {footerLine, headerLines, helpLines} from './views/chrome.js';
import {durationsView, sortDurations} from './views/durations.js';
import {populationView} from './views/population.js';
import {storageView} from './views/storage.js';
import {statusView} from './views/status.js';
import {eventsView, runsView, runView} from './views/runs.js';

/** Refresh intervals `+` and `-` step through. */
export const intervals = [500, 1000, 2000, 5000, 10_000, 30_000, 60_000];

/** The smallest terminal the views are laid out for. */
export const minimumSize = {columns: 40, rows: 12};

const headerHeight = 3;
const footerHeight = 1;

export type AppProps = {
	session: TuiSession;
	sampler: Sampler<Snapshot>;
	settings: SnapshotSettings;
	window: TimeWindow;
	readers: OpenReaders;
	footerNote?: string;
	/** A fixed size (tests); the terminal's own size otherwise. */
	size?: {columns: number; rows: number};
	/** The clock ages are measured against (tests). */
	now?: () => number;
};

/** The whole TUI: header, the current view, footer; every frame exactly the terminal's height or less. */
export function App(props: AppProps) {
	const {session, sampler, settings, readers} = props;
	const terminal = useTerminalSize();
	const size = props.size ?? terminal;
	const keysWork = useStdin().isRawModeSupported === true;
	const now = (props.now ?? Date.now)();
	const {exit} = useApp();
	const [ui, dispatchNow] = useReducer(uiReducer, props.window, initialUiState);
	// Keys can come faster than renders: this ref runs ahead of `ui` with every action dispatched.
	const uiRef = useRef(ui);
	uiRef.current = ui;
	const dispatch = useCallback((action: UiAction) => {
		uiRef.current = uiReducer(uiRef.current, action);
		dispatchNow(action);
	}, []);
	const samplerState = useSamplerState(sampler);
	const snapshot = samplerState.value;
	const org = session.org?.id ?? null;
	const width = size.columns;
	const bodyHeight = size.rows - headerHeight - footerHeight;

	// The window and the charted workflow feed the next snapshot.
	const firstWindow = useRef(true);
	useEffect(() => {
		settings.window = ui.window;
		if (firstWindow.current) {
			firstWindow.current = false;
			return;
		}

		sampler.request();
	}, [ui.window, sampler, settings]);
	const sortedWorkflows = snapshot?.durations.data ? sortDurations(snapshot.durations.data.workflows, ui.durations.sort) : [];
	const trendWorkflowId = ui.tab === 'durations' ? sortedWorkflows[ui.durations.list.selected]?.workflow_id : settings.trendWorkflowId;
	useEffect(() => {
		if (trendWorkflowId !== undefined && trendWorkflowId !== settings.trendWorkflowId) {
			settings.trendWorkflowId = trendWorkflowId;
			sampler.request();
		}
	}, [trendWorkflowId, sampler, settings]);

	// Lists read through cursors reopen after the connection comes back.
	const reconnects = useRef(0);
	const wasLost = useRef(false);
	if (samplerState.connection === 'reconnecting') {
		wasLost.current = true;
	} else if (samplerState.connection === 'connected' && wasLost.current) {
		wasLost.current = false;
		reconnects.current++;
	}

	const inRuns = ui.tab === 'runs';
	const [runsFrame] = ui.stack;
	const top = topFrame(ui);
	// A list still reading its first page (a text filter over millions of runs) is not reopened under itself.
	const runsBusy = useRef(false);
	const follow = useFollowRefreshes(snapshot?.generated_at, inRuns && (top.kind === 'run' || (top.kind === 'runs' && top.list.selected === 0)) ? top.kind : null, () => runsBusy.current);
	const runsKey = inRuns ? JSON.stringify([runsFrame.filter, ui.reload, reconnects.current, follow.runs]) : null;
	const runs = useCursorList(runsKey, () => openRunsReader(session.pool, org, {status: runsFrame.filter.status, workflow: null, text: runsFrame.filter.text, sinceSeconds: null}), readers, Math.max(200, bodyHeight * 3), inRuns ? JSON.stringify(runsFrame.filter) : undefined);
	runsBusy.current = runs.list?.getState().loading ?? false;
	const runFrame = inRuns ? ui.stack.find(frame => frame.kind === 'run') : undefined;
	const run = useLoad(runFrame ? `${runFrame.runId}:${ui.reload}:${reconnects.current}:${follow.run}` : null, async () => loadRun(session.pool, runFrame!.runId, org), runFrame?.runId);
	const eventsFrame = inRuns && top.kind === 'events' ? top : undefined;
	const eventsKey = eventsFrame ? `${eventsFrame.runId}:${eventsFrame.stepNumber}:${ui.reload}:${reconnects.current}` : null;
	const events = useCursorList(eventsKey, () => openStepEventsReader(session.pool, eventsFrame!.runId, eventsFrame!.stepNumber, org), readers, Math.max(200, bodyHeight * 3));
	const screenshots = useLoad(eventsKey, async () => loadScreenshots(session.pool, eventsFrame!.runId, eventsFrame!.stepNumber, org));

	// Read further as the selection nears the end of what is loaded.
	const selected = top.list.selected;
	const runsLoaded = runs.data.rows.length;
	const eventsLoaded = events.data.rows.length;
	useEffect(() => {
		if (top.kind === 'runs' && selected + (bodyHeight * 2) >= runsLoaded) {
			runs.list?.ensure(selected + (bodyHeight * 3));
		}

		if (top.kind === 'events' && selected + (bodyHeight * 2) >= eventsLoaded) {
			events.list?.ensure(selected + (bodyHeight * 3));
		}
	}, [top.kind, selected, runsLoaded, eventsLoaded, bodyHeight, runs.list, events.list]);

	const rowCount = (): number => {
		const latest = uiRef.current;
		const current = topFrame(latest);
		switch (latest.tab) {
			case 'durations': {
				return sortedWorkflows.length;
			}

			case 'storage': {
				return snapshot?.storage.data?.tables.length ?? 0;
			}

			case 'population': {
				return snapshot?.population.data?.days.length ?? 0;
			}

			case 'runs': {
				return current.kind === 'runs' ? runsLoaded : (current.kind === 'run' ? run.value?.steps.length ?? 0 : eventsLoaded);
			}

			default: {
				return 0;
			}
		}
	};

	const move = useCallbackRef((where: ListMove) => {
		dispatch({type: 'move', move: where, count: rowCount(), visible: Math.max(1, bodyHeight - 6)});
	});
	const open = useCallbackRef(() => {
		const latest = uiRef.current;
		const current = topFrame(latest);
		if (latest.tab !== 'runs') {
			return;
		}

		if (current.kind === 'runs') {
			// The rows on screen: while a refreshed cursor reads its first page, the ones it replaces.
			const latest = runs.list?.getState();
			const row = (latest !== undefined && latest.rows.length > 0 ? latest : runs.data).rows[current.list.selected];
			if (row !== undefined) {
				dispatch({type: 'open', frame: {kind: 'run', runId: row.run_id, list: {selected: 0, offset: 0}}});
			}
		} else if (current.kind === 'run') {
			const step = run.value?.steps[current.list.selected];
			if (step !== undefined && run.value?.run?.run_id === current.runId) {
				dispatch({type: 'open', frame: {kind: 'events', runId: current.runId, stepNumber: step.step_number, list: {selected: 0, offset: 0}}});
			}
		}
	});
	useAppInput(() => uiRef.current, {
		dispatch,
		move,
		open,
		refresh() {
			// Never dropped: a refresh already running may have read before the change the user waits for.
			sampler.request();
			if (inRuns) {
				dispatch({type: 'reload'});
			}
		},
		cycleSort() {
			// The selected workflow stays selected in the new order; both orders come
			// from the latest state, as two quick presses arrive before a render.
			const {durations} = uiRef.current;
			const workflows = snapshot?.durations.data?.workflows ?? [];
			const current = sortDurations(workflows, durations.sort)[durations.list.selected]?.workflow_id;
			const resorted = sortDurations(workflows, nextDurationSort(durations.sort));
			dispatch({type: 'cycleSort', selected: resorted.findIndex(row => row.workflow_id === current), visible: Math.max(1, bodyHeight - 6)});
		},
		togglePause() {
			sampler.setPaused(!sampler.getState().paused);
		},
		changeInterval(direction) {
			const current = sampler.getState().intervalMs;
			const index = intervals.findIndex(ms => ms >= current);
			const next = intervals[Math.min(intervals.length - 1, Math.max(0, (index === -1 ? intervals.length - 1 : index) + direction))]!;
			sampler.setIntervalMs(next);
		},
		quit: exit,
	});

	if (size.columns < minimumSize.columns || size.rows < minimumSize.rows) {
		const message = clip([[seg('terminal too small')], [seg(`${size.columns}×${size.rows}, need ${minimumSize.columns}×${minimumSize.rows}`)], [seg('q quits')]], Math.max(1, size.rows));
		return <Lines lines={message} width={Math.max(1, size.columns)} />;
	}

	const size2 = {width, height: bodyHeight};
	let body: Line[];
	let footerView: string = ui.tab;
	if (ui.help) {
		body = helpLines(bodyHeight);
	} else if (ui.tab === 'runs') {
		footerView = top.kind;
		if (top.kind === 'runs') {
			body = runsView(runs.data, {list: top.list, filter: runsFrame.filter, editing: ui.editing}, size2, now);
		} else if (top.kind === 'run') {
			body = runView({run: run.value?.run ?? null, steps: run.value?.steps ?? [], loading: run.loading, error: run.error}, {list: top.list, filter: runsFrame.filter, runId: top.runId}, size2, now);
		} else {
			const step = run.value?.steps.find(candidate => candidate.step_number === top.stepNumber) ?? null;
			body = eventsView({...events.data, screenshots: screenshots.value}, {list: top.list, filter: runsFrame.filter, runId: top.runId, step, stepNumber: top.stepNumber}, size2);
		}
	} else if (snapshot === null) {
		body = [[seg(samplerState.error === null ? 'loading…' : `no data yet: ${samplerState.error}`, {dim: true})]];
	} else {
		switch (ui.tab) {
			case 'status': {
				body = statusView(snapshot, size2);
				break;
			}

			case 'durations': {
				body = durationsView(snapshot, ui.durations, size2);
				break;
			}

			case 'storage': {
				body = storageView(snapshot, ui.storage, size2);
				break;
			}

			default: {
				body = populationView(snapshot, ui.population, size2);
			}
		}
	}

	const lines = [
		...headerLines({database: session.database, org: session.org, windowName: ui.window.name, sampler: samplerState, tab: ui.tab, now}, width),
		...clip(body, bodyHeight, true),
		footerLine(ui.help ? 'help' : footerView, props.footerNote, keysWork),
	];
	return (
		<Box flexDirection='column' height={size.rows} width={width}>
			<Lines lines={lines} width={width} />
		</Box>
	);
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

/** A stable function that always calls the latest closure (so the input hook can stay subscribed). */
function useCallbackRef<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
	const ref = useRef(callback);
	ref.current = callback;
	return useCallback((...args: A) => {
		ref.current(...args);
	}, []);
}
