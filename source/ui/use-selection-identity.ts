import {useRef} from 'react';
import type {ListState} from './list-state.js';

/**
Keep a list's selection on the same item (by id) when its rows change under it:
a refresh that reorders workflows, new runs above the selected one, a reload.
When the item is gone the selection stays at its position (the nearest row),
and nothing else moves. `reselect` gets the row the item is at now; it is
called during the render, so no frame ever shows the selection elsewhere.
*/
export function useSelectionByIdentity(ids: readonly string[], list: ListState, options: {
	reselect: (selected: number) => void;
	/** A list still reading may not hold the item yet: wait for it before giving it up. */
	loading?: boolean;
}): void {
	const joined = ids.join('\n');
	const last = useRef<{joined: string; id: string | undefined}>({joined, id: ids[list.selected]});
	const previous = last.current;
	if (previous.joined !== joined && previous.id !== undefined) {
		const index = ids.indexOf(previous.id);
		if (index >= 0) {
			last.current = {joined, id: previous.id};
			if (index !== list.selected) {
				options.reselect(index);
			}

			return;
		}

		if (options.loading) {
			return;
		}
	}

	last.current = {joined, id: ids[list.selected]};
}
