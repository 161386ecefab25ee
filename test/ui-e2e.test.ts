import {createTestDatabase, withClient} from './helpers/database.js';
import {screenUntil, sessionName, tmux, tmuxTest, wfmonCommand} from './helpers/tmux.js';
import {datasetSql} from './helpers/ui-fixture.js';

tmuxTest('the real binary in tmux: status, runs, drill down, back, and q quits with exit code 0', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => client.query(datasetSql));
	const session = sessionName();
	// CI=true as CI machines export it: Ink must still draw live frames on a terminal.
	const command = `CI=true DATABASE_URL='${database.url}' NO_COLOR=1 ${wfmonCommand()} --interval 1s; echo "EXIT=$?"; sleep 30`;
	await tmux(session, 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
	t.teardown(async () => {
		await tmux(session, 'kill-server').catch(() => '');
	});

	const status = await screenUntil(session, screen => screen.includes('Stuck runs'), 'the status view');
	t.regex(status, /wfmon {2}org all {2}window 1h {2}postgres@/);
	t.regex(status, /● connected {2}refreshed \d\d:\d\d:\d\d/);
	t.true(status.includes('Active  queued 1 (oldest 1m)  running 1 (oldest 40m)  waiting 0'));
	t.false(status.includes('@127.0.0.1:') && /:[^@\s]*@/.test(status.split('\n')[0]!.replace('postgres@', '')), 'no password in the header');

	await tmux(session, 'send-keys', '-t', session, '5');
	await screenUntil(session, screen => screen.includes('24 runs'), 'the runs list');
	await tmux(session, 'send-keys', '-t', session, 'j', 'j', 'Enter');
	const runScreen = await screenUntil(session, screen => screen.includes('Fetch data'), 'the run');
	t.true(runScreen.includes('Runs  status any  filter - › run a1000000'));
	await tmux(session, 'send-keys', '-t', session, 'j', 'Enter');
	const events = await screenUntil(session, screen => screen.includes('events 60') && !screen.includes('screenshots …'), 'the events');
	t.true(events.includes('screenshots 2  shot-1.png'));
	// One Esc at a time, as a person presses them: two in one read arrive as a single Alt-Esc.
	await tmux(session, 'send-keys', '-t', session, 'Escape');
	await screenUntil(session, screen => screen.includes('Fetch data') && !screen.includes('events 60'), 'the run again');
	await tmux(session, 'send-keys', '-t', session, 'Escape');
	await screenUntil(session, screen => screen.includes('24 runs'), 'the runs list again');
	for (const screenLine of (await tmux(session, 'capture-pane', '-p', '-t', session)).split('\n')) {
		t.true(screenLine.length <= 100);
	}

	await tmux(session, 'send-keys', '-t', session, 'q');
	const done = await screenUntil(session, screen => screen.includes('EXIT='), 'the exit');
	t.regex(done, /EXIT=0/);
});

tmuxTest('with stdin not a terminal the TUI still shows live views, says keys are off, and Ctrl-C quits', async t => {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => client.query(datasetSql));
	const session = sessionName();
	// The shell traps Ctrl-C (its child still gets it) so it lives on to print the exit code.
	const command = `trap true INT; DATABASE_URL='${database.url}' NO_COLOR=1 ${wfmonCommand()} --interval 1s </dev/null; echo "EXIT=$?"; sleep 30`;
	await tmux(session, 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
	t.teardown(async () => {
		await tmux(session, 'kill-server').catch(() => '');
	});

	const status = await screenUntil(session, screen => screen.includes('Stuck runs'), 'the status view');
	t.true(status.includes('keys off: stdin is not a terminal  Ctrl-C quits'));
	t.false(status.includes('q quit'));
	await tmux(session, 'send-keys', '-t', session, 'C-c');
	const done = await screenUntil(session, screen => screen.includes('EXIT='), 'the exit');
	t.regex(done, /EXIT=130/, "128 + SIGINT, as a shell expects");
	t.false(/\n\s+at .+:\d+:\d+/.test(done), 'no stack trace');
});
