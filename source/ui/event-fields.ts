/** An event split for the screen: when it happened, what kind it is, and the rest. */
export type EventFields = {time: string; type: string; rest: unknown};

const timeKeys = ['timestamp', 'time', 'ts', 'at'];
const typeKeys = ['type', 'event', 'name', 'kind'];

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
	const take = (keys: string[]): string => {
		const key = keys.find(name => typeof rest[name] === 'string');
		if (key === undefined) {
			return '';
		}

		const value = rest[key] as string;
		delete rest[key];
		return value;
	};

	return {time: clockTime(take(timeKeys)), type: take(typeKeys), rest};
}

/** 2026-11-23T13:16:40.239Z → 13:16:40.239; anything else as it is. */
function clockTime(text: string): string {
	const match = /^\d{4}-\d\d-\d\dT(\d\d:\d\d:\d\d(?:\.\d{1,3})?)/.exec(text);
	return match?.[1] ?? text;
}
