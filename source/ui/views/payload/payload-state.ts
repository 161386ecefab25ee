// The payload pane's state: what it shows and where it is scrolled. A pure
// reducer; the caller passes the line counts it needs (they depend on the width).
import type {ListMove} from '../../list-state.js';
import {prettyJson} from './payload-text.js';

/** An open payload: pretty JSON read through a scrollable window. */
export type PayloadPane = {
	/** Where it comes from, after the runs breadcrumb ("run a1000000", "step 2 Render", "event 7"). */
	path: string[];
	/** What `y` and the notices call it ("the event's JSON"). */
	what: string;
	value: unknown;
	/** The value pretty-printed once, when opened. */
	text: string;
	/** The first display line shown. */
	top: number;
	/** The first column shown when lines are not wrapped. */
	left: number;
	wrap: boolean;
};

export type PaneAction =
	| {type: 'scroll'; move: ListMove; lines: number; visible: number}
	| {type: 'pan'; by: number; widest: number; width: number}
	/** Wrap on or off; `top` is the display line that keeps the same text in sight. */
	| {type: 'wrap'; top: number}
	| {type: 'close'};

/** A pane on `value`, at its top, wrapped. */
export function openPane(value: unknown, path: string[], what: string): PayloadPane {
	return {path, what, value, text: prettyJson(value), top: 0, left: 0, wrap: true};
}

/** The pane after an action; null once closed. */
export function paneReducer(pane: PayloadPane, action: PaneAction): PayloadPane | null {
	switch (action.type) {
		case 'scroll': {
			const page = Math.max(1, action.visible);
			const last = Math.max(0, action.lines - page);
			const target = {
				up: pane.top - 1,
				down: pane.top + 1,
				pageUp: pane.top - page,
				pageDown: pane.top + page,
				top: 0,
				bottom: last,
			}[action.move];
			return {...pane, top: Math.min(last, Math.max(0, target))};
		}

		case 'pan': {
			const last = Math.max(0, action.widest - action.width);
			return {...pane, left: Math.min(last, Math.max(0, pane.left + action.by))};
		}

		case 'wrap': {
			return {...pane, wrap: !pane.wrap, left: 0, top: Math.max(0, action.top)};
		}

		case 'close': {
			return null;
		}
	}
}
