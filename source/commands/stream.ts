import type {PoolClient} from '../db/connect.js';
import {isConnectionLost} from '../db/connect.js';
import {UserError} from '../errors.js';
import {createLineWriter} from '../output.js';
import type {Session} from '../session.js';
import {during} from './lost-connection.js';

const isStatementTimeout = (error: unknown) =>
	(error as {code?: string}).code === '57014' && /statement timeout/.test((error as Error).message);

/**
Print rows as NDJSON until they run out, `limit` is reached or the reader
leaves. Each batch goes out as one write of whole lines, so a lost connection
ends the stream with a clear error (exit 2) after the last whole line.
*/
export async function printNdjson<Row>(
	session: Pick<Session, 'pool' | 'database'>,
	open: (client: PoolClient) => AsyncGenerator<Row[]>,
	shape: (row: Row) => unknown,
	limit = Infinity,
): Promise<number> {
	const out = createLineWriter(process.stdout);
	const client = await during(session, 'the stream', async () => session.pool.connect());
	let broken = false;
	let printed = 0;
	try {
		for await (const batch of open(client)) {
			const rows = batch.length > limit - printed ? batch.slice(0, limit - printed) : batch;
			if (!(await out.writeLines(rows.map(row => JSON.stringify(shape(row)))))) {
				break;
			}

			printed += rows.length;
			if (printed >= limit) {
				break;
			}
		}

		return 0;
	} catch (error) {
		broken = true;
		if (isConnectionLost(error)) {
			const {host, port} = session.database;
			throw new UserError(`lost the connection to ${host}:${port} during the stream after ${printed} rows; the output is incomplete`);
		}

		if (isStatementTimeout(error)) {
			// The stream's transaction is bounded like any statement (a slow reader keeps it open).
			throw new UserError(`the stream ran past --statement-timeout after ${printed} rows; the output is incomplete `
				+ '(--statement-timeout 0 streams without a limit)');
		}

		throw error;
	} finally {
		client.release(broken);
	}
}
