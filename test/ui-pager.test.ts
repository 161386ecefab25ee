import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {ExecutionContext} from 'ava';
import {createTestDatabase, withClient} from './helpers/database.js';
import {screenUntil, sessionName, tmux, tmuxTest, wfmonCommand} from './helpers/tmux.js';
import {datasetSql} from './helpers/ui-fixture.js';

const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** wfmon in tmux (100×30) with $PAGER set, paused so that frames hold still; `folder` is the test's own. */
async function openWithPager(t: ExecutionContext, pager: (folder: string) => Promise<string>) {
	const database = await createTestDatabase({migrated: true});
	t.teardown(database.drop);
	await withClient(database.url, async client => client.query(datasetSql));
	const folder = await mkdtemp(path.join(tmpdir(), 'wfmon-pager-'));
	t.teardown(async () => rm(folder, {recursive: true, force: true}));
	const session = sessionName();
	t.teardown(async () => {
		await tmux(session, 'kill-server').catch(() => '');
	});
	const wfmon = `PAGER='${await pager(folder)}' NO_COLOR=1 DATABASE_URL='${database.url}' ${wfmonCommand()}`;
	await tmux(session, 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', 'bash --norc --noprofile');
	await tmux(session, 'send-keys', '-t', session, `${wfmon}; echo "EXIT=$?"`, 'Enter');
	await screenUntil(session, screen => screen.includes('Stuck runs'), 'the status view');
	const keys = async (...sent: string[]) => tmux(session, 'send-keys', '-t', session, ...sent);
	await keys('p');
	await screenUntil(session, screen => screen.includes('PAUSED'), 'paused');
	// The second event of the first step of run a1000000: {"type": "done", "rows": 10}.
	await keys(':', 'a1000000', 'Enter');
	await screenUntil(session, screen => screen.includes('Fetch data'), 'the run');
	await keys('Enter');
	await screenUntil(session, screen => /^\s+2 +done /m.test(screen), 'the events');
	await keys('j');
	await screenUntil(session, screen => /^›\s+2 +done /m.test(screen), 'the second event selected');
	return {session, folder, keys};
}

tmuxTest('v hands the event to $PAGER with the terminal its own, and the TUI comes back exactly as it was', async t => {
	const {session, folder, keys} = await openWithPager(t, async folder => {
		// A pager that keeps what it got and how the terminal was, draws on the screen and waits for a line typed.
		const script = path.join(folder, 'pager.sh');
		await writeFile(script, [
			`cat > '${folder}/received'`,
			`stty -a < /dev/tty > '${folder}/stty'`,
			'printf "PAGER-WAS-HERE\\n"',
			`read line < /dev/tty; printf '%s' "$line" > '${folder}/typed'`,
		].join('\n'));
		return `sh ${script}`;
	});
	await keys('Enter');
	await screenUntil(session, screen => screen.includes('lines 1-4 of 4'), 'the pane');
	await sleep(300);
	const before = await tmux(session, 'capture-pane', '-p', '-t', session);

	await keys('v');
	await screenUntil(session, screen => screen.includes('PAGER-WAS-HERE'), 'the pager on the normal screen');
	t.false((await tmux(session, 'capture-pane', '-p', '-t', session)).includes('lines 1-4 of 4'), 'the TUI left the screen');
	// Keys typed now are the pager's: wfmon reads none (a `q` would quit it).
	await keys('jq', 'Enter');
	await screenUntil(session, screen => screen === before, `the screen as it was before v:\n${before}`);

	t.is(await readFile(path.join(folder, 'received'), 'utf8'), '{\n  "rows": 10,\n  "type": "done"\n}\n');
	t.is(await readFile(path.join(folder, 'typed'), 'utf8'), 'jq', 'the pager got every key');
	t.regex(await readFile(path.join(folder, 'stty'), 'utf8'), /(?:^|\s)icanon\s(?:.|\n)*(?:^|\s)echo\s/m, 'raw mode was off');
	// The TUI takes keys again.
	await keys('Escape');
	await screenUntil(session, screen => /^›\s+2 +done /m.test(screen), 'the events, same event selected');
	await keys('q');
	await screenUntil(session, screen => /^EXIT=0$/m.test(screen), 'the exit');
});

tmuxTest('a pager that is not installed is one line in the footer, and the TUI carries on', async t => {
	const {session, folder, keys} = await openWithPager(t, async folder => path.join(folder, 'no-such-pager'));
	await keys('v');
	const screen = await screenUntil(session, text => text.includes('pager not found'), 'the notice');
	t.true(screen.includes(`pager not found: ${path.join(folder, 'no-such-pager')} (set $PAGER)`), screen);
	t.regex(screen, /^›\s+2 +done /m, 'still the events list');
	t.false(existsSync(path.join(folder, 'no-such-pager')));
	await keys('q');
	await screenUntil(session, text => /^EXIT=0$/m.test(text), 'the exit');
});
