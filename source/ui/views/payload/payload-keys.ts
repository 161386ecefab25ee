// The payload pane's keys: scroll, pan, wrap, page, copy, close. While the
// pane is open it takes every key but those of the help it can open.
import type {Key} from 'ink';
import type {Pool} from '../../../db/connect.js';
import {untilPoolIdle} from '../../../db/idle.js';
import {copyToClipboard} from '../../clipboard.js';
import {compactJson} from '../../format.js';
import type {ListMove} from '../../list-state.js';
import type {UiAction, UiState} from '../../navigation.js';
import {terminalControl} from '../../screen.js';
import type {RunsData} from '../runs/use-runs-data.js';
import {pagerCommand, runPager} from './pager.js';
import {displayLineOf, layoutPayload} from './payload-text.js';
import {paneLayout, paneRows} from './payload-view.js';
import {eventPane, runDetailsPane, selectedPayload} from './payload-source.js';

/** A pane key as a command. */
export type PaneCommand =
	| {type: 'scroll'; move: ListMove}
	| {type: 'pan'; direction: 1 | -1}
	| {type: 'wrap' | 'pager' | 'copy' | 'close' | 'help'};

/** What a key does in the pane, or undefined. */
export function paneCommand(input: string, key: Key): PaneCommand | undefined {
	const scroll = (move: ListMove): PaneCommand => ({type: 'scroll', move});
	if (key.escape || input === 'q') {
		return {type: 'close'};
	}

	if (key.downArrow || input === 'j') {
		return scroll('down');
	}

	if (key.upArrow || input === 'k') {
		return scroll('up');
	}

	if (key.pageDown || input === ' ' || (key.ctrl && input === 'f')) {
		return scroll('pageDown');
	}

	if (key.pageUp || (key.ctrl && input === 'b')) {
		return scroll('pageUp');
	}

	if (key.home || input === 'g') {
		return scroll('top');
	}

	if (key.end || input === 'G') {
		return scroll('bottom');
	}

	if (key.leftArrow || input === 'h') {
		return {type: 'pan', direction: -1};
	}

	if (key.rightArrow || input === 'l') {
		return {type: 'pan', direction: 1};
	}

	const named = ({w: 'wrap', v: 'pager', y: 'copy', '?': 'help'} as const)[input];
	return named === undefined ? undefined : {type: named};
}

/** What the pane's keys need from the app. */
export type PayloadContext = {
	getState: () => UiState;
	dispatch: (action: UiAction) => void;
	data: Pick<RunsData, 'events' | 'run'>;
	width: number;
	bodyHeight: number;
	stdout: NodeJS.WriteStream;
	showNotice: (text: string) => void;
	/** The session's pool: the pager waits for its reads to finish (see untilPoolIdle). */
	pool: Pool;
};

/** The key handlers app.tsx wires in: the pane's own keys, Enter on an event, `d` on a run, `v`. */
export function payloadHandlers(context: PayloadContext) {
	const {getState, dispatch, width, bodyHeight} = context;
	const pane = (action: Extract<UiAction, {type: 'payload'}>['action']) => dispatch({type: 'payload', action});

	const pager = () => {
		const payload = selectedPayload(getState(), context.data);
		if (payload === undefined) {
			return;
		}

		// The pager stops the event loop: let a page read in flight commit first (it takes milliseconds).
		void untilPoolIdle(context.pool, 2000).then(() => {
			const notice = runPager(`${payload.text}\n`, pagerCommand(), terminalControl(context.stdout));
			if (notice !== undefined) {
				context.showNotice(notice);
			}
		});
	};

	return {
		/** A key while the pane is open. */
		key(input: string, key: Key) {
			const open = getState().payload;
			const command = paneCommand(input, key);
			if (open === null || command === undefined) {
				return;
			}

			const layout = paneLayout(open, width);
			switch (command.type) {
				case 'scroll': {
					pane({type: 'scroll', move: command.move, lines: layout.lines.length, visible: paneRows(bodyHeight)});
					break;
				}

				case 'pan': {
					const by = command.direction * Math.max(1, Math.floor(width / 4));
					pane({type: 'pan', by, widest: layout.widest, width});
					break;
				}

				case 'wrap': {
					// Keep the text at the top of the window in sight.
					const shownTop = Math.min(open.top, Math.max(0, layout.lines.length - paneRows(bodyHeight)));
					const first = layout.origin[shownTop] ?? 0;
					pane({type: 'wrap', top: displayLineOf(layoutPayload(open.text, width, !open.wrap), first)});
					break;
				}

				case 'pager': {
					pager();
					break;
				}

				case 'copy': {
					context.showNotice(copyToClipboard(context.stdout, compactJson(open.value), open.what));
					break;
				}

				case 'help': {
					dispatch({type: 'help', open: true});
					break;
				}

				case 'close': {
					pane({type: 'close'});
					break;
				}
			}
		},
		/** Enter on the events list: the selected event in the pane. True when there was one. */
		openEvent(): boolean {
			const opened = eventPane(getState(), context.data);
			if (opened !== undefined) {
				dispatch({type: 'payloadOpen', pane: opened});
			}

			return opened !== undefined;
		},
		/** `d` on a run: its context, parameters, result and error in the pane. */
		openDetails() {
			const opened = runDetailsPane(getState(), context.data);
			if (opened !== undefined) {
				dispatch({type: 'payloadOpen', pane: opened});
			}
		},
		/** `v`: the pane's payload, or the selected one, in $PAGER. */
		pager,
	};
}
