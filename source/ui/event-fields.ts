/** An event split for the screen: when it happened, what kind it is, and the rest. */
export type EventFields = {time: string; type: string; rest: unknown};

const timeKeys = ['timestamp', 'time', 'ts'];
const typeKeys = ['type', 'event', 'kind'];

/**
Take the time and the type out of an event so they can lead its row: JSONB
orders keys by length, so "data" would otherwise come before both. An event
that is not an object stays whole in `rest`.
*/
export function eventFields(event: unknown): EventFields {
	if (event === null || typeof event !== 'object' || Array.isArray(event)) {
		return {time: '', type: '', rest: event};
	}

	const rest = {...(event as Record<string, unknown>)};
	const take = (keys: string[], accepts: (value: unknown) => boolean): unknown => {
		const key = keys.find(name => accepts(rest[name]));
		if (key === undefined) {
			return undefined;
		}

		const value = rest[key];
		delete rest[key];
		return value;
	};

	const isText = (value: unknown) => typeof value === 'string';
	const time = take(timeKeys, value => isText(value) || typeof value === 'number');
	return {time: clockTime(time), type: (take(typeKeys, isText) as string | undefined) ?? '', rest};
}

/**
2026-11-23T13:16:40.239Z → 13:16:40.239; epoch seconds or milliseconds the
same way; other text (another offset, another format) as it is.
*/
function clockTime(value: unknown): string {
	if (typeof value === 'number') {
		const ms = value > 1e11 ? value : value * 1000;
		return Number.isFinite(ms) ? new Date(ms).toISOString().slice(11, 23) : String(value);
	}

	const text = typeof value === 'string' ? value : '';
	const utc = /^\d{4}-\d\d-\d\d[T ](\d\d:\d\d:\d\d(?:\.\d{1,3})?)\d*(?:Z|[+-]00(?::?00)?)$/.exec(text);
	return utc?.[1] ?? text;
}
