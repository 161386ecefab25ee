import type pg from 'pg';
import Cursor from 'pg-cursor';

/** What a stream reads per round trip, and how it parses values. */
export type StreamOptions = {batchSize?: number; types?: {getTypeParser(oid: number, format?: string): (value: string) => unknown}};

/**
Rows of a query in batches, fetched through a server-side cursor, so memory
stays flat however many rows there are. The cursor is closed on every path:
finished, broken off by the consumer, or failed. The server counts the whole
cursor as one statement, so the session's statement timeout bounds the whole
stream and the transaction it holds (`--statement-timeout 0` lifts it).
*/
export async function * streamBatches<Row>(
	client: pg.PoolClient,
	sql: string,
	parameters: unknown[],
	options: StreamOptions = {},
): AsyncGenerator<Row[]> {
	const cursor = client.query(new Cursor<Row>(sql, parameters, options.types ? {types: options.types} : undefined));
	let connectionLost = false;
	// The connection can also die while the consumer holds us between reads.
	const markLost = () => {
		connectionLost = true;
	};

	client.once('end', markLost);
	try {
		for (;;) {
			if (connectionLost) {
				throw Object.assign(new Error('Connection terminated unexpectedly'), {code: 'ECONNRESET'});
			}

			let rows: Row[];
			try {
				rows = await untilConnectionLost(client, cursor.read(options.batchSize ?? 500));
			} catch (error) {
				connectionLost = (error as {connectionLost?: boolean}).connectionLost === true;
				throw error;
			}

			if (rows.length === 0) {
				return;
			}

			yield rows;
		}
	} finally {
		if (!connectionLost) {
			await untilConnectionLost(client, cursor.close()).catch(() => undefined);
		}

		client.off('end', markLost);
	}
}

/**
pg-cursor leaves a pending call unsettled when the connection dies under it;
this rejects instead, so the caller hears of the loss. The listeners live only
as long as the one call (a long-lived promise raced against every read would
keep every batch of rows alive).
*/
async function untilConnectionLost<T>(client: pg.PoolClient, pending: Promise<T>): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const onLost = (error?: Error) => {
			stop();
			reject(Object.assign(error ?? new Error('Connection terminated unexpectedly'), {code: 'ECONNRESET', connectionLost: true}));
		};

		const onEnd = () => onLost();
		const stop = () => {
			client.off('error', onLost);
			client.off('end', onEnd);
		};

		client.on('error', onLost);
		client.on('end', onEnd);
		pending.then(value => {
			stop();
			resolve(value);
		}, (error: unknown) => {
			stop();
			reject(error);
		});
	});
}
