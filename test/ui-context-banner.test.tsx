import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {headerLines} from '../source/ui/chrome/chrome.js';
import {createUiDatabase, createUiSession, renderApp} from './helpers/ui-fixture.js';
import {screenUntil, sessionName, tmux, tmuxTest, wfmonCommand} from './helpers/tmux.js';

const production = {name: 'prod', label: 'PRODUCTION', colour: 'red'};

test('the context\'s label leads the first line of the very first frame, before any data has arrived', async t => {
	const database = await createUiDatabase();
	t.teardown(database.drop);
	const session = {...createUiSession(database.url), context: production};
	t.teardown(async () => session.pool.end());
	const app = renderApp(session);
	t.teardown(app.close);
	const [first] = app.frames();
	t.truthy(first);
	t.false(first!.includes('refreshed'), 'drawn before the first refresh');
	t.regex(first!.split('\n')[0]!, /^ PRODUCTION {2}wfmon {2}org all {2}window 1h/);
	// Without a context the header is as before.
	const plain = renderApp(createUiSession(database.url));
	t.teardown(plain.close);
	t.regex(plain.frames()[0]!.split('\n')[0]!, /^wfmon {2}org all/);
});

test('the banner is inverse and bold in the context\'s colour, and survives a narrow terminal', t => {
	const input = {
		database: {host: 'db', port: 5432, database: 'app', user: 'u', server_version: '15'},
		org: null,
		windowName: '1h',
		sampler: {paused: false, connection: 'connecting', attempt: 0, nextAt: null, error: null, lastRefreshAt: null, lastDurationMs: 0, value: null, intervalMs: 2000, refreshing: true},
		tab: 'status',
		now: 0,
		context: production,
	} as unknown as Parameters<typeof headerLines>[0];
	const [first] = headerLines(input, 24);
	t.like(first?.[0], {text: ' PRODUCTION ', bold: true, inverse: true, color: 'red'});
	// Rank 0 with the scope: the server's name and version give way first.
	t.true(first?.map(part => part.text).join('').startsWith(' PRODUCTION  wfmon  org all'));
});

tmuxTest('the real binary with --context prod: a red banner on the first line from the first screen', async t => {
	const database = await createUiDatabase();
	t.teardown(database.drop);
	const home = await fs.mkdtemp(path.join(os.tmpdir(), 'wfmon-banner-'));
	t.teardown(async () => fs.rm(home, {recursive: true, force: true}));
	await fs.mkdir(path.join(home, 'wfmon'));
	await fs.writeFile(path.join(home, 'wfmon', 'config.json'), JSON.stringify({contexts: {prod: {url: database.url, label: 'PRODUCTION', colour: 'red'}}}));
	const session = sessionName();
	const command = `env -u NO_COLOR -u DATABASE_URL -u PGSERVICE XDG_CONFIG_HOME='${home}' ${wfmonCommand()} --context prod; sleep 30`;
	await tmux(session, 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
	t.teardown(async () => {
		await tmux(session, 'kill-server').catch(() => '');
	});

	// The first screen that shows the header at all.
	const screen = await screenUntil(session, text => text.includes('wfmon  org'), 'the header');
	t.regex(screen.split('\n')[0]!, /^ PRODUCTION {2}wfmon {2}org all/);
	const coloured = await tmux(session, 'capture-pane', '-e', '-p', '-t', session);
	const before = /^(.*?) PRODUCTION /.exec(coloured.split('\n')[0]!)?.[1] ?? '';
	// The parameters of every SGR sequence (ESC [ … m) before the label.
	const sgr = before.split('\u001B[').slice(1).flatMap(sequence => sequence.slice(0, sequence.indexOf('m')).split(';'));
	t.true(sgr.includes('7'), `inverse, in ${JSON.stringify(before)}`);
	t.true(sgr.includes('31') || sgr.includes('41'), `red, in ${JSON.stringify(before)}`);
});
