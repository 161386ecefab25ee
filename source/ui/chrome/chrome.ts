import type {SamplerState} from '../../sampler.js';
import type {DatabaseInfo, OrgInfo, Snapshot} from '../../model/snapshot.js';
import {formatClock, formatMs, truncate} from '../format.js';
import {clip, seg, type Line} from '../lines.js';
import {color} from '../theme.js';

/** The views, in Tab and 1-5 order. */
export const tabs = ['status', 'durations', 'storage', 'population', 'runs'] as const;
export type Tab = typeof tabs[number];

const tabTitles: Record<Tab, string> = {status: 'Status', durations: 'Durations', storage: 'Storage', population: 'Population', runs: 'Runs'};

/** What the header tells. */
export type HeaderInput = {
	database: DatabaseInfo;
	org: OrgInfo | null;
	windowName: string;
	sampler: SamplerState<Snapshot>;
	tab: Tab;
	now: number;
};

/** Three lines: where (database, org, window), how fresh (connection, refresh), which view. */
export function headerLines(input: HeaderInput, width: number): Line[] {
	const {database, sampler} = input;
	// Scope first: on a narrow terminal the database's name is what gets cut.
	const where: Line = [
		seg('wfmon', {bold: true, color: color('cyan')}),
		seg('  org '),
		seg(input.org?.slug ?? 'all', {bold: true}),
		seg('  window '),
		seg(input.windowName, {bold: true}),
		seg(`  ${database.user}@${database.host}:${database.port}/${database.database}`),
		seg(`  PG ${truncate(database.server_version, 12)}`, {dim: true}),
	];
	const state: Line = [];
	if (sampler.connection === 'reconnecting') {
		const retry = sampler.nextAt === null ? '' : `, retry in ${Math.max(0, Math.ceil((sampler.nextAt - input.now) / 1000))}s`;
		state.push(seg(`◌ reconnecting (attempt ${sampler.attempt}${retry})`, {bold: true, color: color('yellow')}));
		if (sampler.error !== null) {
			state.push(seg(` ${sampler.error}`, {color: color('yellow')}));
		}
	} else if (sampler.connection === 'connecting') {
		state.push(seg('◌ connecting…', {color: color('yellow')}));
	} else {
		state.push(seg('● connected', {color: color('green')}));
		if (sampler.error !== null) {
			state.push(seg(` refresh failed (attempt ${sampler.attempt}): ${sampler.error}`, {color: color('red')}));
		}
	}

	if (sampler.lastRefreshAt !== null) {
		const queryMs = sampler.value === null ? '' : `, db ${formatMs(sampler.value.query_ms)}`;
		state.push(seg(`  refreshed ${formatClock(sampler.lastRefreshAt)} in ${formatMs(sampler.lastDurationMs)}${queryMs}`));
	}

	state.push(seg(`  every ${formatMs(sampler.intervalMs)}`, {dim: true}));
	if (sampler.paused) {
		state.push(seg('  PAUSED', {bold: true, inverse: true}));
	} else if (sampler.refreshing) {
		state.push(seg('  ⟳', {dim: true}));
	}

	const tabLine: Line = [];
	for (const [index, tab] of tabs.entries()) {
		const active = tab === input.tab;
		tabLine.push(seg(` ${index + 1} ${tabTitles[tab]} `, {inverse: active, bold: active}), seg(' '));
	}

	return clip([where, state, tabLine], width > 0 ? 3 : 0);
}

const viewKeys: Record<string, string> = {
	status: '',
	durations: 'j/k select  s sort  w window',
	storage: 'j/k scroll',
	population: 'j/k scroll',
	runs: 'j/k PgUp/PgDn g/G  Enter open  / filter  s status',
	run: 'j/k  Enter events  Esc back',
	events: 'j/k PgUp/PgDn g/G  Esc back',
};

/**
One line: the keys of the current view, then the global ones; when keys
cannot be read (stdin is not a terminal), says so instead of listing them.
*/
export function footerLine(view: string, note: string | undefined, keysWork = true): Line {
	const keys = viewKeys[view] ?? '';
	const parts: Line = [];
	if (!keysWork) {
		parts.push(seg('keys off: stdin is not a terminal  Ctrl-C quits', {dim: true}));
	} else {
		if (keys !== '') {
			parts.push(seg(keys), seg('  '));
		}

		// Help and quit first: a narrow terminal cuts the end of the line.
		parts.push(seg('? help  q quit  Tab/1-5 view  p pause  r refresh  +/- interval', {dim: true}));
	}

	if (note !== undefined && note !== '') {
		parts.push(seg(`  ${note}`, {color: color('yellow')}));
	}

	return parts;
}

const helpText = [
	'Keys',
	'',
	'  Tab / Shift-Tab, 1-5   switch view',
	'  ↑ ↓  j k               move',
	'  PgUp PgDn  g G         page, top, bottom',
	'  Enter                  open (run → steps → events); on Status: the data-quality runs',
	'  Esc                    back; on the runs list: clear the filters',
	'  /                      filter runs by text',
	'  s                      runs: cycle status · durations: sort',
	'  w                      cycle window (5m, 1h, 24h, 7d)',
	'  p                      pause / resume',
	'  r                      refresh now',
	'  + -                    refresh interval',
	'  q  Ctrl-C              quit',
	'',
	'any key closes this help',
];

/** The help overlay, in place of the view. */
export function helpLines(height: number): Line[] {
	return clip(helpText.map((text, index) => [seg(text, {bold: index === 0})]), height);
}
