// The selection and scroll position of a list: a pure reducer.

/** Which row is selected and which is the first one shown. */
export type ListState = {selected: number; offset: number};

/** Ways to move through a list. */
export type ListMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

/** The start of a list. */
export const listStart: ListState = {selected: 0, offset: 0};

/** Move the selection among `count` rows of which `visible` fit on screen. */
export function moveList(state: ListState, move: ListMove, count: number, visible: number): ListState {
	const page = Math.max(1, visible);
	const last = Math.max(0, count - 1);
	const target = {
		up: state.selected - 1,
		down: state.selected + 1,
		pageUp: state.selected - page,
		pageDown: state.selected + page,
		top: 0,
		bottom: last,
	}[move];
	const selected = clamp(target, 0, last);
	return {selected, offset: scrollOffset(state.offset, selected, page)};
}

/** The first row to show so that `selected` is visible, moving the window as little as possible. */
export function scrollOffset(offset: number, selected: number, visible: number): number {
	const page = Math.max(1, visible);
	if (selected < offset) {
		return selected;
	}

	if (selected >= offset + page) {
		return selected - page + 1;
	}

	return Math.max(0, offset);
}

/** Keep a list state valid for `count` rows (after the rows changed). */
export function clampList(state: ListState, count: number, visible: number): ListState {
	const selected = clamp(state.selected, 0, Math.max(0, count - 1));
	return {selected, offset: scrollOffset(Math.min(state.offset, selected), selected, visible)};
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(high, Math.max(low, value));
}
