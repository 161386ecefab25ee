// Which buckets a chart of the window plots. The first bucket starts before
// the window does (buckets are aligned to whole bucket widths) and the last
// one is still filling, so both hold less than a whole bucket's worth: drawn
// as if whole they read as a dip or a spike. Charts plot whole buckets only;
// the one still filling is shown beside the chart as a figure "so far".

/** The whole buckets (every one but the first and the last), the one still filling, and how far it is. */
export function wholeBuckets<T extends {start: string}>(buckets: readonly T[], bucketSeconds: number, generatedAt: string): {
	whole: T[];
	current: T | undefined;
	/** Seconds of the current bucket gone by at `generatedAt`, within 0..bucketSeconds. */
	currentSeconds: number;
} {
	const current = buckets.at(-1);
	const elapsed = current === undefined ? 0 : (Date.parse(generatedAt) - Date.parse(current.start)) / 1000;
	return {
		whole: buckets.slice(1, -1),
		current,
		currentSeconds: Math.min(bucketSeconds, Math.max(0, Number.isFinite(elapsed) ? elapsed : 0)),
	};
}
