/*
Bytes the TUI writes to the terminal per refresh. Runs wfmon in tmux at
100×30 on the demo workload (simulator writing), records every byte with
pipe-pane, and compares the bytes of an average refresh with those of one
full frame (what a full repaint writes, before its clear sequences).
Prints Markdown for BENCHMARKS.md.

Options: --seconds 30  --interval 1s  --url URL  --runs 20000  --view 1
*/
import {execFile, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseArgs} from 'node:util';
import {promisify} from 'node:util';
import {parseDuration} from '../source/config.js';
import {packageRoot} from '../source/paths.js';
import {prepareDatabase, withClient} from './database.js';

const {values: flags} = parseArgs({
	options: {
		seconds: {type: 'string', default: '30'},
		interval: {type: 'string', default: '1s'},
		url: {type: 'string', default: 'postgres://postgres@127.0.0.1:5432/wfmon_soak'},
		runs: {type: 'string', default: '20000'},
		view: {type: 'string', default: '1'},
	},
});

const exec = promisify(execFile);
const wfmon = path.join(packageRoot, 'bin', 'wfmon.js');
const folder = mkdtempSync(path.join(tmpdir(), 'wfmon-bytes-'));
const bytesFile = path.join(folder, 'bytes');
const session = `wfmon-bytes-${process.pid}`;
const tmux = async (...args: string[]) => (await exec('tmux', ['-L', session, '-f', '/dev/null', ...args])).stdout;
const env = {...process.env, DATABASE_URL: flags.url};

await prepareDatabase(flags.url);
const runs = await withClient(flags.url, async client => (await client.query('SELECT 1 FROM workflow_runs LIMIT 1')).rowCount);
if (runs === 0) {
	await exec(process.execPath, [wfmon, 'demo', '--runs', flags.runs, '--rate', '0'], {env});
}

const simulator = spawn(process.execPath, [wfmon, 'demo'], {env, stdio: 'ignore'});
try {
	await tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30',
		`DATABASE_URL='${flags.url}' '${process.execPath}' '${wfmon}' --interval ${flags.interval}; sleep 5`);
	await tmux('pipe-pane', '-t', session, '-o', `cat >> '${bytesFile}'`);
	await sleep(3000);
	await tmux('send-keys', '-t', session, flags.view);
	await sleep(2000);
	const before = readFileSync(bytesFile, 'latin1').length;
	await sleep(Number(flags.seconds) * 1000);
	const during = readFileSync(bytesFile, 'latin1').slice(before);
	const screen = await tmux('capture-pane', '-p', '-e', '-t', session);
	await tmux('send-keys', '-t', session, 'q');
	report(during, screen);
} finally {
	await tmux('kill-server').catch(() => '');
	simulator.kill('SIGTERM');
	rmSync(folder, {recursive: true, force: true});
}

function report(during: string, screen: string): void {
	// The header line is rewritten while a refresh runs and again when it is done, so refreshes are counted by the clock.
	const refreshes = Math.round(Number(flags.seconds) * 1000 / parseDuration(flags.interval, '--interval'));
	const fullFrame = Buffer.byteLength(screen.trimEnd(), 'latin1');
	const perRefresh = Buffer.byteLength(during, 'latin1') / Math.max(1, refreshes);
	console.log(`## Terminal bytes per refresh, 100×30, view ${flags.view}, --interval ${flags.interval}, ${flags.seconds} s\n`);
	console.log('| measure | bytes |');
	console.log('|---|---|');
	console.log(`| one full frame (what a full repaint writes, without its clear sequences) | ${fullFrame} |`);
	console.log(`| average refresh (${refreshes} refreshes) | ${perRefresh.toFixed(0)} (${(perRefresh / fullFrame * 100).toFixed(1)}%) |`);
}
