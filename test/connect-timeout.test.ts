import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test, {type ExecutionContext} from 'ava';
import {environmentWithoutDatabase, runWfmon} from './helpers/binary.js';

/** A port that accepts connections and never says a word: only a timeout ends the wait. */
async function silentServer(t: ExecutionContext): Promise<number> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer(socket => {
		sockets.add(socket);
		socket.on('error', () => undefined);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	t.teardown(() => {
		for (const socket of sockets) {
			socket.destroy();
		}

		server.close();
	});
	return (server.address() as net.AddressInfo).port;
}

/** How long wfmon waited before giving up, and that it gave up with the timeout's one line. */
async function timeToGiveUp(t: ExecutionContext, arguments_: string[], variables: Record<string, string>): Promise<number> {
	const started = Date.now();
	const result = await runWfmon(['snapshot', ...arguments_], {env: environmentWithoutDatabase(variables)});
	const elapsed = Date.now() - started;
	t.is(result.exitCode, 2);
	t.regex(result.stderr, /^wfmon: cannot connect to 127\.0\.0\.1:\d+: no answer within the connect timeout/);
	return elapsed;
}

// wfmon's own default is 5 s: waiting 8 s or more shows the 9 s setting was taken.
test('PGCONNECT_TIMEOUT sets how long connecting may take (seconds, as libpq)', async t => {
	const port = await silentServer(t);
	const elapsed = await timeToGiveUp(t, ['--database-url', `postgres://u@127.0.0.1:${port}/db`], {PGCONNECT_TIMEOUT: '9'});
	t.true(elapsed >= 8500, `gave up after ${elapsed} ms`);
});

test('a service\'s connect_timeout wins over PGCONNECT_TIMEOUT', async t => {
	const port = await silentServer(t);
	const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'wfmon-timeout-'));
	t.teardown(async () => fs.rm(directory, {recursive: true, force: true}));
	const file = path.join(directory, 'services.conf');
	await fs.writeFile(file, `[silent]\nhost=127.0.0.1\nport=${port}\nuser=u\nconnect_timeout=9\n`);
	const elapsed = await timeToGiveUp(t, ['--service', 'silent'], {PGSERVICEFILE: file, PGCONNECT_TIMEOUT: '1'});
	t.true(elapsed >= 8500, `gave up after ${elapsed} ms`);
});

test('--connect-timeout wins over PGCONNECT_TIMEOUT', async t => {
	const port = await silentServer(t);
	const elapsed = await timeToGiveUp(t, ['--connect-timeout', '1s', '--database-url', `postgres://u@127.0.0.1:${port}/db`], {PGCONNECT_TIMEOUT: '30'});
	// 1 s, and the start of node on a busy machine.
	t.true(elapsed < 8000, `gave up after ${elapsed} ms`);
});

test('a connect_timeout that is not a whole number is one line, exit 2', async t => {
	const result = await runWfmon(['snapshot', '--database-url', 'postgres://u@127.0.0.1:1/db?connect_timeout=5s'], {env: environmentWithoutDatabase()});
	t.is(result.exitCode, 2);
	t.is(result.stderr, 'wfmon: connect_timeout must be a whole number of seconds (got "5s")\n');
});
