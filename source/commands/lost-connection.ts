import {isConnectionLost} from '../db/connect.js';
import {UserError} from '../errors.js';
import type {Session} from '../session.js';

/** The one line for a connection that went away while `what` was being read. */
export function lostConnection(session: Pick<Session, 'database'>, what: string): UserError {
	const {host, port} = session.database;
	return new UserError(`lost the connection to ${host}:${port} during ${what}`);
}

/** Run `read`; a connection lost meanwhile becomes one line naming the server and what was being read. */
export async function during<T>(session: Pick<Session, 'database'>, what: string, read: () => Promise<T>): Promise<T> {
	try {
		return await read();
	} catch (error) {
		if (!(error instanceof UserError) && isConnectionLost(error)) {
			throw lostConnection(session, what);
		}

		throw error;
	}
}
