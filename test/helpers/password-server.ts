import fs from 'node:fs/promises';
import type {ExecutionContext} from 'ava';
import {startEmbedded, temporaryDataDir} from '../../source/embedded/embedded.js';
import {serverUrl} from './database.js';
import {checksPasswords} from './roles.js';

/**
An admin URL of a server that asks for passwords (SCRAM): the test server when
it does, else an embedded server of the test's own, stopped at teardown (a
local server set up for development often trusts everyone).
*/
export async function passwordCheckingServer(t: ExecutionContext): Promise<string> {
	if (await checksPasswords(serverUrl())) {
		return serverUrl();
	}

	const dataDir = temporaryDataDir('password-server');
	t.teardown(async () => fs.rm(dataDir, {recursive: true, force: true}));
	const server = await startEmbedded(dataDir);
	t.teardown(async () => server.stop());
	return server.url;
}
