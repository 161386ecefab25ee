import test from 'ava';
import {backoffDelay, createSampler, type SamplerState} from '../source/sampler.js';
import {headerLines} from '../source/ui/chrome/chrome.js';
import {plain} from '../source/ui/lines.js';
import {createSnapshotSampler} from '../source/ui/snapshot-sampler.js';
import type {Snapshot} from '../source/model/snapshot.js';
import {parseWindow} from '../source/model/windows.js';
import {startProxy} from './helpers/ui-proxy.js';
import {createUiDatabase, createUiSession} from './helpers/ui-fixture.js';

const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (ok(value) || Date.now() > deadline) {
			return value;
		}

		await sleep(10);
	}
}

test('the reconnect backoff waits 1, 2, 4, 8 and then never more than 10 seconds', t => {
	t.deepEqual([1, 2, 3, 4, 5, 6, 20].map(attempt => backoffDelay(attempt)), [1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
});

test('while it waits to retry, the header\'s "retry in Ns" counts down every second', async t => {
	const database = {host: 'db', port: 5432, database: 'app', user: 'me', server_version: '18'};
	const shown: string[] = [];
	const sampler = createSampler<Snapshot>({
		intervalMs: 60_000,
		isConnectionLost: () => true,
		fetch: async () => {
			throw new Error('connect ECONNREFUSED');
		},
	});
	sampler.subscribe(state => {
		if (state.attempt === 2 && state.nextAt !== null) {
			const header = headerLines({database, org: null, windowName: '1h', sampler: state, tab: 'status', now: Date.now()}, 120);
			shown.push(/retry in \d+s/.exec(plain(header[1] ?? []))?.[0] ?? '');
		}
	});
	t.teardown(() => sampler.stop());
	sampler.start();
	// The first failure waits 1 s, the second 2 s: that wait must show 2 and then 1.
	await until(sampler.getState, (state: SamplerState<Snapshot>) => state.attempt >= 3, 6000);
	t.deepEqual([...new Set(shown)], ['retry in 2s', 'retry in 1s']);
});

test('once the server answers again, the views are back within about a second, even deep into the backoff', async t => {
	const database = await createUiDatabase();
	t.teardown(database.drop);
	const url = new URL(database.url);
	const proxy = await startProxy({host: url.hostname, port: Number(url.port || 5432)});
	t.teardown(proxy.close);
	url.hostname = '127.0.0.1';
	url.port = String(proxy.port);
	const session = createUiSession(url.toString());
	t.teardown(async () => session.pool.end());
	const sampler = createSnapshotSampler(session, {window: parseWindow('1h')}, 60_000);
	t.teardown(() => sampler.stop());
	sampler.start();
	await until(sampler.getState, state => state.connection === 'connected', 10_000);
	t.is(sampler.getState().connection, 'connected');

	await proxy.stop();
	void sampler.refresh();
	// Attempts 1, 2 and 3 wait 1 + 2 + 4 s; the fourth failure starts an 8 s wait.
	const deep = await until(sampler.getState, state => state.attempt >= 4 && state.nextAt !== null, 15_000);
	t.is(deep.connection, 'reconnecting');
	t.true((deep.nextAt ?? 0) - Date.now() > 6000);

	await proxy.start();
	const backAt = Date.now();
	const back = await until(sampler.getState, state => state.connection === 'connected', 12_000);
	t.is(back.connection, 'connected');
	t.true(Date.now() - backAt < 2500, `back after ${Date.now() - backAt} ms`);
});
