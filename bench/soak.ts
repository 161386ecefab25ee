/*
Memory over a long watch: the TUI left open on the demo workload while its
simulator writes. Seeds a database (default: the local wfmon_soak), starts the
simulator and the TUI on a pseudo-terminal (util-linux `script`, 100×30) at a
500 ms refresh with a memory probe preloaded, and samples RSS and the heap
retained after a GC every 10 s. Passes when the mean of the last 5 minutes is
within 10% of minutes 5–10, for both. Prints Markdown for BENCHMARKS.md.

Options: --minutes 20  --interval 500ms  --url URL  --runs 20000
*/
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {parseArgs} from 'node:util';
import {packageRoot} from '../source/paths.js';
import {prepareDatabase, withClient} from './database.js';

const {values: flags} = parseArgs({
	options: {
		minutes: {type: 'string', default: '20'},
		interval: {type: 'string', default: '500ms'},
		url: {type: 'string', default: 'postgres://postgres@127.0.0.1:5432/wfmon_soak'},
		runs: {type: 'string', default: '20000'},
	},
});

const minutes = Number(flags.minutes);
const wfmon = path.join(packageRoot, 'bin', 'wfmon.js');
const probe = path.join(packageRoot, 'dist', 'bench', 'memory-probe.js');
const probeFile = path.join(mkdtempSync(path.join(tmpdir(), 'wfmon-soak-')), 'memory.ndjson');
const env = {...process.env, DATABASE_URL: flags.url, TERM: 'xterm-256color', WFMON_PROBE_FILE: probeFile};

type Sample = {at: number; rss: number; heapUsed: number};

await prepareDatabase(flags.url);
const hasRuns = await withClient(flags.url, async client => (await client.query('SELECT 1 FROM workflow_runs LIMIT 1')).rowCount);
if (hasRuns === 0) {
	await run(process.execPath, [wfmon, 'demo', '--runs', flags.runs, '--rate', '0']);
}

const simulator = spawn(process.execPath, [wfmon, 'demo'], {env, stdio: 'ignore'});
const tui = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${JSON.stringify(process.execPath)} --expose-gc `
	+ `--import ${JSON.stringify(probe)} ${JSON.stringify(wfmon)} --interval ${flags.interval}`, '/dev/null'], {env, stdio: ['pipe', 'ignore', 'ignore']});
let tuiExited = false;
tui.on('close', () => {
	tuiExited = true;
});
let exitedEarly = false;
try {
	for (let waited = 0; waited < minutes * 60 && !tuiExited; waited += 10) {
		await sleep(10_000);
	}

	exitedEarly = tuiExited;
} finally {
	tui.stdin?.write('q');
	await sleep(1500);
	stop(tui);
	stop(simulator);
}

const samples: Sample[] = existsSync(probeFile)
	? readFileSync(probeFile, 'utf8').trim().split('\n').map(line => JSON.parse(line) as Sample)
	: [];
const start = samples[0]?.at ?? 0;
const between = (from: number, to: number) => samples.filter(sample => sample.at - start >= from * 60_000 && sample.at - start < to * 60_000);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const early = between(5, 10);
const late = between(minutes - 5, minutes);
console.log(`## TUI memory over ${minutes} min at --interval ${flags.interval}, simulator writing (${samples.length} samples)\n`);
console.log('| measure | minutes 5–10 | last 5 minutes | change | target |');
console.log('|---|---|---|---|---|');
for (const key of ['rss', 'heapUsed'] as const) {
	const before = mean(early.map(sample => sample[key]));
	const after = mean(late.map(sample => sample[key]));
	const change = (after - before) / before * 100;
	console.log(`| ${key === 'rss' ? 'RSS' : 'heap after GC'} | ${mb(before)} | ${mb(after)} | ${change.toFixed(1)}% | within 10%: ${Math.abs(change) <= 10 ? 'met' : 'MISSED'} |`);
}

console.log(`\nEvery minute (RSS / heap): ${Array.from({length: minutes}, (_, minute) => {
	const inMinute = between(minute, minute + 1);
	return `${mb(mean(inMinute.map(sample => sample.rss)))}/${mb(mean(inMinute.map(sample => sample.heapUsed)))}`;
}).join(', ')}`);
if (exitedEarly) {
	console.log('\nThe TUI exited before the end: see above for how long it lasted.');
	process.exitCode = 1;
}

function stop(child: ChildProcess): void {
	if (child.exitCode === null) {
		child.kill('SIGTERM');
	}
}

async function run(command: string, args: string[]): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		spawn(command, args, {env, stdio: 'inherit'}).on('close', code => {
			if (code === 0) {
				resolve();
			} else {
				reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
			}
		});
	});
}
