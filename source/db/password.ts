import pgpass from 'pgpass';
import type {ConnectionParameters} from './parameters.js';

/** The server asked for a password and wfmon found none. */
export class NoPasswordError extends Error {
	readonly code = 'WFMON_NO_PASSWORD';
	constructor() {
		super('the server asks for a password: set PGPASSWORD, .pgpass or the URL\'s password');
		this.name = 'NoPasswordError';
	}
}

/**
The password pg asks for only when the server wants one: the URL's or
PGPASSWORD, else the matching .pgpass line (read by the module pg itself uses,
called here so pg's deprecation notice about its own lookup never fires).
With none, the attempt fails at once with NoPasswordError instead of handing
the server an empty answer and waiting for its authentication_timeout.
*/
export function passwordLookup(parameters: ConnectionParameters): () => Promise<string> {
	return async () => {
		if (parameters.password !== undefined) {
			return parameters.password;
		}

		const {host, port, database, user} = parameters;
		const found = await new Promise<string | undefined>(resolve => {
			pgpass({host, port, database, user}, resolve);
		});
		if (found === undefined || found === '') {
			throw new NoPasswordError();
		}

		return found;
	};
}
