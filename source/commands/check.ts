import {parseDuration, type ConnectionConfig} from '../config.js';
import {UserError} from '../errors.js';
import {evaluateChecks, exitCodeOf, type CheckResult, type Thresholds} from '../model/check.js';
import type {TimeWindow} from '../model/windows.js';
import {openSession} from '../session.js';
import {takeSnapshot} from '../snapshot.js';
import {during} from './lost-connection.js';

/** Threshold flags as typed; unset ones take the defaults below. */
export type ThresholdFlags = {
	maxFailureRate?: string;
	maxStuck?: string;
	maxQueueAge?: string;
	minPopulation?: string;
	maxAnomalies?: string;
};

/** Turn threshold flags into limits: failure rate, stuck runs and queue age always (with defaults), the rest when given. */
export function parseThresholds(flags: ThresholdFlags): Thresholds {
	return {
		maxFailureRate: parseRate(flags.maxFailureRate ?? '10%', '--max-failure-rate'),
		maxStuck: parseCount(flags.maxStuck ?? '0', '--max-stuck'),
		maxQueueAgeMs: parseDuration(flags.maxQueueAge ?? '15m', '--max-queue-age'),
		minPopulation: flags.minPopulation === undefined ? undefined : parseRate(flags.minPopulation, '--min-population'),
		maxAnomalies: flags.maxAnomalies === undefined ? undefined : parseCount(flags.maxAnomalies, '--max-anomalies'),
	};
}

/** `wfmon check`: exit 0 when every threshold holds, 1 when one is breached, 2 when it could not check. */
export async function runCheckCommand(config: ConnectionConfig, options: {org?: string; window: TimeWindow; thresholds: Thresholds; json: boolean}): Promise<number> {
	const session = await openSession(config, {org: options.org});
	let results: CheckResult[];
	try {
		const snapshot = await during(session, 'the check', async () =>
			takeSnapshot(session.pool, {database: session.database, org: session.org, window: options.window}));
		results = evaluateChecks(snapshot, options.thresholds);
	} finally {
		await session.close();
	}

	const code = exitCodeOf(results);
	if (options.json) {
		process.stdout.write(JSON.stringify({status: ['ok', 'breached', 'unknown'][code], window: options.window.name, checks: results}, null, 2) + '\n');
	} else {
		for (const result of results) {
			process.stdout.write(describe(result) + '\n');
		}
	}

	return code;
}

function describe(result: CheckResult): string {
	const show = (value: number) => result.name === 'failure_rate' || result.name === 'population_rate'
		? `${(value * 100).toFixed(1)}%`
		: result.name === 'queue_age' ? `${Math.round(value / 1000)}s` : String(value);
	const comparison = result.name === 'population_rate' ? '>=' : '<=';
	const label = {ok: 'ok      ', breached: 'BREACHED', unknown: 'UNKNOWN '}[result.state];
	const value = result.value === null ? 'no data' : show(result.value);
	return `${label} ${result.name.padEnd(16)} ${value} (limit ${comparison} ${show(result.limit)})${result.error ? `: ${result.error}` : ''}`;
}

function parseRate(text: string, flag: string): number {
	const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
	const value = match ? Number(match[1]) / (match[2] === '%' ? 100 : 1) : Number.NaN;
	if (!match || value > 1) {
		throw new UserError(`${flag} must be a rate like 5% or 0.05 (got "${text.slice(0, 20)}")`);
	}

	return value;
}

function parseCount(text: string, flag: string): number {
	if (!/^\d{1,9}$/.test(text.trim())) {
		throw new UserError(`${flag} must be a whole number, 0 or more (got "${text.slice(0, 20)}")`);
	}

	return Number(text);
}
