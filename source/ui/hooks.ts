import {useEffect, useRef, useState, useSyncExternalStore} from 'react';
import {useStdout} from 'ink';
import type {PagedReader} from '../db/ui-queries.js';
import type {Sampler, SamplerState} from '../sampler.js';
import {CursorList, type OpenReaders} from './cursor-list.js';
import type {LoadedRows} from './views/runs/runs-view.js';
import {describeError} from '../sampler.js';

/** The sampler's state, re-rendering on every change. */
export function useSamplerState<T>(sampler: Sampler<T>): SamplerState<T> {
	return useSyncExternalStore(sampler.subscribe, sampler.getState);
}

/** The terminal's size, following resizes. */
export function useTerminalSize(): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => {
			setSize(read());
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

const idle: LoadedRows<never> = {rows: [], done: true, loading: false, error: null};
const opening: LoadedRows<never> = {rows: [], done: false, loading: true, error: null};

/**
A cursor-backed list, open while `key` is not null: a new key closes the old
cursor and opens a new one; unmounting closes it too. While a reopened cursor
of the same `identity` (the same query, refreshed) reads its first page, the
rows it replaces stay on screen; a different query starts blank.
*/
export function useCursorList<Row>(key: string | null, open: () => PagedReader<Row>, readers: OpenReaders, initial: number, identity?: string): {data: LoadedRows<Row>; list: CursorList<Row> | null} {
	const [opened, setOpened] = useState<{key: string; list: CursorList<Row>} | null>(null);
	useEffect(() => {
		if (key === null) {
			setOpened(null);
			return;
		}

		const created = readers.track(new CursorList(open()));
		setOpened({key, list: created});
		created.ensure(initial);
		return () => {
			void readers.release(created);
		};
	// The key says when to reopen; `open` is a fresh closure on every render.
	}, [key]);
	const list = opened?.list ?? null;
	const data = useSyncExternalStore(list?.subscribe ?? noSubscribe, list?.getState ?? idleState) as LoadedRows<Row>;
	// Until the effect has opened this key's cursor, the list at hand is the previous one.
	const current = opened?.key === key ? data : (key === null ? idle : opening) as LoadedRows<Row>;
	// A refreshed cursor shows the rows it replaces until its first page is in: no blank flash.
	const shown = useRef({data: current, identity});
	const refreshing = identity !== undefined && shown.current.identity === identity
		&& current.rows.length === 0 && current.loading && shown.current.data.rows.length > 0;
	if (!refreshing) {
		shown.current = {data: current, identity};
	}

	return {data: shown.current.data, list: opened?.key === key ? list : null};
}

const noSubscribe = () => () => undefined;
const idleState = () => idle;

/**
The result of a one-shot load, reloaded when `key` changes; null key = nothing
to load. While a new key loads, the last value stays if it is of the same
`identity` (the same run reloaded), else there is none.
*/
export function useLoad<T>(key: string | null, load: () => Promise<T>, identity?: string): {value: T | null; loading: boolean; error: string | null} {
	const [state, setState] = useState<{key: string | null; identity?: string; value: T | null; error: string | null}>({key: null, value: null, error: null});
	useEffect(() => {
		if (key === null) {
			return;
		}

		let current = true;
		load().then(value => {
			if (current) {
				setState({key, identity, value, error: null});
			}
		}, (error: unknown) => {
			if (current) {
				setState({key, identity, value: null, error: describeError(error)});
			}
		});
		return () => {
			current = false;
		};
	}, [key]);
	const fresh = state.key === key;
	const kept = !fresh && key !== null && identity !== undefined && state.identity === identity;
	return {value: fresh || kept ? state.value : null, loading: key !== null && !fresh, error: fresh ? state.error : null};
}
