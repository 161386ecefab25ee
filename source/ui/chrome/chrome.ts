import type {ContextBadge} from '../../config.js';
import type {SamplerState} from '../../sampler.js';
import type {DatabaseInfo, OrgInfo, Snapshot} from '../../model/snapshot.js';
import {formatClock, formatMs, truncate} from '../format.js';
import {clip, fitRanked, seg, type Line, type Ranked} from '../lines.js';
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
	/** The --context in use: its label leads the first line, in its colour. */
	context?: ContextBadge;
};

/** Three lines: where (database, org, window), how fresh (connection, refresh), which view. */
export function headerLines(input: HeaderInput, width: number): Line[] {
	const {database} = input;
	// Scope first and kept longest: on a narrow terminal the server's version and name go first.
	const where = fitRanked([
		...contextBanner(input.context),
		[seg('wfmon', {bold: true, color: color('cyan')}), 0],
		[seg('  org '), 0],
		[seg(input.org?.slug ?? 'all', {bold: true}), 0],
		[seg('  window '), 0],
		[seg(input.windowName, {bold: true}), 0],
		[seg(`  ${database.user}@${database.host}:${database.port}/${database.database}`), 2],
		[seg(`  PG ${truncate(database.server_version, 12)}`, {dim: true}), 3],
	], width);
	const tabLine = tabsLine(input.tab, width);
	return clip([where, fitRanked(stateParts(input), width), tabLine], width > 0 ? 3 : 0);
}

/**
The context's label as a banner (inverse, so under NO_COLOR too): a red one
says "production" before anything else on the screen (k9s #3414).
*/
function contextBanner(context: ContextBadge | undefined): Ranked[] {
	if (context === undefined) {
		return [];
	}

	return [[seg(` ${context.label} `, {bold: true, inverse: true, color: context.colour === undefined ? undefined : color(context.colour)}), 0], [seg(' '), 0]];
}

/** The second header line: paused and the interval outlast the refresh details. */
function stateParts(input: HeaderInput): Ranked[] {
	const {sampler} = input;
	const parts: Ranked[] = [];
	if (sampler.paused) {
		parts.push([seg('PAUSED', {bold: true, inverse: true}), 0], [seg('  '), 0]);
	}

	if (sampler.connection === 'reconnecting') {
		const retry = sampler.nextAt === null ? '' : `, retry in ${Math.max(0, Math.ceil((sampler.nextAt - input.now) / 1000))}s`;
		parts.push([seg(`◌ reconnecting (attempt ${sampler.attempt}${retry})`, {bold: true, color: color('yellow')}), 0]);
		if (sampler.error !== null) {
			parts.push([seg(` ${sampler.error}`, {color: color('yellow')}), 4]);
		}
	} else if (sampler.connection === 'connecting') {
		parts.push([seg('◌ connecting…', {color: color('yellow')}), 0]);
	} else {
		parts.push([seg('●', {color: color('green')}), 0], [seg(' connected', {color: color('green')}), 3]);
		if (sampler.error !== null) {
			parts.push([seg(` refresh failed (attempt ${sampler.attempt}): ${sampler.error}`, {color: color('red')}), 1]);
		}
	}

	if (sampler.lastRefreshAt !== null) {
		parts.push([seg(`  refreshed ${formatClock(sampler.lastRefreshAt)}`), 2]);
		parts.push([seg(` in ${formatMs(sampler.lastDurationMs)}`), 4]);
		if (sampler.value !== null) {
			parts.push([seg(`, db ${formatMs(sampler.value.query_ms)}`), 5]);
		}
	}

	parts.push([seg(`  every ${formatMs(sampler.intervalMs)}`, {dim: true}), 0]);
	if (!sampler.paused && sampler.refreshing) {
		parts.push([seg('  ⟳', {dim: true}), 1]);
	}

	return parts;
}

/** The views as tabs; when they do not all fit, the others by number only. */
function tabsLine(current: Tab, width: number): Line {
	const full = tabs.map(tab => ` ${tabs.indexOf(tab) + 1} ${tabTitles[tab]} `).join(' ');
	const line: Line = [];
	for (const [index, tab] of tabs.entries()) {
		const active = tab === current;
		const label = active || full.length <= width ? ` ${index + 1} ${tabTitles[tab]} ` : ` ${index + 1} `;
		line.push(seg(label, {inverse: active, bold: active}), seg(' '));
	}

	return line;
}

const viewKeys: Record<string, string> = {
	status: 'j/k select  Enter open',
	durations: 'j/k select  s sort  w window',
	storage: 'j/k scroll',
	population: 'j/k scroll',
	runs: 'j/k g/G  Enter open  / filter  s status  W workflow  </> I sort',
	run: 'j/k  Enter events  d details  v pager  Esc back',
	events: 'j/k PgUp/PgDn g/G  Enter read  v pager  Esc back',
	payload: 'j/k PgUp/PgDn g/G  w wrap  h/l pan  v pager  y copy  Esc back',
	help: 'j/k PgUp/PgDn scroll  Esc ? q close',
	picker: 'j/k PgUp/PgDn g/G  Enter pick  Esc cancel',
};

/**
One line: the keys of the current view, then the global ones, then the note;
the least needed keys are dropped first on a narrow terminal. When keys
cannot be read (stdin is not a terminal), says so instead of listing them.
*/
export function footerLine(view: string, note: string | undefined, keysWork = true, width = Number.POSITIVE_INFINITY, notice?: string): Line {
	const keys = viewKeys[view] ?? '';
	// What a key just did (`y` copied…) comes first and stays.
	const parts: Ranked[] = notice === undefined ? [] : [[seg(notice, {bold: true, color: color('green')}), 0], [seg('  '), 0]];
	if (!keysWork) {
		parts.push([seg('keys off: stdin is not a terminal  Ctrl-C quits', {dim: true}), 0]);
	} else {
		if (keys !== '') {
			parts.push([seg(keys), view === 'help' ? 0 : 1], [seg('  '), 1]);
		}

		// In help, q closes it: the global keys do not apply.
		parts.push(...view === 'help' ? [] : [
			[seg('? help  q quit', {dim: true}), 0],
			[seg('  Tab/1-5 view', {dim: true}), 3],
			[seg('  p pause', {dim: true}), 4],
			[seg('  r refresh', {dim: true}), 5],
			[seg('  +/- interval', {dim: true}), 6],
		] satisfies Ranked[]);
	}

	if (note !== undefined && note !== '') {
		parts.push([seg(`  ${note}`, {color: color('yellow')}), 2]);
	}

	return fitRanked(parts, width);
}

const helpText = [
	'Keys, by view',
	'',
	'Every view',
	'  Tab / Shift-Tab, 1-5   switch view',
	'  ↑ ↓  j k               move',
	'  PgUp PgDn  g G         page, top, bottom',
	'  :                      open a run by id (full, or as the screen shows it)',
	'  o                      scope to another org, or all orgs (row level security applies)',
	'  w                      cycle the window (5m, 1h, 24h, 7d); on the runs list: its own scope',
	'  p  r  + -              pause / resume, refresh now, refresh interval',
	'  ?  q  Ctrl-C           this help, quit',
	'',
	'Status',
	'  j k  Enter             select a flagged row and open it: the data-quality runs,',
	'                         a stuck run, or the runs with that error in the window',
	'Durations',
	'  s                      sort (count, p50, p90, p95, p99, max, name)',
	'Runs list',
	'  Enter                  open the run',
	'  /                      filter by text (run id, workflow, error)',
	'  s                      cycle status',
	'  W                      pick a workflow',
	'  w                      only runs created in the last 5m, 1h, 24h, 7d, or any time',
	'  < >  I                 sort by created, duration, status, workflow; reverse',
	'  y                      copy the run id (OSC 52)',
	'  Esc                    clear the filters (the sort stays)',
	'Run',
	'  Enter                  the selected step\'s events',
	'  d                      its context, parameters, result and error details, in full',
	'  v                      the same in $PAGER (default less -R)',
	'  y  Esc                 copy the run id, back',
	'Events',
	'  G                      the step\'s last event',
	'  Enter  v               read the selected event in full, or in $PAGER',
	'  y  Esc                 copy the event\'s JSON, back',
	'Payload (Enter on an event, d on a run)',
	'  j k  PgUp PgDn  g G    scroll',
	'  w                      wrap at word boundaries, or no wrap (long lines cut with …)',
	'  h l  ← →               scroll sideways (no wrap)',
	'  v  y                   open it in $PAGER, copy it (OSC 52)',
	'  Esc  q                 back to the list, the same row selected',
	'Pickers (W, o)',
	'  j k  Enter  Esc        move, pick, cancel',
	'',
	'Esc ? q close this help · j k PgUp PgDn scroll',
];

/** How many lines the help has. */
export const helpLength = helpText.length;

/** The help overlay, in place of the view, from line `offset`; says what is above and below. */
export function helpLines(height: number, offset = 0): Line[] {
	const lines = helpText.map((text, index) => [seg(text, {bold: index === 0})]);
	if (lines.length <= height) {
		return lines;
	}

	const shown = lines.slice(offset, offset + height - 1);
	const below = Math.max(0, lines.length - offset - shown.length);
	const marker = `${offset > 0 ? `↑ ${offset} above  ` : ''}${below > 0 ? `↓ ${below} more` : ''} · Esc closes`;
	return [...shown, [seg(marker, {dim: true})]];
}
