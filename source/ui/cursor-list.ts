import type {PagedReader} from '../db/ui-queries.js';
import {describeError} from '../sampler.js';
import type {LoadedRows} from './views/runs/runs-view.js';

/**
The rows a paged reader has delivered so far, read a page at a time on demand, with
listeners; free of React. `ensure(n)` reads until n rows are there (or the
list runs out); `close()` stops it reading.
*/
export class CursorList<Row> {
	private state: LoadedRows<Row> = {rows: [], done: false, loading: false, error: null};
	private readonly rows: Row[] = [];
	private readonly listeners = new Set<() => void>();
	private closed = false;

	constructor(private readonly reader: PagedReader<Row>, private readonly pageSize = 200) {}

	/** The rows and the reading state; a new object after every change. */
	getState = (): LoadedRows<Row> => this.state;

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	/** Read more when fewer than `count` rows are loaded. */
	ensure(count: number): void {
		const {state} = this;
		if (this.closed || state.done || state.loading || state.error !== null || this.rows.length >= count) {
			return;
		}

		this.set({loading: true});
		this.reader.read(Math.max(this.pageSize, count - this.rows.length)).then(page => {
			if (this.closed) {
				return;
			}

			// The array only grows: a page is appended in place, the state object is new.
			this.rows.push(...page.rows);
			this.set({rows: this.rows, done: page.done, loading: false});
		}, (error: unknown) => {
			if (!this.closed) {
				this.set({loading: false, error: describeError(error)});
			}
		});
	}

	/** Close the cursor; the list keeps its rows but reads no more. */
	async close(): Promise<void> {
		this.closed = true;
		this.listeners.clear();
		await this.reader.close().catch(() => undefined);
	}

	private set(change: Partial<LoadedRows<Row>>): void {
		this.state = {...this.state, ...change};
		for (const listener of this.listeners) {
			listener();
		}
	}
}

/** Open readers, so that quitting can close them all before the pool ends. */
export class OpenReaders {
	private readonly open = new Set<{close(): Promise<void>}>();

	track<T extends {close(): Promise<void>}>(item: T): T {
		this.open.add(item);
		return item;
	}

	async release(item: {close(): Promise<void>}): Promise<void> {
		this.open.delete(item);
		await item.close();
	}

	/** Close every reader still open. */
	async closeAll(): Promise<void> {
		const items = [...this.open];
		this.open.clear();
		await Promise.all(items.map(async item => item.close()));
	}
}
