// The monitoring-plugins output (Nagios, Icinga, Naemon, Sensu): one line,
// `WFMON STATE - summary | perfdata`, and the exit code 0 OK, 1 WARNING,
// 2 CRITICAL, 3 UNKNOWN. Perfdata follows the plugin guidelines:
// 'label'=value[UOM];[warn];[crit];[min];[max], space separated.
import {boundOf, type CheckResult, type Limits, type MetricName, type Reading, type Thresholds} from './check.js';
import type {OrgInfo} from './snapshot.js';

/** Exit codes of the plugin API, by state name. */
export const pluginStates = ['OK', 'WARNING', 'CRITICAL', 'UNKNOWN'] as const;
export type PluginCode = 0 | 1 | 2 | 3;

/** One org's (or the whole scope's, org null) readings and verdicts. */
export type ScopeCheck = {org: OrgInfo | null; readings: Reading[]; results: CheckResult[]};

const codeOf = {ok: 0, warning: 1, breached: 2, unknown: 3} as const;

/**
The worst of several states, ranked as monitoring-plugins' max_state_alt ranks
them: OK < UNKNOWN < WARNING < CRITICAL. A metric that could not be read does
not hide one that is known to be critical.
*/
export function worstState(codes: readonly PluginCode[]): PluginCode {
	return codes.reduce<PluginCode>((worst, code) => severity(code) > severity(worst) ? code : worst, 0);
}

const severity = (code: PluginCode) => [0, 2, 3, 1][code]!;

/** The status line and exit code for the checks of one or more scopes (per-org labels when `perOrg`). */
export function nagiosReport(
	scopes: readonly ScopeCheck[],
	thresholds: Thresholds,
	options: {perOrg: boolean; window: string},
): {code: PluginCode; line: string} {
	const results = scopes.flatMap(scope => scope.results.map(result => ({scope, result})));
	const code = worstState(results.map(({result}) => codeOf[result.state]));
	const prefix = (scope: ScopeCheck) => options.perOrg && scope.org !== null ? `${scope.org.slug} ` : '';
	const problems = [...results]
		.filter(({result}) => result.state !== 'ok')
		.sort((a, b) => severity(codeOf[b.result.state]) - severity(codeOf[a.result.state]))
		.map(({scope, result}) => prefix(scope) + describeProblem(result));
	const summary = problems.length > 0
		? problems.join(', ')
		: okSummary(scopes, results.map(({result}) => result), options);
	const perfdata = scopes.flatMap(scope => scope.readings.map(reading =>
		perfdataItem(prefix(scope) + reading.name, reading, thresholds[reading.name] ?? {})));
	return {code, line: statusLine(code, summary, perfdata)};
}

/** The line for a check that could not run at all (no connection, say). */
export function unknownLine(message: string): string {
	return statusLine(3, message, []);
}

function statusLine(code: PluginCode, summary: string, perfdata: string[]): string {
	// One line, and a `|` in a message (a database error) must not start the perfdata early.
	const text = summary.replaceAll(/[\r\n]+/g, ' ').replaceAll('|', '/');
	return `WFMON ${pluginStates[code]} - ${text}${perfdata.length > 0 ? ` | ${perfdata.join(' ')}` : ''}`;
}

function okSummary(scopes: readonly ScopeCheck[], results: CheckResult[], options: {perOrg: boolean; window: string}): string {
	if (options.perOrg) {
		return `all ${results.length} checks hold in ${scopes.length} orgs (window ${options.window})`;
	}

	const figures = results.map(result => `${result.name} ${show(result.name, result.value)}`);
	return `all ${results.length} checks hold (window ${options.window}): ${figures.join(', ')}`;
}

function describeProblem(result: CheckResult): string {
	if (result.state === 'unknown') {
		return `${result.name} could not be read: ${result.error ?? 'unknown error'}`;
	}

	const limit = result.state === 'breached' ? result.limit : result.warn;
	const comparison = boundOf(result.name) === 'max' ? '>' : '<';
	const level = result.state === 'breached' ? 'critical' : 'warning';
	return `${result.name} ${show(result.name, result.value)} ${comparison} ${show(result.name, limit ?? null)} (${level})`;
}

/** A figure as people read it: rates in percent, ages in seconds. */
function show(name: MetricName, value: number | null): string {
	if (value === null) {
		return 'no data';
	}

	const {scale, unit} = units[name];
	// Rates to a tenth of a percent and ages to the second, as the text output shows them.
	const digits = unit === '%' ? 1 : 0;
	return `${unit === '' ? value : Number((value * scale).toFixed(digits))}${unit}`;
}

/** Perfdata units: rates as percent (0..100), the queue age in seconds, counts bare. */
const units: Record<MetricName, {scale: number; unit: string; max?: number}> = {
	failure_rate: {scale: 100, unit: '%', max: 100},
	stuck_runs: {scale: 1, unit: ''},
	queue_age: {scale: 0.001, unit: 's'},
	population_rate: {scale: 100, unit: '%', max: 100},
	anomalies: {scale: 1, unit: ''},
};

/** `'label'=value[UOM];[warn];[crit];[min];[max]`; a value that could not be read is `U`. */
export function perfdataItem(label: string, reading: Reading, limits: Limits): string {
	const {scale, unit, max} = units[reading.name];
	// Range format: "N" alerts above N (from 0), "N:" alerts below N.
	const range = (limit: number | undefined) => limit === undefined
		? ''
		: `${plain(limit * scale)}${boundOf(reading.name) === 'min' ? ':' : ''}`;
	const value = reading.value === null || reading.error !== null ? 'U' : `${plain(reading.value * scale)}${unit}`;
	const fields = [value, range(limits.warn), range(limits.crit), '0', max === undefined ? '' : String(max)];
	return `${quoteLabel(label)}=${fields.join(';').replace(/;+$/, '')}`;
}

/** Labels always in single quotes, a quote inside doubled, as the guidelines say. */
function quoteLabel(label: string): string {
	return `'${label.replaceAll('\'', '\'\'')}'`;
}

/** A number in the C locale, never in exponent form, at most 3 decimals. */
function plain(value: number): string {
	return String(Number(value.toFixed(3)));
}
