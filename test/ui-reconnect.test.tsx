import test from 'ava';
import {startProxy} from './helpers/ui-proxy.js';
import {createUiDatabase, createUiSession, renderApp} from './helpers/ui-fixture.js';

test('when the database goes away the header says reconnecting, and the views resume by themselves', async t => {
	const database = await createUiDatabase();
	t.teardown(database.drop);
	const url = new URL(database.url);
	const proxy = await startProxy({host: url.hostname, port: Number(url.port || 5432)});
	t.teardown(proxy.close);
	url.hostname = '127.0.0.1';
	url.port = String(proxy.port);
	const session = createUiSession(url.toString());
	t.teardown(async () => session.pool.end());
	const app = renderApp(session, {intervalMs: 200});
	t.teardown(app.close);
	await app.waitFor(text => text.includes('● connected') && text.includes('Stuck runs'), 'the first refresh');

	await proxy.stop();
	const lost = await app.waitFor(text => /reconnecting \(attempt [2-9]/.test(text), 'reconnecting, attempt 2 or more');
	t.regex(lost, /◌ reconnecting \(attempt \d+(, retry in \ds)?\)/);
	// The last good data stays on screen, and no stack trace reaches it.
	t.true(lost.includes('Stuck runs'));
	t.false(lost.includes('    at '));
	t.is(lost.split('\n').length, 23);

	await proxy.start();
	const back = await app.waitFor(text => text.includes('● connected'), 'connected again', 10_000);
	t.false(back.includes('reconnecting'));
	t.is(app.sampler.getState().attempt, 0);
});

test('the database going away and coming back 10 times in one session: the app recovers every time and never exits', async t => {
	const database = await createUiDatabase();
	t.teardown(database.drop);
	const url = new URL(database.url);
	const proxy = await startProxy({host: url.hostname, port: Number(url.port || 5432)});
	t.teardown(proxy.close);
	url.hostname = '127.0.0.1';
	url.port = String(proxy.port);
	const session = createUiSession(url.toString());
	t.teardown(async () => session.pool.end());
	const app = renderApp(session, {intervalMs: 100});
	t.teardown(app.close);
	await app.waitFor(text => text.includes('● connected') && text.includes('Stuck runs'), 'the first refresh');

	for (let restart = 1; restart <= 10; restart++) {
		await proxy.stop();
		await app.waitFor(text => text.includes('◌ reconnecting'), `reconnecting, outage ${restart}`);
		await proxy.start();
		const back = await app.waitFor(text => text.includes('● connected'), `connected again after outage ${restart}`, 10_000);
		t.false(back.includes('    at '));
	}

	t.is(app.sampler.getState().attempt, 0);
});
