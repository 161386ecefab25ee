import {spawn} from 'node:child_process';
import path from 'node:path';
import {packageRoot} from '../source/paths.js';
import {runCli} from './helpers/cli.js';
import {createTestDatabase} from './helpers/database.js';
import {screenUntil, sessionName, tmux, tmuxTest, wfmonCommand} from './helpers/tmux.js';

// Left open all night, the TUI must not grow until it runs out of memory. Three
// minutes at a 100 ms refresh on a 48 MB heap is many hours of renders at the
// default 2 s; the development build of React died here within that time.

const watchMs = 3 * 60_000;

tmuxTest('the TUI refreshing every 100 ms for 3 minutes on a 48 MB heap, with data changing, stays up', async t => {
	t.timeout(watchMs + 60_000);
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	// The demo workload, with its simulator writing all the while, so every frame differs from the last.
	const seeded = await runCli(['demo', '--runs', '5000', '--rate', '0'], {databaseUrl: database.url});
	t.is(seeded.code, 0, seeded.stderr);
	const simulator = spawn(process.execPath, [path.join(packageRoot, 'bin', 'wfmon.js'), 'demo', '--rate', '5'], {
		env: {...process.env, DATABASE_URL: database.url},
		stdio: 'ignore',
	});
	t.teardown(() => {
		simulator.kill();
	});
	const session = sessionName();
	const command = `DATABASE_URL='${database.url}' NO_COLOR=1 ${wfmonCommand('--max-old-space-size=48')} --interval 100ms; `
		+ 'echo "EXIT=$?"; sleep 60';
	await tmux(session, 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
	t.teardown(async () => {
		await tmux(session, 'kill-server').catch(() => '');
	});
	await screenUntil(session, screen => screen.includes('Stuck runs'), 'the status view');

	await new Promise(resolve => {
		setTimeout(resolve, watchMs);
	});
	simulator.kill();
	const screen = await tmux(session, 'capture-pane', '-p', '-t', session);
	t.false(screen.includes('EXIT='), screen);
	t.regex(screen, /● connected/);
	await tmux(session, 'send-keys', '-t', session, 'q');
	t.regex(await screenUntil(session, text => text.includes('EXIT='), 'the exit'), /EXIT=0/);
});
