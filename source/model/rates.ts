/** part / whole, or null when there is no whole to speak of. */
export function ratio(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

/** A time as ISO-8601 UTC, keeping null. */
export function iso(time: Date | null): string | null {
	return time === null ? null : time.toISOString();
}
