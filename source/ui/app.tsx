import {useCallback, useEffect, useReducer, useRef, useState} from 'react';
import {Box, useApp, useStdin, useStdout} from 'ink';
import type {Snapshot} from '../model/snapshot.js';
import type {TimeWindow} from '../model/windows.js';
import type {Sampler} from '../sampler.js';
import type {OpenReaders} from './cursor-list.js';
import {useSamplerState, useTerminalSize} from './hooks.js';
import {clip, seg, type Line} from './lines.js';
import {Lines} from './lines-view.js';
import type {ListMove} from './list-state.js';
import {initialUiState, topFrame, uiReducer, type UiAction} from './navigation.js';
import type {SnapshotSettings, TuiSession} from './snapshot-sampler.js';
import {useAppInput} from './use-app-input.js';
import {footerLine, headerLines, helpLength, helpLines} from './chrome/chrome.js';
import {copyToClipboard} from './clipboard.js';
import {resolveRunId} from '../db/run-ids.js';
import {UserError} from '../errors.js';
import {describeError} from '../sampler.js';
import {durationsView} from './views/durations/durations-view.js';
import {populationView} from './views/population/population-view.js';
import {storageView} from './views/storage/storage-view.js';
import {flaggedItems, statusView} from './views/status/status-view.js';
import {eventsView, runsView, runView} from './views/runs/runs-view.js';
import {useRunsData} from './views/runs/use-runs-data.js';
import {useDurations} from './views/durations/use-durations.js';
import {payloadHandlers} from './views/payload/payload-keys.js';
import {payloadView} from './views/payload/payload-view.js';
import {pickerView} from './views/picker/picker.js';
import {usePickers} from './views/picker/use-pickers.js';

/** Refresh intervals `+` and `-` step through. */
export const intervals = [500, 1000, 2000, 5000, 10_000, 30_000, 60_000];

/** The smallest terminal the views are laid out for. */
export const minimumSize = {columns: 40, rows: 12};

const headerHeight = 3;
const footerHeight = 1;
/**
The frame leaves the terminal's last row free: Ink clears the whole screen
(and the scrollback) before every frame as tall as the terminal, instead of
rewriting only the lines that changed.
*/
const freeRows = 1;

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

/** The whole TUI: header, the current view, footer; every frame one line shorter than the terminal. */
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
	const {stdout} = useStdout();
	const [notice, showNotice] = useNotice();
	const snapshot = samplerState.value;
	const width = size.columns;
	const frameRows = size.rows - freeRows;
	const bodyHeight = frameRows - headerHeight - footerHeight;

	// The window feeds the next snapshot.
	const firstWindow = useRef(true);
	useEffect(() => {
		settings.window = ui.window;
		if (firstWindow.current) {
			firstWindow.current = false;
			return;
		}

		sampler.request();
	}, [ui.window, sampler, settings]);

	// How many rows the list on screen shows: its view's table learns it while drawing.
	const page = useRef({rows: Math.max(1, bodyHeight - 6)}).current;
	const listPage = page.rows;
	const durations = useDurations(snapshot, ui, {sampler, settings, dispatch, visible: listPage});
	const runsData = useRunsData({
		session, ui, readers, generation: snapshot?.generated_at, connection: samplerState.connection, bodyHeight,
		dispatch, visible: listPage,
	});
	const top = topFrame(ui);
	const [runsFrame] = ui.stack;
	const inRuns = ui.tab === 'runs';

	const pickers = usePickers({session, sampler, dispatch, showNotice, visible: listPage});
	const rowCount = (): number => {
		const latest = uiRef.current;
		if (latest.picker !== null) {
			return latest.picker.items.length;
		}

		switch (latest.tab) {
			case 'durations': {
				return durations.sorted.length;
			}

			case 'storage': {
				return snapshot?.storage.data?.tables.length ?? 0;
			}

			case 'status': {
				return snapshot === null ? 0 : flaggedItems(snapshot).length;
			}

			case 'population': {
				return snapshot?.population.data?.days.length ?? 0;
			}

			case 'runs': {
				return runsData.rowCount(latest);
			}

			default: {
				return 0;
			}
		}
	};

	const payload = payloadHandlers({
		getState: () => uiRef.current, dispatch, data: runsData, width, bodyHeight, stdout, showNotice, pool: session.pool,
	});
	const move = useCallbackRef((where: ListMove) => {
		dispatch({type: 'move', move: where, count: rowCount(), visible: page.rows});
	});
	const open = useCallbackRef(() => {
		if (uiRef.current.tab === 'runs') {
			// Enter on an event reads it in full; elsewhere it drills down.
			if (!payload.openEvent()) {
				runsData.openSelected(uiRef.current, dispatch);
			}
		} else if (uiRef.current.tab === 'status' && snapshot !== null) {
			// Enter on a flagged row: the data-quality samples, a stuck run, or the runs with that error.
			const items = flaggedItems(snapshot);
			const item = items[Math.min(uiRef.current.status.list.selected, items.length - 1)];
			if (item !== undefined) {
				dispatch({type: 'openFlagged', item});
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
			durations.cycleSort(uiRef.current, dispatch, listPage);
		},
		jump(typed) {
			if (typed === '') {
				return;
			}

			resolveRunId(session.pool, typed, session.org?.id ?? null).then(
				runId => dispatch({type: 'openRun', runId}),
				(error: unknown) => showNotice(error instanceof UserError ? error.message : `no run ${typed}: ${describeError(error)}`),
			);
		},
		copy() {
			const copyable = runsData.copyable(uiRef.current);
			if (copyable !== undefined) {
				showNotice(copyToClipboard(stdout, copyable.text, copyable.what));
			}
		},
		openPicker(kind) {
			pickers.open(kind, uiRef.current);
		},
		pick() {
			pickers.pick(uiRef.current);
		},
		toStart() {
			const current = topFrame(uiRef.current);
			if (uiRef.current.tab === 'runs' && current.kind === 'runs' && current.end) {
				dispatch({type: 'runsEnd', end: false});
			} else if (uiRef.current.tab === 'runs' && current.kind === 'events' && (current.from ?? 0) > 0) {
				dispatch({type: 'eventsFrom', from: 0});
			} else {
				move('top');
			}
		},
		toEnd() {
			// A list read to its end has its last row here; a longer one is read from the end, not a page a press.
			const current = topFrame(uiRef.current);
			const inRunsTab = uiRef.current.tab === 'runs' && uiRef.current.picker === null;
			const eventsFrom = inRunsTab && current.kind === 'events' ? runsData.eventsEndFrom(current) : undefined;
			if (inRunsTab && current.kind === 'runs' && !current.end && !runsData.runs.done) {
				dispatch({type: 'runsEnd', end: true});
			} else if (eventsFrom !== undefined) {
				dispatch({type: 'eventsFrom', from: eventsFrom});
			} else {
				move('bottom');
			}
		},
		scrollHelp(by) {
			// One line is the "more" marker; a page key moves one visible page.
			const visible = helpLength <= bodyHeight ? bodyHeight : bodyHeight - 1;
			const step = Number.isFinite(by) ? by : Math.sign(by) * visible;
			dispatch({type: 'helpScroll', by: step, lines: helpLength, visible});
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
		payloadKey: payload.key,
		openDetails: payload.openDetails,
		pager: payload.pager,
		quit: exit,
	});

	if (size.columns < minimumSize.columns || size.rows < minimumSize.rows) {
		const message = clip([[seg('terminal too small')], [seg(`${size.columns}×${size.rows}, need ${minimumSize.columns}×${minimumSize.rows}`)], [seg('q quits')]], Math.max(1, frameRows));
		return <Lines lines={message} width={Math.max(1, size.columns)} />;
	}

	const size2 = {width, height: bodyHeight, page};
	let body: Line[];
	let footerView: string = ui.tab;
	if (ui.help) {
		body = helpLines(bodyHeight, ui.helpOffset);
	} else if (ui.tab === 'runs' && ui.payload !== null) {
		footerView = 'payload';
		body = payloadView(ui.payload, runsFrame.filter, size2);
	} else if (ui.picker !== null) {
		footerView = 'picker';
		body = pickerView(ui.picker, size2);
	} else if (ui.tab === 'runs') {
		footerView = top.kind;
		if (top.kind === 'runs') {
			const listState = {
				list: top.list, filter: runsFrame.filter, editing: ui.editing, estimate: runsData.runsEstimate, fromEnd: top.end === true,
			};
			body = runsView(runsData.runs, listState, size2, now);
		} else if (top.kind === 'run') {
			const {run} = runsData;
			const detail = {run: run.value?.run ?? null, steps: run.value?.steps ?? [], loading: run.loading, error: run.error};
			body = runView(detail, {list: top.list, filter: runsFrame.filter, runId: top.runId}, size2, now);
		} else {
			const step = runsData.run.value?.steps.find(candidate => candidate.step_number === top.stepNumber) ?? null;
			const context = {
				list: top.list, filter: runsFrame.filter, runId: top.runId, step, stepNumber: top.stepNumber, following: runsData.eventsFollowing,
				from: top.from,
			};
			body = eventsView({...runsData.events, screenshots: runsData.screenshots}, context, size2);
		}
	} else if (snapshot === null) {
		body = [[seg(samplerState.error === null ? 'loading…' : `no data yet: ${samplerState.error}`, {dim: true})]];
	} else {
		switch (ui.tab) {
			case 'status': {
				body = statusView(snapshot, size2, ui.status.list.selected);
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
		...headerLines({
			database: session.database, org: session.org, windowName: ui.window.name, sampler: samplerState, tab: ui.tab, now, context: session.context,
		}, width),
		...clip(body, bodyHeight, true),
		footerLine(ui.help ? 'help' : footerView, props.footerNote, keysWork, width,
			ui.jumping === null ? notice : `:${ui.jumping}▏ run id (Enter open, Esc cancel)`),
	];
	return (
		<Box flexDirection='column' height={frameRows} width={width}>
			<Lines lines={lines} width={width} />
		</Box>
	);
}

/** A stable function that always calls the latest closure (so the input hook can stay subscribed). */
function useCallbackRef<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
	const ref = useRef(callback);
	ref.current = callback;
	return useCallback((...args: A) => {
		ref.current(...args);
	}, []);
}

/** A one-line message in the footer (what `y` copied) for a few seconds. */
function useNotice(): [string | undefined, (text: string) => void] {
	const [notice, setNotice] = useState<string | undefined>(undefined);
	const timer = useRef<NodeJS.Timeout | undefined>(undefined);
	useEffect(() => () => clearTimeout(timer.current), []);
	const show = useCallback((text: string) => {
		clearTimeout(timer.current);
		setNotice(text);
		timer.current = setTimeout(() => {
			setNotice(undefined);
		}, 4000);
	}, []);
	return [notice, show];
}
