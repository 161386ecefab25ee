import type {PoolClient} from '../db/connect.js';
import {isConnectionLost} from '../db/connect.js';
import {UserError} from '../errors.js';
import {createLineWriter, streamOutput} from '../output.js';
import type {Session} from '../session.js';
import {during} from './lost-connection.js';

const isStatementTimeout = (error: unknown) =>
	(error as {code?: string}).code === '57014' && /statement timeout/.test((error as Error).message);

/** Print rows as NDJSON, each row shaped by `shape` first; see printRows. */
export async function printNdjson<Row>(
	session: Pick<Session, 'pool' | 'database' | 'target'>,
	open: (client: PoolClient) => AsyncGenerator<Row[]>,
	shape: (row: Row) => unknown,
	limit = Infinity,
): Promise<number> {
	return printRows(session, open, rows => rows.map(row => JSON.stringify(shape(row))), limit);
}

/**
Print rows, as the lines `format` makes of each batch, until they run out, `limit`
is reached or the reader leaves. Each batch goes out as one write of whole lines, so
a lost connection ends the stream with a clear error (exit 2) after the last whole line.
*/
export async function printRows<Row>(
	session: Pick<Session, 'pool' | 'database' | 'target'>,
	open: (client: PoolClient) => AsyncGenerator<Row[]>,
	format: (rows: Row[]) => string[],
	limit = Infinity,
): Promise<number> {
	const out = createLineWriter(streamOutput());
	const client = await during(session, 'the stream', async () => session.pool.connect());
	let broken = false;
	let printed = 0;
	// The server's statement timer does not fire while the server waits for a reader that stopped
	// reading (it is then idle between fetches), so wfmon bounds the stream itself: past the limit
	// it closes the connection, and with it the transaction.
	const limitMs = session.target.statementTimeoutMs;
	let timedOut = false;
	const watchdog = limitMs > 0 ? setTimeout(() => {
		timedOut = true;
		out.abort();
		client.release(true);
	}, limitMs) : undefined;
	watchdog?.unref();
	try {
		for await (const batch of open(client)) {
			if (timedOut) {
				break;
			}

			const rows = batch.length > limit - printed ? batch.slice(0, limit - printed) : batch;
			if (!(await out.writeLines(format(rows)))) {
				break;
			}

			printed += rows.length;
			if (printed >= limit) {
				break;
			}
		}

		if (timedOut) {
			throw timeoutError(printed);
		}

		return 0;
	} catch (error) {
		broken = true;
		if (timedOut || isStatementTimeout(error)) {
			throw timeoutError(printed);
		}

		if (isConnectionLost(error)) {
			const {host, port} = session.database;
			throw new UserError(`lost the connection to ${host}:${port} during the stream after ${printed} rows; the output is incomplete`);
		}

		throw error;
	} finally {
		clearTimeout(watchdog);
		if (!timedOut) {
			client.release(broken);
		}
	}
}

const timeoutError = (printed: number) => new UserError(`the stream ran past --statement-timeout after ${printed} rows; `
	+ 'the output is incomplete (--statement-timeout 0 streams without a limit)');
