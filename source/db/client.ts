import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {ConnectionOptions} from 'node:tls';
import pg from 'pg';
import {UserError} from '../errors.js';
import {visible} from '../terminal-text.js';
import type {ConnectionParameters, SslMode} from './parameters.js';

/** What pg takes as `ssl`: plain, or TLS with these options. */
export type SslChoice = false | ConnectionOptions;

/**
The attempts libpq makes for an sslmode, in order: allow tries plain text
first and then TLS, prefer the other way round; the rest make one attempt.
*/
export function sslAttempts(parameters: ConnectionParameters): SslChoice[] {
	const mode = parameters.sslMode;
	if (mode === 'disable') {
		return [false];
	}

	const tls = tlsOptions(mode, parameters);
	if (mode === 'allow') {
		return [false, tls];
	}

	return mode === 'prefer' ? [tls, false] : [tls];
}

function tlsOptions(mode: SslMode, parameters: ConnectionParameters): ConnectionOptions {
	const rootCert = parameters.sslRootCert ?? existing(path.join(os.homedir(), '.postgresql', 'root.crt'));
	const options: ConnectionOptions = {};
	if (parameters.hostaddr !== undefined && net.isIP(parameters.host) === 0) {
		// Connected to an address: the certificate is still checked against the host's name, as libpq does.
		options.host = parameters.host;
		options.servername = parameters.host;
	}

	if (parameters.sslCert !== undefined) {
		options.cert = readPem(parameters.sslCert, 'sslcert');
	}

	if (parameters.sslKey !== undefined) {
		options.key = readPem(parameters.sslKey, 'sslkey');
	}

	const verifies = mode === 'verify-ca' || mode === 'verify-full' || (mode === 'require' && parameters.sslRootCert !== undefined);
	if (!verifies) {
		// allow, prefer and require (without a root certificate) encrypt but do not check who answers.
		return {...options, rejectUnauthorized: false};
	}

	if (rootCert !== undefined) {
		options.ca = readPem(rootCert, 'sslrootcert');
	}

	// verify-ca checks the chain only; verify-full also the host name (Node's default).
	return mode === 'verify-full' ? options : {...options, checkServerIdentity: () => undefined};
}

function existing(file: string): string | undefined {
	return fs.existsSync(file) ? file : undefined;
}

function readPem(file: string, what: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch (error) {
		const reason = (error as {code?: string}).code ?? 'unreadable';
		throw new UserError(`cannot read the ${what} file "${visible(file.slice(0, 80))}" (${reason})`);
	}
}

/** Whether the next attempt of libpq's list is worth making after this failure. */
function worthAnotherAttempt(error: unknown, current: SslChoice): boolean {
	const code = (error as {code?: string} | undefined)?.code;
	const message = error instanceof Error ? error.message : '';
	if (current !== false) {
		// prefer: the server refused TLS, the handshake failed, or pg_hba refused an encrypted session.
		return /does not support SSL|establishing an SSL connection/i.test(message) || code === '28000'
			|| (code !== undefined && /^ERR_SSL|^ERR_TLS|^EPROTO$/.test(code));
	}

	// allow: pg_hba refused a plain session (hostssl only).
	return code === '28000';
}

type ClientInternals = {
	connection: pg.Connection & {stream: {destroy(): void}};
	connectionParameters: {ssl: SslChoice};
	ssl: SslChoice;
	_connecting: boolean;
	_connected: boolean;
	_connectionError: boolean;
	_ending: boolean;
	_ended: boolean;
	_queryable: boolean;
};

type ConnectCallback = (error: Error | undefined) => void;

/**
A pg Client that connects the libpq way, asking `password` only when the server wants one: it makes the attempts of `sslAttempts`
in turn, and after a failed attempt it closes the socket at once (pg leaves it
open, and a server waiting for a password kept wfmon alive for its whole
authentication_timeout).
*/
export function libpqClient(attempts: SslChoice[], password: () => Promise<string>): typeof pg.Client {
	return class LibpqClient extends pg.Client {
		constructor(config?: pg.ClientConfig) {
			// pg-pool hides the password from the options it passes (not enumerable): give it here.
			super({...config, ssl: attempts[0] ?? false, password});
		}

		// pg-pool connects with a callback; wfmon never connects these clients itself.
		override connect(): Promise<pg.Client>;
		override connect(callback: ConnectCallback): void;
		override connect(callback?: ConnectCallback): Promise<pg.Client> | void {
			if (callback === undefined) {
				return new Promise((resolve, reject) => {
					this.connect(error => {
						if (error) {
							reject(error);
						} else {
							resolve(this);
						}
					});
				});
			}

			const attempt = (index: number) => {
				super.connect((error?: Error) => {
					if (!error) {
						callback(undefined);
						return;
					}

					const next = attempts[index + 1];
					const retry = next !== undefined && worthAnotherAttempt(error, attempts[index] ?? false);
					this.dropConnection(retry ? next : undefined);
					if (retry) {
						attempt(index + 1);
					} else {
						callback(error);
					}
				});
			};

			attempt(0);
		}

		/** Close the failed attempt's socket; with `ssl`, make the client ready for another attempt. */
		private dropConnection(ssl: SslChoice | undefined): void {
			const internals = this as unknown as ClientInternals;
			const old = internals.connection;
			if (ssl === undefined) {
				old.stream.destroy();
				return;
			}

			old.removeAllListeners();
			old.on('error', () => undefined);
			old.stream.destroy();
			internals.connection = new pg.Connection({ssl, keepAlive: false} as ConstructorParameters<typeof pg.Connection>[0]);
			internals.ssl = ssl;
			internals.connectionParameters.ssl = ssl;
			Object.assign(internals, {_connecting: false, _connected: false, _connectionError: false, _ending: false, _ended: false, _queryable: true});
		}
	};
}
