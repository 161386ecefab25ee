import net from 'node:net';

/**
A TCP proxy in front of the test server, so a test can make the database
"go away" (refused connections, dropped sockets) and come back on the same port.
*/
export type Proxy = {port: number; stop(): Promise<void>; start(): Promise<void>; close(): Promise<void>};

export async function startProxy(target: {host: string; port: number}): Promise<Proxy> {
	const sockets = new Set<net.Socket>();
	let server: net.Server | undefined;
	let port = 0;
	const listen = async () => {
		server = net.createServer(client => {
			const upstream = net.connect(target.port, target.host);
			sockets.add(client);
			sockets.add(upstream);
			client.pipe(upstream).pipe(client);
			const end = () => {
				client.destroy();
				upstream.destroy();
				sockets.delete(client);
				sockets.delete(upstream);
			};

			client.on('error', end).on('close', end);
			upstream.on('error', end).on('close', end);
		});
		await new Promise<void>(resolve => {
			server!.listen(port, '127.0.0.1', () => {
				resolve();
			});
		});
		port = (server.address() as net.AddressInfo).port;
	};

	const stop = async () => {
		for (const socket of sockets) {
			socket.destroy();
		}

		sockets.clear();
		await new Promise<void>(resolve => {
			if (server === undefined) {
				resolve();
				return;
			}

			server.close(() => {
				resolve();
			});
		});
		server = undefined;
	};

	await listen();
	return {
		get port() {
			return port;
		},
		stop,
		start: listen,
		close: stop,
	};
}
