import {useRef} from 'react';
import {useInput, useStdin, type Key} from 'ink';
import type {ListMove} from './list-state.js';
import type {UiAction, UiState} from './navigation.js';
import {tabs} from './chrome/chrome.js';

/** What keys can do besides changing the UI state. */
export type InputHandlers = {
	dispatch: (action: UiAction) => void;
	/** Enter on the current list. */
	open: () => void;
	/** Move within the current list (the caller knows how many rows there are). */
	move: (move: ListMove) => void;
	refresh: () => void;
	togglePause: () => void;
	changeInterval: (direction: 1 | -1) => void;
	/** `s` on the durations view: the next sort, keeping the selected workflow selected. */
	cycleSort: () => void;
	/** `:` then Enter: open the run a typed id (full or short) names. */
	jump: (typed: string) => void;
	/** `y`: copy the selection to the clipboard (OSC 52). */
	copy: () => void;
	/** A key while the payload pane is open (it takes them all). */
	payloadKey: (input: string, key: Key) => void;
	/** `d` on a run: its context, parameters, result and error details in the payload pane. */
	openDetails: () => void;
	/** `v`: the payload (the pane's, the selected event's, the run's details) in $PAGER. */
	pager: () => void;
	/** Scroll the help by lines; ±Infinity: a page. */
	scrollHelp: (by: number) => void;
	/** `W` on the runs list, `o` anywhere: open the workflow or org picker. */
	openPicker: (kind: 'workflow' | 'org') => void;
	/** Enter in a picker: take the selected item. */
	pick: () => void;
	/** `g`: the first row (of a list read from its end: read from its start again). */
	toStart: () => void;
	/** `G`: the last row; a long runs list or step is read from its end, not page by page up to it. */
	toEnd: () => void;
	quit: () => void;
};

/**
Map keys to actions; nothing else. Inactive when stdin cannot be put in raw
mode (not a TTY), as Ink requires.
*/
export function useAppInput(getState: () => UiState, handlers: InputHandlers): void {
	const {isRawModeSupported} = useStdin();
	// Keys can arrive faster than renders: read the state as of the last key, not of the render that subscribed.
	const latestHandlers = useRef(handlers);
	latestHandlers.current = handlers;
	const handle = (input: string, key: Key) => {
		const state = getState();
		const handlers = latestHandlers.current;
		const {dispatch} = handlers;
		if (state.help) {
			// Help scrolls like a list and closes as less does; other keys do nothing while it is open.
			const scroll = (by: number) => handlers.scrollHelp(by);
			if (key.escape || input === '?' || input === 'q') {
				dispatch({type: 'help', open: false});
			} else if (key.downArrow || input === 'j') {
				scroll(1);
			} else if (key.upArrow || input === 'k') {
				scroll(-1);
			} else if (key.pageDown || input === ' ' || (key.ctrl && input === 'f')) {
				scroll(Number.POSITIVE_INFINITY);
			} else if (key.pageUp || (key.ctrl && input === 'b')) {
				scroll(Number.NEGATIVE_INFINITY);
			}

			return;
		}

		if (state.payload !== null) {
			handlers.payloadKey(input, key);
			return;
		}

		if (state.picker !== null) {
			pickerKey(input, key, handlers);
			return;
		}

		if (state.jumping !== null) {
			promptKey(input, key, {
				apply() {
					handlers.jump(state.jumping!.trim());
					dispatch({type: 'jumpEnd'});
				},
				cancel: () => dispatch({type: 'jumpEnd'}),
				erase: () => dispatch({type: 'jumpErase'}),
				type: text => dispatch({type: 'jumpType', text}),
			});
			return;
		}

		if (state.editing !== null) {
			promptKey(input, key, {
				apply: () => dispatch({type: 'editApply'}),
				cancel: () => dispatch({type: 'editCancel'}),
				erase: () => dispatch({type: 'editErase'}),
				type: text => dispatch({type: 'editType', text}),
			});
			return;
		}

		const atRunsList = state.tab === 'runs' && state.stack.length === 1;
		if (key.upArrow || input === 'k') {
			handlers.move('up');
		} else if (key.downArrow || input === 'j') {
			handlers.move('down');
		} else if (key.pageUp || (key.ctrl && input === 'b')) {
			handlers.move('pageUp');
		} else if (key.pageDown || (key.ctrl && input === 'f') || input === ' ') {
			handlers.move('pageDown');
		} else if (key.home || input === 'g') {
			handlers.toStart();
		} else if (key.end || input === 'G') {
			handlers.toEnd();
		} else if (key.return) {
			handlers.open();
		} else if (key.escape) {
			dispatch({type: 'back'});
		} else if (key.tab) {
			dispatch({type: 'cycleTab', delta: key.shift ? -1 : 1});
		} else if (/^[1-5]$/.test(input)) {
			dispatch({type: 'tab', tab: tabs[Number(input) - 1]!});
		} else if (input === 'q') {
			handlers.quit();
		} else if (input === '?') {
			dispatch({type: 'help', open: true});
		} else if (input === 'p') {
			handlers.togglePause();
		} else if (input === 'r') {
			handlers.refresh();
		} else if (input === '+' || input === '=') {
			handlers.changeInterval(1);
		} else if (input === '-') {
			handlers.changeInterval(-1);
		} else if (input === 'w' && atRunsList) {
			dispatch({type: 'runsScope'});
		} else if (input === 'w') {
			dispatch({type: 'cycleWindow'});
		} else if ((input === '>' || input === '<') && atRunsList) {
			dispatch({type: 'runsSort', delta: input === '>' ? 1 : -1});
		} else if (input === 'I' && atRunsList) {
			dispatch({type: 'runsReverse'});
		} else if (input === 'W' && atRunsList) {
			handlers.openPicker('workflow');
		} else if (input === 'o') {
			handlers.openPicker('org');
		} else if (input === '/' && atRunsList) {
			dispatch({type: 'editStart'});
		} else if (input === 's' && atRunsList) {
			dispatch({type: 'cycleStatus'});
		} else if (input === ':') {
			dispatch({type: 'jumpStart'});
		} else if (input === 'y' && state.tab === 'runs') {
			handlers.copy();
		} else if (input === 'd' && state.tab === 'runs') {
			handlers.openDetails();
		} else if (input === 'v' && state.tab === 'runs') {
			handlers.pager();
		} else if (input === 's' && state.tab === 'durations') {
			latestHandlers.current.cycleSort();
		}
	};

	// One queue for every key, in the order the terminal sent them: a burst ("/zz2" then Enter) is
	// taken one key at a time, each after the render of the one before, and nothing overtakes it.
	const queue = useRef<QueuedKey[]>([]);
	const draining = useRef(false);
	const pasting = useRef(false);
	const take = ({input, key, pasted}: QueuedKey) => {
		if (!pasted) {
			handle(input, key);
			return;
		}

		// Pasted text is never a command: it goes into the filter being edited, or nowhere.
		const text = [...input].map(character => hasControl(character) ? ' ' : character).join('');
		const state = getState();
		if (state.jumping !== null && text !== '') {
			latestHandlers.current.dispatch({type: 'jumpType', text: text.trim()});
		} else if (state.editing !== null && text !== '') {
			latestHandlers.current.dispatch({type: 'editType', text});
		}
	};

	const drain = () => {
		const next = queue.current.shift();
		if (next === undefined) {
			draining.current = false;
			return;
		}

		draining.current = true;
		take(next);
		setTimeout(drain, queue.current.length > 0 ? 5 : 0);
	};

	useInput((input, key) => {
		if (input === pasteStart || input === pasteEnd) {
			pasting.current = input === pasteStart;
		} else if (pasting.current) {
			// Kept whole: it is text, and its Enter or `q` must not be split out as keys.
			queue.current.push({input, key, pasted: true});
		} else {
			queue.current.push(...keyEvents(input, key));
		}

		if (!draining.current) {
			drain();
		}
	}, {isActive: isRawModeSupported === true});
}

type QueuedKey = {input: string; key: Key; pasted: boolean};

// Bracketed paste (turned on in screen.ts): the terminal wraps pasted text in these; Ink drops the ESC.
const pasteStart = '[200~';
const pasteEnd = '[201~';

/** The keys one read stands for: keys typed or sent faster than they are read arrive as one chunk ("jj\r"). */
function keyEvents(input: string, key: Key): QueuedKey[] {
	if (input.length > 1 && !input.includes('\u001B') && !key.ctrl && !key.meta) {
		return [...input].map(character => ({...singleKey(character, key), pasted: false}));
	}

	return [{input, key, pasted: false}];
}

/** The key a single character of a chunk stands for. */
function singleKey(character: string, chunk: Key): {input: string; key: Key} {
	const plain: Key = {...chunk, return: false, tab: false, backspace: false, delete: false, shift: false};
	switch (character) {
		case '\r':
		case '\n': {
			return {input: '', key: {...plain, return: true}};
		}

		case '\t': {
			return {input: '', key: {...plain, tab: true}};
		}

		case '\u007F':
		case '\b': {
			return {input: '', key: {...plain, backspace: true}};
		}

		default: {
			return {input: character, key: {...plain, shift: character !== character.toLowerCase()}};
		}
	}
}

/** A key in a picker: move, Enter takes the item, Esc or q closes it; nothing else is live. */
function pickerKey(input: string, key: Key, handlers: InputHandlers): void {
	if (key.escape || input === 'q') {
		handlers.dispatch({type: 'pickerClose'});
	} else if (key.return) {
		handlers.pick();
	} else if (key.downArrow || input === 'j') {
		handlers.move('down');
	} else if (key.upArrow || input === 'k') {
		handlers.move('up');
	} else if (key.pageDown || input === ' ' || (key.ctrl && input === 'f')) {
		handlers.move('pageDown');
	} else if (key.pageUp || (key.ctrl && input === 'b')) {
		handlers.move('pageUp');
	} else if (key.home || input === 'g') {
		handlers.move('top');
	} else if (key.end || input === 'G') {
		handlers.move('bottom');
	}
}

/** A key in a one-line prompt (the `/` filter, the `:` run id): Enter, Esc, Backspace or text. */
function promptKey(input: string, key: Key, on: {apply(): void; cancel(): void; erase(): void; type(text: string): void}): void {
	if (key.return) {
		on.apply();
	} else if (key.escape) {
		on.cancel();
	} else if (key.backspace || key.delete) {
		on.erase();
	} else if (input !== '' && !key.ctrl && !key.meta && !hasControl(input)) {
		on.type(input);
	}
}

function hasControl(text: string): boolean {
	return [...text].some(character => character.codePointAt(0)! < 32 || character.codePointAt(0) === 127);
}
