import {findRunsByShortId, type OrgFilter, type Queryable} from './queries.js';
import {UserError} from '../errors.js';

const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
// A short id: at least 4 hex digits (dashes as in the full id are fine), up to a whole id.
const shortPattern = /^[\da-f-]{4,36}$/i;

/**
The run a typed id names: a full UUID as it is, or a short id as the screen
shows it (the first characters, or for time-ordered ids the last ones),
looked up within the org. No match or several are one line each (exit 2).
*/
export async function resolveRunId(client: Queryable, text: string, org: OrgFilter): Promise<string> {
	if (uuidPattern.test(text)) {
		return text.toLowerCase();
	}

	if (!shortPattern.test(text) || text.replaceAll('-', '').length < 4) {
		throw new UserError(`"${text.slice(0, 40)}" is not a run id (a UUID, or the 8 characters the screen shows)`);
	}

	const typed = text.toLowerCase();
	const matches = await findRunsByShortId(client, prefixRange(typed), suffixOf(typed), org);
	if (matches.length === 0) {
		throw new UserError(`no run ${typed} (no id starts or ends with it)`);
	}

	if (matches.length > 1) {
		const listed = matches.slice(0, 5).map(match => match.id).join(', ');
		throw new UserError(`${typed} is ambiguous: ${listed}${matches.length > 5 ? ', …' : ''}; type more of the id`);
	}

	return matches[0]!.id;
}

/** The lowest and highest UUIDs that start with `prefix` (hex digits, dashes where a UUID has them). */
export function prefixRange(prefix: string): {low: string; high: string} {
	const digits = prefix.replaceAll('-', '');
	const withDashes = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	return {low: withDashes(digits.padEnd(32, '0')), high: withDashes(digits.padEnd(32, 'f'))};
}

/** The end of an id a short id can be: only within the last group of 12 digits, which has no dashes. */
function suffixOf(typed: string): string | null {
	return typed.includes('-') || typed.length > 12 ? null : typed;
}
