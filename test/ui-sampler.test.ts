import test from 'ava';
import {createSampler, type SamplerState} from '../source/sampler.js';

const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

async function until<T>(read: () => T, ok: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (ok(value) || Date.now() > deadline) {
			return value;
		}

		await sleep(5);
	}
}

test('a refresh that overlaps a running one is dropped', async t => {
	let calls = 0;
	let finish: (value: number) => void = () => undefined;
	const sampler = createSampler<number>({
		intervalMs: 60_000,
		fetch: async () => {
			calls++;
			return new Promise<number>(resolve => {
				finish = resolve;
			});
		},
	});
	sampler.start();
	t.is(calls, 1);
	t.true(sampler.getState().refreshing);
	t.false(await sampler.refresh());
	t.is(calls, 1);
	finish(7);
	const state = await until(sampler.getState, current => current.value === 7);
	t.is(state.value, 7);
	t.is(state.connection, 'connected');
	const again = sampler.refresh();
	t.is(calls, 2);
	finish(8);
	t.true(await again);
	t.is(sampler.getState().value, 8);
	sampler.stop();
});

test('failures back off, the state says reconnecting, and the loop recovers by itself', async t => {
	let failing = true;
	const times: number[] = [];
	const sampler = createSampler<string>({
		intervalMs: 60_000,
		backoff: {initialMs: 20, maxMs: 80},
		isConnectionLost: error => error instanceof Error && error.message.includes('refused'),
		fetch: async () => {
			times.push(Date.now());
			if (failing) {
				throw new Error('connect ECONNREFUSED 127.0.0.1:5\n    at a stack line that must not show');
			}

			return 'ok';
		},
	});
	const seen: Array<SamplerState<string>> = [];
	sampler.subscribe(state => seen.push(state));
	sampler.start();
	const broken = await until(sampler.getState, state => state.attempt >= 4);
	t.is(broken.connection, 'reconnecting');
	t.is(broken.error, 'connect ECONNREFUSED 127.0.0.1:5');
	// 20, 40, 80 ms between attempts: each wait at least the one before.
	const gaps = times.slice(1).map((time, index) => time - times[index]!);
	t.true(gaps[0]! >= 15, `gaps ${gaps.join(',')}`);
	t.true(gaps[2]! >= 70, `gaps ${gaps.join(',')}`);
	failing = false;
	const healed = await until(sampler.getState, state => state.value === 'ok');
	t.is(healed.connection, 'connected');
	t.is(healed.attempt, 0);
	t.is(healed.error, null);
	t.true(seen.some(state => state.connection === 'reconnecting'));
	sampler.stop();
});

test('pausing stops the timer, refresh still works, and the interval can change', async t => {
	let calls = 0;
	const sampler = createSampler<number>({intervalMs: 20, fetch: async () => ++calls});
	sampler.start();
	await until(() => calls, count => count >= 3);
	sampler.setPaused(true);
	await sleep(30);
	const paused = calls;
	await sleep(80);
	t.is(calls, paused);
	t.is(sampler.getState().nextAt, null);
	t.true(await sampler.refresh());
	t.is(calls, paused + 1);
	sampler.setIntervalMs(5000);
	sampler.setPaused(false);
	t.is(sampler.getState().intervalMs, 5000);
	t.true(sampler.getState().nextAt! > Date.now() + 4000);
	sampler.stop();
});
