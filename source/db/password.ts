import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {getPassword, usePgPass} from 'pgpass/lib/helper.js';
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
The password pg asks for only when the server wants one: the URL's, the
service's or PGPASSWORD, else the matching line of the password file
(passfile, PGPASSFILE, else ~/.pgpass), matched against host, port, database
and user as libpq does, by the module pg itself uses. With none, the attempt
fails at once with NoPasswordError instead of handing the server an empty
answer and waiting for its authentication_timeout.
*/
export function passwordLookup(parameters: ConnectionParameters): () => Promise<string> {
	return async () => {
		if (parameters.password !== undefined) {
			return parameters.password;
		}

		const found = await fromPasswordFile(parameters);
		if (found === undefined || found === '') {
			throw new NoPasswordError();
		}

		return found;
	};
}

async function fromPasswordFile(parameters: ConnectionParameters): Promise<string | undefined> {
	const file = parameters.passfile ?? path.join(process.env['HOME'] ?? os.homedir(), '.pgpass');
	const {host, port, database, user} = parameters;
	const stats = await fs.promises.stat(file).catch(() => undefined);
	// usePgPass refuses a file others may read (libpq's rule), with a warning on stderr.
	if (stats === undefined || !usePgPass(stats, file)) {
		return undefined;
	}

	return new Promise(resolve => {
		getPassword({host, port, database, user}, fs.createReadStream(file), resolve);
	});
}
