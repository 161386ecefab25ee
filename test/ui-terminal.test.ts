import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import test, {type ExecutionContext} from 'ava';
import {clipboardLimitBytes, osc52} from '../source/ui/clipboard.js';
import {createTestDatabase, withClient} from './helpers/database.js';
import {screenUntil, sessionName, tmux, tmuxTest, wfmonCommand} from './helpers/tmux.js';
import {datasetSql, ids} from './helpers/ui-fixture.js';

const run = promisify(execFile);
const escape = '\u001B';
const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** wfmon in tmux after a shell line of its own, with every byte it writes to the terminal kept in a file. */
async function openRecorded(t: ExecutionContext) {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => client.query(datasetSql));
	const folder = await mkdtemp(path.join(tmpdir(), 'wfmon-bytes-'));
	t.teardown(async () => rm(folder, {recursive: true, force: true}));
	const bytesFile = path.join(folder, 'bytes');
	const session = sessionName();
	t.teardown(async () => {
		await tmux(session, 'kill-server').catch(() => '');
	});
	const wfmon = `NO_COLOR=1 DATABASE_URL='${database.url}' ${wfmonCommand()} --interval 500ms`;
	await tmux(session, 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', 'bash --norc --noprofile');
	await tmux(session, 'pipe-pane', '-t', session, '-o', `cat >> '${bytesFile}'`);
	await tmux(session, 'send-keys', '-t', session, `echo BEFORE-WFMON; ${wfmon}; echo "EXIT=$?"`, 'Enter');
	await screenUntil(session, screen => screen.includes('Stuck runs'), 'the status view');
	const bytes = async () => readFile(bytesFile, 'latin1');
	return {session, bytes};
}

tmuxTest('the TUI draws on the alternate screen, rewrites only changed lines, and q gives the shell back as it was', async t => {
	const {session, bytes} = await openRecorded(t);
	// Let the first frame finish, then count what ~6 refreshes cost.
	await sleep(700);
	const firstFrame = (await bytes()).length;
	await sleep(3000);
	const afterRefreshes = (await bytes()).length;
	await tmux(session, 'send-keys', '-t', session, 'q');
	const done = await screenUntil(session, screen => /^EXIT=\d+/m.test(screen), 'the exit');
	const raw = await bytes();

	t.regex(done, /^EXIT=0$/m, 'the shell line starts on a line of its own');
	t.true(done.includes('BEFORE-WFMON'), 'the shell lines before wfmon are still on screen');
	t.false(done.includes('Stuck runs'), 'the last frame went away with the alternate screen');
	const entered = raw.indexOf(`${escape}[?1049h`);
	const left = raw.lastIndexOf(`${escape}[?1049l`);
	t.true(entered >= 0 && entered < raw.indexOf('Stuck runs'), 'the alternate screen is entered before the first frame');
	t.true(left > raw.lastIndexOf('Stuck runs'), 'and left after the last');
	t.false(raw.includes(`${escape}[2J`), 'no full-screen clear');
	t.false(raw.includes(`${escape}[3J`), 'no scrollback erase');
	// 3 s at 500 ms is about 6 refreshes: each writes its changed lines, under a quarter of a full frame.
	const perRefresh = (afterRefreshes - firstFrame) / 6;
	t.true(perRefresh < firstFrame / 4, `refreshes wrote ${perRefresh} bytes each, the first frame ${firstFrame}`);
});

tmuxTest('SIGTERM also leaves the alternate screen and shows the cursor', async t => {
	const {session, bytes} = await openRecorded(t);
	// wfmon is the pane shell's one child (meow names the process "wfmon").
	const shell = (await tmux(session, 'display-message', '-p', '-t', session, '#{pane_pid}')).trim();
	await run('pkill', ['-TERM', '-P', shell]);
	const done = await screenUntil(session, screen => /^EXIT=\d+/m.test(screen), 'the exit');
	t.regex(done, /^EXIT=143$/m, '128 + SIGTERM');
	t.true(done.includes('BEFORE-WFMON'));
	t.false(done.includes('Stuck runs'));
	const raw = await bytes();
	t.true(raw.lastIndexOf(`${escape}[?1049l`) > raw.lastIndexOf('Stuck runs'));
	t.true(raw.lastIndexOf(`${escape}[?25h`) > raw.lastIndexOf('Stuck runs'), 'the cursor is shown again');
});

tmuxTest('y copies the selected run id through OSC 52 and says so', async t => {
	const {session, bytes} = await openRecorded(t);
	await tmux(session, 'send-keys', '-t', session, '5');
	await screenUntil(session, screen => screen.includes('24 runs'), 'the runs list');
	await tmux(session, 'send-keys', '-t', session, 'y');
	const screen = await screenUntil(session, text => text.includes('copied run id'), 'the confirmation');
	t.true(screen.includes(`copied run id ${ids.queued} (36 B)`), screen);
	t.true((await bytes()).includes(`${escape}]52;c;${Buffer.from(ids.queued).toString('base64')}\u0007`));
	await tmux(session, 'send-keys', '-t', session, 'q');
});

test('a payload over what terminals accept is refused, not cut', t => {
	const refused = osc52('x'.repeat(clipboardLimitBytes + 1));
	t.true('refused' in refused && /^not copied: 74,995 bytes, over the 74,994 terminals accept$/.test(refused.refused));
	t.deepEqual(osc52('abc'), {sequence: `${escape}]52;c;YWJj\u0007`});
});

tmuxTest('after the terminal shrinks, the next frames draw every line in its place (no row left from the wider frame)', async t => {
	const {session} = await openRecorded(t);
	await tmux(session, 'resize-window', '-t', session, '-x', '80', '-y', '24');
	// A few refreshes (every 500 ms) at the new size.
	await sleep(2000);
	const screen = await screenUntil(session, text => text.includes('Stuck runs'), 'the status view at 80×24');
	const rows = screen.split('\n');
	t.regex(rows[0] ?? '', /^wfmon {2}org all/);
	t.regex(rows[2] ?? '', /^ 1 Status {3}2 Durations/, screen);
	t.regex(rows[3] ?? '', /^Active /, screen);
	t.regex(rows[4] ?? '', /^Finished 1h /, screen);
	t.true(rows.every(row => row.length <= 80), screen);
});
