import {parseDuration, truncate} from '../config.js';
import type {RunFilter} from '../db/queries.js';
import {UserError} from '../errors.js';

/** Every status a run can have. */
export const runStatuses = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout'] as const;

/** The runs-list filter from --status, --workflow, --text, --since and --limit. */
export function parseRunFilter(flags: {status?: string; workflow?: string; text?: string; since?: string; limit?: string}): {filter: RunFilter; limit: number} {
	if (flags.status !== undefined && !(runStatuses as readonly string[]).includes(flags.status)) {
		throw new UserError(`--status must be one of ${runStatuses.join(', ')} (got "${flags.status.slice(0, 20)}")`);
	}

	if (flags.limit !== undefined && !/^\d{1,12}$/.test(flags.limit)) {
		throw new UserError(`--limit must be a whole number, 0 or more (got "${flags.limit.slice(0, 20)}")`);
	}

	return {
		filter: {
			status: flags.status ?? null,
			workflow: flags.workflow ?? null,
			text: flags.text === undefined || flags.text === '' ? null : flags.text,
			sinceSeconds: flags.since === undefined ? null : parseSince(flags.since),
		},
		limit: flags.limit === undefined ? Infinity : Number(flags.limit),
	};
}

/** The longest --since: a century, far inside what PostgreSQL's timestamps and intervals hold. */
const maxSinceDays = 36_500;

function parseSince(text: string): number {
	const ms = parseDuration(text, '--since');
	if (ms > maxSinceDays * 86_400_000) {
		throw new UserError(`--since must be at most ${maxSinceDays}d (got "${truncate(text)}"); leave it out for every run`);
	}

	return ms / 1000;
}
