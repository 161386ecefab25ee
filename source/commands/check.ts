import {parseDuration, type ConnectionConfig} from '../config.js';
import {UserError, redactSecrets} from '../errors.js';
import {evaluateChecks, exitCodeOf, readMetrics, type CheckResult, type MetricName, type Thresholds} from '../model/check.js';
import {nagiosReport, unknownLine, type ScopeCheck} from '../model/nagios.js';
import type {TimeWindow} from '../model/windows.js';
import {readScopes} from '../scopes.js';
import {openSession} from '../session.js';
import {visible} from '../terminal-text.js';
import {during} from './lost-connection.js';

/** Threshold flags as typed; `--max-*` and `--min-population` are the critical limits under their old names. */
export type ThresholdFlags = Partial<Record<
	| 'warnFailureRate' | 'critFailureRate' | 'maxFailureRate'
	| 'warnStuck' | 'critStuck' | 'maxStuck'
	| 'warnQueueAge' | 'critQueueAge' | 'maxQueueAge'
	| 'warnPopulation' | 'critPopulation' | 'minPopulation'
	| 'warnAnomalies' | 'critAnomalies' | 'maxAnomalies',
	string>>;

/** Every flag `wfmon check` reads. */
export type CheckFlags = ThresholdFlags & {org?: string; json: boolean; output?: string; allOrgs: boolean};

type Spec = {
	metric: MetricName;
	flag: string;
	old: keyof ThresholdFlags;
	parse: (text: string, flag: string) => number;
	/** The critical limit when none is given: these three are always checked, as before. */
	defaultCrit?: string;
};

const specs: Spec[] = [
	{metric: 'failure_rate', flag: 'failure-rate', old: 'maxFailureRate', parse: parseRate, defaultCrit: '10%'},
	{metric: 'stuck_runs', flag: 'stuck', old: 'maxStuck', parse: parseCount, defaultCrit: '0'},
	{metric: 'queue_age', flag: 'queue-age', old: 'maxQueueAge', parse: (text, flag) => parseDuration(text, flag), defaultCrit: '15m'},
	{metric: 'population_rate', flag: 'population', old: 'minPopulation', parse: parseRate},
	{metric: 'anomalies', flag: 'anomalies', old: 'maxAnomalies', parse: parseCount},
];

const camel = (kebab: string) => kebab.replaceAll(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/**
Turn threshold flags into warning and critical limits. Failure rate, stuck
runs and queue age always have a critical limit (their defaults); the rest
are checked when a limit is given. A warning limit past the critical one
could never fire, so it is refused.
*/
export function parseThresholds(flags: ThresholdFlags): Thresholds {
	const thresholds: Thresholds = {};
	for (const spec of specs) {
		const read = (name: keyof ThresholdFlags) => {
			const text = flags[name];
			return text === undefined ? undefined : spec.parse(text, `--${kebab(name)}`);
		};

		const warnName = camel(`warn-${spec.flag}`) as keyof ThresholdFlags;
		const critName = camel(`crit-${spec.flag}`) as keyof ThresholdFlags;
		const [warn, crit, old] = [read(warnName), read(critName), read(spec.old)];
		if (crit !== undefined && old !== undefined && crit !== old) {
			throw new UserError(`--crit-${spec.flag} and --${kebab(spec.old)} give different limits; give one`);
		}

		const critText = flags[critName] ?? flags[spec.old] ?? spec.defaultCrit;
		const critical = critText === undefined ? undefined : spec.parse(critText, `--crit-${spec.flag}`);
		const lower = spec.metric === 'population_rate';
		if (warn !== undefined && critical !== undefined && (lower ? warn < critical : warn > critical)) {
			const given = flags[critName] ?? flags[spec.old];
			throw new UserError(`--warn-${spec.flag} ${flags[warnName]!.slice(0, 20)} is past the critical limit `
				+ `${critText!.slice(0, 20)}${given === undefined ? ' (the default)' : ''}, so it could never warn`);
		}

		if (warn !== undefined || critical !== undefined) {
			thresholds[spec.metric] = {
				...(warn === undefined ? {} : {warn}),
				...(critical === undefined ? {} : {crit: critical}),
			};
		}
	}

	return thresholds;
}

type Output = 'text' | 'json' | 'nagios';

function parseOutput(flags: CheckFlags): Output {
	const output = flags.output ?? (flags.json ? 'json' : 'text');
	if (output !== 'text' && output !== 'json' && output !== 'nagios') {
		throw new UserError(`--output takes text, json or nagios (got "${output.slice(0, 20)}")`);
	}

	if (flags.json && output !== 'json') {
		throw new UserError(`--json and --output ${output} ask for two outputs; give one`);
	}

	if (flags.allOrgs && flags.org !== undefined) {
		throw new UserError('--all-orgs checks every org; leave out --org, or --all-orgs');
	}

	return output;
}

/**
`wfmon check`. Text and JSON: exit 0 when every limit holds, 1 when one is
breached, 2 when it could not check. `--output nagios`: the monitoring-plugins
status line and exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (could not check).
Options are read before connecting: a mistyped one is a usage error (exit 2)
in every output.
*/
export async function runCheckCommand(config: ConnectionConfig, flags: CheckFlags, window: TimeWindow): Promise<number> {
	const output = parseOutput(flags);
	const thresholds = parseThresholds(flags);
	if (output !== 'nagios') {
		const scopes = await checkScopes(config, flags, window, thresholds);
		return output === 'json' ? printJson(scopes, window, flags.allOrgs) : printText(scopes, flags.allOrgs);
	}

	let scopes: ScopeCheck[];
	try {
		scopes = await checkScopes(config, flags, window, thresholds);
	} catch (error) {
		const message = error instanceof UserError ? error.message : `unexpected error: ${redactSecrets(String(error))}`;
		process.stdout.write(unknownLine(visible(message)) + '\n');
		return 3;
	}

	const {code, line} = nagiosReport(scopes, thresholds, {perOrg: flags.allOrgs, window: window.name});
	process.stdout.write(visible(line) + '\n');
	return code;
}

async function checkScopes(config: ConnectionConfig, flags: CheckFlags, window: TimeWindow, thresholds: Thresholds): Promise<ScopeCheck[]> {
	const session = await openSession(config, {org: flags.org});
	try {
		const scoped = await during(session, 'the check', async () => readScopes(session, {allOrgs: flags.allOrgs, window}));
		if (scoped.length === 0) {
			throw new UserError(`--all-orgs: role "${session.database.user}" sees no organization`);
		}

		return scoped.map(({org, snapshot}) => ({
			org,
			readings: readMetrics(snapshot),
			results: evaluateChecks(snapshot, thresholds),
		}));
	} finally {
		await session.close();
	}
}

function printJson(scopes: ScopeCheck[], window: TimeWindow, allOrgs: boolean): number {
	const results = scopes.flatMap(scope => scope.results);
	const code = exitCodeOf(results);
	const status = code === 2 ? 'unknown' : results.some(result => result.state === 'breached')
		? 'breached'
		: (code === 1 ? 'warning' : 'ok');
	const checks = allOrgs
		? scopes.flatMap(scope => scope.results.map(result => ({org: scope.org?.slug, ...result})))
		: results;
	process.stdout.write(JSON.stringify({status, window: window.name, checks}, null, 2) + '\n');
	return code;
}

function printText(scopes: ScopeCheck[], allOrgs: boolean): number {
	const slugs = scopes.map(scope => allOrgs && scope.org !== null ? visible(scope.org.slug) : undefined);
	const width = Math.max(0, ...slugs.map(slug => slug?.length ?? 0));
	for (const [index, scope] of scopes.entries()) {
		const org = slugs[index] === undefined ? '' : `${slugs[index]!.padEnd(width)} `;
		for (const result of scope.results) {
			process.stdout.write(org + describe(result) + '\n');
		}
	}

	return exitCodeOf(scopes.flatMap(scope => scope.results));
}

function describe(result: CheckResult): string {
	const show = (value: number) => result.name === 'failure_rate' || result.name === 'population_rate'
		? `${(value * 100).toFixed(1)}%`
		: result.name === 'queue_age' ? `${Math.round(value / 1000)}s` : String(value);
	const comparison = result.name === 'population_rate' ? '>=' : '<=';
	const label = {ok: 'ok      ', warning: 'WARNING ', breached: 'BREACHED', unknown: 'UNKNOWN '}[result.state];
	const value = result.value === null ? 'no data' : show(result.value);
	const limits = [
		result.warn === undefined ? undefined : `warn ${comparison} ${show(result.warn)}`,
		result.limit === undefined ? undefined : `limit ${comparison} ${show(result.limit)}`,
	].filter(Boolean).join(', ');
	return `${label} ${result.name.padEnd(16)} ${value} (${limits})${result.error ? `: ${visible(result.error)}` : ''}`;
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
