/*
The benchmark runner behind `npm run bench` (100k runs) and
`node dist/bench/run.js --size 1m`. Seeds the data set when the database does
not hold a fresh one of that size, then measures against the real server:
every view's plan, a full refresh's database time, `wfmon snapshot` against
psql running the same files, `wfmon runs` against psql's COPY, memory of the
stream at two lengths, the first screen of a 200k-event step, and the TUI's
idle CPU. Prints Markdown for BENCHMARKS.md. Speed is measured here, never in
timed tests.

Options: --size 100k|1m|N   --url URL (default $WFMON_BENCH_URL or the local
wfmon_bench database)   --reseed   --repeat 20   --window 1h
--only seed,plans,refresh,roles,snapshot,runs,events,tui   --wfmon PATH (another build of bin/wfmon.js)
*/
import {mkdtempSync, writeFileSync} from 'node:fs';
import {cpus, tmpdir, totalmem} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {createPool} from '../source/db/connect.js';
import {stepEventsPage} from '../source/db/queries.js';
import {loadSql} from '../source/db/sql.js';
import {loadRun} from '../source/db/ui-queries.js';
import {packageRoot} from '../source/paths.js';
import {takeSnapshot} from '../source/snapshot.js';
import {parseWindow} from '../source/model/windows.js';
import {describeData, prepareDatabase, seed, withClient} from './database.js';
import {fixed, measureCommand, median, repeat, type Measured} from './measure.js';
import {explainCall, summarizeScans} from './plans.js';
import {measureRoles} from './roles.js';
import {measureTuiCpu} from './tui.js';
import {drillDownCalls, inlineParameters, psqlRefreshScript, querySql, refreshCalls, type CallContext} from './views.js';

const sections = ['seed', 'plans', 'refresh', 'roles', 'snapshot', 'runs', 'events', 'tui'] as const;
type Section = typeof sections[number];

const {values: flags} = parseArgs({
	options: {
		size: {type: 'string', default: '100k'},
		url: {type: 'string'},
		reseed: {type: 'boolean', default: false},
		repeat: {type: 'string', default: '20'},
		only: {type: 'string'},
		window: {type: 'string', default: '1h'},
		wfmon: {type: 'string'},
	},
});

const size = parseSize(flags.size);
const url = flags.url ?? process.env['WFMON_BENCH_URL'] ?? 'postgres://postgres@127.0.0.1:5432/wfmon_bench';
const times = Number(flags.repeat);
const only = new Set<Section>((flags.only?.split(',') ?? sections) as Section[]);
const window = parseWindow(flags.window);
// Another build of the binary can be measured against the same data (--wfmon PATH).
const wfmon = flags.wfmon === undefined ? path.join(packageRoot, 'bin', 'wfmon.js') : path.resolve(flags.wfmon);
const env = benchEnvironment();
const results: Array<{measure: string; value: string; target?: string; met?: boolean}> = [];

function parseSize(text: string): number {
	const match = /^(\d+)(k|m)?$/i.exec(text.trim());
	if (!match) {
		throw new Error(`--size must be like 100k, 1m or 250000 (got "${text}")`);
	}

	const scale = {k: 1000, m: 1_000_000}[match[2]?.toLowerCase() as 'k' | 'm'] ?? 1;
	return Number(match[1]) * scale;
}

/** The binary's environment: the benchmark database only, no PG* variables from outside. */
function benchEnvironment(): NodeJS.ProcessEnv {
	const environment: NodeJS.ProcessEnv = {...process.env, DATABASE_URL: url, NO_COLOR: '1'};
	for (const name of ['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGSERVICE']) {
		delete environment[name];
	}

	return environment;
}

function record(measure: string, value: string, target?: string, met?: boolean) {
	results.push({measure, value, target, met});
	console.log(`  ${measure}: ${value}${target ? ` (target ${target}: ${met ? 'met' : 'MISSED'})` : ''}`);
}

function check(result: Measured, what: string): Measured {
	if (result.code !== 0 && result.code !== null) {
		throw new Error(`${what} exited with ${result.code}: ${result.stderr.slice(0, 500)}`);
	}

	return result;
}

const kb = (value: number) => `${(value / 1024).toFixed(1)} MiB`;

console.log(`# wfmon benchmark: ${size.toLocaleString('en')} runs, window ${window.name}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
console.log(`database: ${url.replace(/:[^:@/]*@/, ':***@')}; binary: ${wfmon}`);
const started = performance.now();

await prepareDatabase(url);
const data = await describeData(url);
// The views look at the last hour (or day): data seeded long ago has aged
// out of the window, so it is seeded again.
const stale = data.runs !== size || data.ageSeconds === null || data.ageSeconds > 600;
if (only.has('seed') && (flags.reseed || stale)) {
	console.log(`## seeding (${data.runs.toLocaleString('en')} runs there, newest ${data.ageSeconds === null ? 'none' : `${Math.round(data.ageSeconds)} s old`})`);
	const ms = await seed(url, size);
	record(`seed ${size.toLocaleString('en')} runs (psql -f sql/bench/seed.sql)`, `${fixed(ms / 1000)} s`, size >= 1_000_000 ? '< 180 s' : undefined, size >= 1_000_000 ? ms < 180_000 : undefined);
} else {
	console.log(`## using the data there (${data.runs.toLocaleString('en')} runs, newest ${Math.round(data.ageSeconds ?? 0)} s old)`);
}

const context = await withClient(url, async client => {
	const busiest = await client.query<{workflow_id: string}>(
		`SELECT workflow_id FROM (${inlineParameters(querySql('duration_percentiles'), [null, window.seconds])}) d LIMIT 1`,
	);
	const big = await client.query<{run_id: string; organization_id: string}>(
		'SELECT id AS run_id, organization_id FROM workflow_runs WHERE trace_id = \'bench-200k-events\'',
	);
	return {
		org: null,
		windowSeconds: window.seconds,
		bucketSeconds: window.bucketSeconds,
		trendWorkflowId: busiest.rows[0]?.workflow_id ?? '00000000-0000-0000-0000-000000000000',
		runId: big.rows[0]?.run_id ?? '00000000-0000-0000-0000-000000000000',
		stepNumber: 2,
		scopedOrg: big.rows[0]?.organization_id ?? null,
	} satisfies CallContext & {scopedOrg: string | null};
});

if (only.has('plans')) {
	console.log('## plans (EXPLAIN (ANALYZE, BUFFERS), all orgs and one org)');
	let seqScans = 0;
	await withClient(url, async client => {
		for (const org of [null, context.scopedOrg]) {
			const calls = [...refreshCalls({...context, org}), ...drillDownCalls({...context, org})];
			for (const call of calls) {
				const plan = await explainCall(client, call, org !== null);
				seqScans += plan.bigSeqScans.length;
				const parameters = call.parameters.map(value => value === org && org !== null ? 'ORG' : String(value)).join(', ');
				console.log(`  ${plan.bigSeqScans.length > 0 ? 'SEQ SCAN ' : ''}${call.name}(${parameters}): ${fixed(plan.executionMs)} ms, ${plan.blocks} blocks: ${summarizeScans(plan.scans)}`);
			}
		}
	});
	record('Seq Scans of workflow_runs / workflow_run_steps in view plans', String(seqScans), '0', seqScans === 0);
}

if (only.has('refresh')) {
	console.log(`## full refresh: takeSnapshot's query_ms, median of ${times} (2 unrecorded first)`);
	const pool = createPool({url, connectTimeoutMs: 5000, statementTimeoutMs: 10_000});
	try {
		const database = {host: 'bench', port: 5432, database: 'wfmon_bench', user: 'postgres', server_version: ''};
		for (const name of [window.name, '24h', '7d']) {
			const measured = await repeat(name === window.name ? times : 5, 2, async () =>
				takeSnapshot(pool, {database, org: null, window: parseWindow(name)}));
			const total = median(measured.map(snapshot => snapshot.query_ms));
			const errors = measured.flatMap(snapshot => [snapshot.status.active, snapshot.status.finished, snapshot.status.throughput, snapshot.status.stuck, snapshot.status.top_errors, snapshot.durations, snapshot.storage, snapshot.population, snapshot.data_quality].map(panel => panel.error)).filter(Boolean);
			if (errors.length > 0) {
				throw new Error(`panels failed: ${errors[0]}`);
			}

			const panels = (snapshot: typeof measured[number]) => ({
				active: snapshot.status.active.query_ms,
				finished: snapshot.status.finished.query_ms,
				throughput: snapshot.status.throughput.query_ms,
				stuck: snapshot.status.stuck.query_ms,
				top_errors: snapshot.status.top_errors.query_ms,
				durations: snapshot.durations.query_ms,
				storage: snapshot.storage.query_ms,
				population: snapshot.population.query_ms,
				data_quality: snapshot.data_quality.query_ms,
			});
			const names = Object.keys(panels(measured[0]!)) as Array<keyof ReturnType<typeof panels>>;
			console.log(`  ${name}: ${names.map(panel => `${panel} ${fixed(median(measured.map(snapshot => panels(snapshot)[panel])))}`).join(', ')} ms (medians)`);
			const main = name === window.name;
			record(`full refresh, database time (query_ms), window ${name}, median of ${main ? times : 5}`, `${fixed(total)} ms`, main ? '≤ 250 ms' : undefined, main ? total <= 250 : undefined);
			const quality = median(measured.map(snapshot => snapshot.data_quality.query_ms));
			record(`  of which the data_quality panel (all orgs), window ${name}`, `${fixed(quality)} ms`);
		}
	} finally {
		await pool.end();
	}
}

if (only.has('roles') && context.scopedOrg !== null) {
	console.log('## full refresh of one org: a non-superuser role pinned to it vs the superuser '
		+ `(median of ${times}, 2 unrecorded first)`);
	const timings = await measureRoles(url, context.scopedOrg, window, times);
	const ratio = timings.pinnedMs / timings.superuserMs;
	record(`full refresh of one org, pinned non-superuser role / superuser, both --org, window ${window.name}`,
		`${fixed(ratio, 2)}× (${fixed(timings.pinnedMs)} ms vs ${fixed(timings.superuserMs)} ms)`, '≤ 1.2×', ratio <= 1.2);
	record('  the pinned role without --org (row level security alone scopes it)', `${fixed(timings.pinnedRlsOnlyMs)} ms`);
	record('  of which the data_quality panel (pinned role, --org)', `${fixed(timings.qualityMs)} ms`);
}

if (only.has('snapshot')) {
	console.log('## wfmon snapshot vs psql running the same files (wall time, median of 10, 1 unrecorded first)');
	const directory = mkdtempSync(path.join(tmpdir(), 'wfmon-bench-'));
	const script = path.join(directory, 'refresh.sql');
	writeFileSync(script, psqlRefreshScript(refreshCalls(context)));
	const psqlRuns = await repeat(10, 1, async () => check(await measureCommand('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', script], {env}), 'psql'));
	const wfmonRuns = await repeat(10, 1, async () => check(await measureCommand(process.execPath, [wfmon, 'snapshot'], {env}), 'wfmon snapshot'));
	const noApply = await repeat(10, 1, async () => check(await measureCommand(process.execPath, [wfmon, 'snapshot', '--no-apply'], {env}), 'wfmon snapshot --no-apply'));
	const startup = await repeat(10, 1, async () => check(await measureCommand(process.execPath, [wfmon, '--help'], {env}), 'wfmon --help'));
	const psqlStartup = await repeat(10, 1, async () => check(await measureCommand('psql', ['-X', '-q', '-d', url, '-c', 'SELECT 1'], {env}), 'psql SELECT 1'));
	const psqlMs = median(psqlRuns.map(run => run.ms));
	const wfmonMs = median(wfmonRuns.map(run => run.ms));
	console.log(`  psql -f ${script}: ${fixed(psqlMs)} ms; wfmon snapshot: ${fixed(wfmonMs)} ms; --no-apply: ${fixed(median(noApply.map(run => run.ms)))} ms; node bin/wfmon.js --help (start-up alone): ${fixed(median(startup.map(run => run.ms)))} ms`);
	record('wfmon snapshot wall time / psql on the same files', `${fixed(wfmonMs / psqlMs, 2)}× (${fixed(wfmonMs)} ms vs ${fixed(psqlMs)} ms)`, '≤ 1.5×', wfmonMs / psqlMs <= 1.5);
	// Start-up is a floor psql does not pay: node itself, then loading pg and meow.
	const wfmonStart = median(startup.map(run => run.ms));
	const psqlStart = median(psqlStartup.map(run => run.ms));
	record('  the same without process start-up (minus wfmon --help / psql -c "SELECT 1")', `${fixed((wfmonMs - wfmonStart) / (psqlMs - psqlStart), 2)}× (${fixed(wfmonMs - wfmonStart)} ms vs ${fixed(psqlMs - psqlStart)} ms; start-up ${fixed(wfmonStart)} ms vs ${fixed(psqlStart)} ms)`);
}

if (only.has('runs')) {
	console.log('## wfmon runs vs psql COPY of the same rows as JSON (median of 3, 1 unrecorded first)');
	const copy = `COPY (SELECT row_to_json(r) FROM (${inlineParameters(querySql('runs_list'), [null, null, null, null, null, null, null, false])}) r) TO STDOUT`;
	const psqlRuns = await repeat(3, 1, async () => check(await measureCommand('psql', ['-X', '-q', '-d', url, '-c', copy], {env}), 'psql COPY'));
	// statement_timeout (10 s by default) covers a whole cursor read, since
	// pg-cursor sends no Sync until the end: a long stream needs a longer one.
	const runs = [wfmon, 'runs', '--statement-timeout', '10m'];
	const wfmonRuns = await repeat(3, 1, async () => check(await measureCommand(process.execPath, runs, {env}), 'wfmon runs'));
	const limited = await repeat(3, 0, async () => check(await measureCommand(process.execPath, [...runs, '--limit', String(Math.round(size / 10))], {env}), 'wfmon runs --limit'));
	const defaultTimeout = await measureCommand(process.execPath, [wfmon, 'runs'], {env});
	record('wfmon runs with the default --statement-timeout 10s', defaultTimeout.code === 0 ? `completes (${defaultTimeout.lines.toLocaleString('en')} rows in ${fixed(defaultTimeout.ms / 1000)} s)` : `exit ${defaultTimeout.code} after ${defaultTimeout.lines.toLocaleString('en')} rows, ${fixed(defaultTimeout.ms / 1000)} s: ${defaultTimeout.stderr.trim().slice(0, 100)}`);
	const rate = (runs: Measured[]) => median(runs.map(run => run.lines / (run.ms / 1000)));
	const psqlRate = rate(psqlRuns);
	const wfmonRate = rate(wfmonRuns);
	const fullRss = median(wfmonRuns.map(run => run.peakRssKb));
	const tenthRss = median(limited.map(run => run.peakRssKb));
	console.log(`  psql COPY: ${psqlRuns[0]!.lines} rows, ${fixed(psqlRuns[0]!.bytes / 2 ** 20)} MiB, ${fixed(median(psqlRuns.map(run => run.ms)))} ms, peak RSS ${kb(median(psqlRuns.map(run => run.peakRssKb)))}`);
	console.log(`  wfmon runs --statement-timeout 10m: ${wfmonRuns[0]!.lines} rows, ${fixed(wfmonRuns[0]!.bytes / 2 ** 20)} MiB, ${fixed(median(wfmonRuns.map(run => run.ms)))} ms`);
	record('wfmon runs throughput / psql COPY', `${fixed(wfmonRate / psqlRate, 2)}× (${Math.round(wfmonRate).toLocaleString('en')} vs ${Math.round(psqlRate).toLocaleString('en')} rows/s)`, '≥ 0.7×', wfmonRate / psqlRate >= 0.7);
	const difference = Math.abs(fullRss - tenthRss) / Math.min(fullRss, tenthRss);
	record(`peak RSS of wfmon runs, ${limited[0]!.lines.toLocaleString('en')} vs ${wfmonRuns[0]!.lines.toLocaleString('en')} rows`, `${kb(tenthRss)} vs ${kb(fullRss)} (${fixed(difference * 100)}% apart)`, 'within 20%', difference <= 0.2);
}

if (only.has('events')) {
	console.log('## first screen of the 200k-event step (first 100 lines; median of 10, 1 unrecorded first)');
	const firstScreen = await repeat(10, 1, async () => measureCommand(process.execPath, [wfmon, 'events', context.runId, String(context.stepNumber)], {env, stopAfterLines: 100}));
	const whole = check(await measureCommand(process.execPath, [wfmon, 'events', context.runId, String(context.stepNumber)], {env}), 'wfmon events');
	const pool = createPool({url, connectTimeoutMs: 5000, statementTimeoutMs: 10_000});
	let inProcess: number[];
	try {
		// The TUI's first page: a short read-only transaction per page.
		inProcess = await repeat(10, 1, async () => {
			const at = performance.now();
			await stepEventsPage(pool, context.runId, context.stepNumber, null, 0, 100);
			return performance.now() - at;
		});
	} finally {
		await pool.end();
	}

	const ms = median(firstScreen.map(run => run.ms));
	const tui = await measureTuiDrillDown();
	record('TUI G on the 200k-event step: its last page read from position 199,800 (200 events, in-process, median of 10)',
		`${fixed(tui.lastPageMs)} ms`, '≤ 300 ms', tui.lastPageMs <= 300);
	record('TUI Enter on a run of 400 steps: the run and its steps read (in-process, median of 10)',
		`${fixed(tui.wideRunMs)} ms`, '≤ 300 ms', tui.wideRunMs <= 300);
	console.log(`  whole step: ${whole.lines} events in ${fixed(whole.ms)} ms, peak RSS ${kb(whole.peakRssKb)}; query to 100th row in-process: ${fixed(median(inProcess))} ms`);
	record('first screen of the 200k-event step (wfmon events RUN STEP, 100 lines, wall from spawn)', `${fixed(ms)} ms`, '≤ 300 ms', ms <= 300);
	record('  of which the database (step_events cursor to its 100th row, in-process)', `${fixed(median(inProcess))} ms`);
}

/**
What the TUI reads for `G` on the 200k-event step (its last page, from its
position) and for Enter on a run of 400 steps (made here and dropped after):
the database and the driver, without drawing.
*/
async function measureTuiDrillDown(): Promise<{lastPageMs: number; wideRunMs: number}> {
	const pool = createPool({url, connectTimeoutMs: 5000, statementTimeoutMs: 10_000});
	const wide = await withClient(url, async client => (await client.query<{run_id: string}>(loadSql('bench/wide_run'))).rows[0]!.run_id);
	try {
		const lastPage = await repeat(10, 1, async () => {
			const at = performance.now();
			await stepEventsPage(pool, context.runId, context.stepNumber, null, 199_800, 200);
			return performance.now() - at;
		});
		const wideRun = await repeat(10, 1, async () => {
			const at = performance.now();
			const {steps} = await loadRun(pool, wide, null);
			if (steps.length !== 400) {
				throw new Error(`the wide run has ${steps.length} steps, not 400`);
			}

			return performance.now() - at;
		});
		return {lastPageMs: median(lastPage), wideRunMs: median(wideRun)};
	} finally {
		await withClient(url, async client => client.query(loadSql('bench/drop_wide_run'), [wide]));
		await pool.end();
	}
}

if (only.has('tui')) {
	console.log('## TUI CPU at one refresh per 2 s, idle screen');
	const cpu = await measureTuiCpu(wfmon, env);
	if (cpu.kind === 'skipped') {
		console.log(`  skipped: ${cpu.reason}`);
		record('TUI client CPU, idle, refresh every 2 s', `not measured: ${cpu.reason}`);
	} else {
		record(`TUI client CPU, idle, refresh every 2 s (${cpu.seconds} s sampled)`, `${fixed(cpu.percent)}% of a core`, '≤ 5%', cpu.percent <= 5);
	}
}

console.log(`\n## results (${fixed((performance.now() - started) / 1000)} s in all)\n`);
console.log('| measure | result | target |');
console.log('|---|---|---|');
for (const result of results) {
	console.log(`| ${result.measure} | ${result.value} | ${result.target ? `${result.target} ${result.met ? '✓' : '✗'}` : ''} |`);
}
