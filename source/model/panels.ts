import type {Panel} from './snapshot.js';

/** A panel built from another's rows; an error stays the error. */
export function mapPanel<T, U>(panel: Panel<T>, build: (data: T) => U): Panel<U> {
	return {data: panel.data === null ? null : build(panel.data), error: panel.error, query_ms: panel.query_ms};
}

/**
A panel that needs the rows of a second one: it fails when either does, and
keeps its own query time (the other panel's read is counted there).
*/
export function joinPanels<T, U, V>(own: Panel<T>, other: Panel<U>, build: (data: T, otherData: U) => V): Panel<V> {
	if (own.data === null || other.data === null) {
		return {data: null, error: own.error ?? other.error ?? 'no data', query_ms: own.query_ms};
	}

	return {data: build(own.data, other.data), error: null, query_ms: own.query_ms};
}
