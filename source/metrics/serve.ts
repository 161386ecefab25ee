import http from 'node:http';
import {UserError} from '../errors.js';
import type {CachedRead} from './cache.js';
import {metricsContentType} from './registry.js';

/** Where to listen: loopback unless a host is given. */
export type ListenAddress = {host: string; port: number};

/**
`127.0.0.1:9464`, `[::1]:9464`, `0.0.0.0:9464`, or a bare port (`9464`,
`:9464`), which listens on loopback only: exposing the database's figures to
the network takes an explicit host. Port 0 takes any free port.
*/
export function parseListen(text: string): ListenAddress {
	const match = /^(?:(\[[\da-fA-F:.]+\]|[\w.-]+)?:)?(\d{1,5})$/.exec(text.trim());
	const port = Number(match?.[2]);
	if (match === null || port > 65_535) {
		throw new UserError(`--listen takes HOST:PORT or PORT, such as 127.0.0.1:9464 (got "${text.slice(0, 40)}")`);
	}

	const host = match[1]?.replace(/^\[(.*)\]$/, '$1') ?? '127.0.0.1';
	return {host, port};
}

/** An HTTP server answering GET /metrics with the cached text, 404 elsewhere; resolves once it listens. */
export async function serveMetrics(
	address: ListenAddress,
	read: CachedRead<string>,
	onError: (message: string) => void,
): Promise<http.Server> {
	const server = http.createServer((request, response) => {
		const {pathname} = new URL(request.url ?? '/', 'http://wfmon');
		if (pathname !== '/metrics') {
			response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('not found: wfmon serves /metrics\n');
			return;
		}

		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.writeHead(405, {allow: 'GET, HEAD'}).end();
			return;
		}

		read().then(text => {
			response.writeHead(200, {'content-type': metricsContentType}).end(request.method === 'HEAD' ? undefined : text);
		}, (error: unknown) => {
			// Prometheus marks the target down on a 5xx; the message says why.
			const message = error instanceof Error ? error.message : String(error);
			onError(message);
			response.writeHead(503, {'content-type': 'text/plain; charset=utf-8'}).end(`wfmon could not read the database: ${message}\n`);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => {
			reject(new UserError(`--listen ${address.host}:${address.port}: ${error.code === 'EADDRINUSE'
				? 'the port is in use'
				: error.message}`));
		});
		server.listen(address.port, address.host, resolve);
	});
	return server;
}

/** Stop listening and drop open (keep-alive) connections. */
export async function closeServer(server: http.Server): Promise<void> {
	const closed = new Promise<void>(resolve => server.close(() => resolve()));
	server.closeAllConnections();
	await closed;
}
