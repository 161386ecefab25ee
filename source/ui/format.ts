// Numbers, sizes and times as the screen shows them: short, fixed-ish width.

/** 1234 → "1234", 12345 → "12.3k", 1234567 → "1.2M". */
export function formatCount(value: number): string {
	if (value < 10_000) {
		return String(Math.round(value));
	}

	if (value < 1_000_000) {
		return `${(value / 1000).toFixed(1)}k`;
	}

	return `${(value / 1_000_000).toFixed(1)}M`;
}

/** Milliseconds as "850ms", "12.3s", "4m05s", "2h10m", "3d04h". */
export function formatMs(ms: number | null | undefined): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) {
		return '-';
	}

	if (ms < 1000) {
		return `${Math.round(ms)}ms`;
	}

	const seconds = ms / 1000;
	if (seconds < 60) {
		return `${seconds.toFixed(1)}s`;
	}

	const whole = Math.floor(seconds);
	if (whole < 3600) {
		return `${Math.floor(whole / 60)}m${pad2(whole % 60)}s`;
	}

	if (whole < 86_400) {
		return `${Math.floor(whole / 3600)}h${pad2(Math.floor(whole / 60) % 60)}m`;
	}

	return `${Math.floor(whole / 86_400)}d${pad2(Math.floor(whole / 3600) % 24)}h`;
}

/** A coarse age: "40s", "5m", "3h", "2d". */
export function formatAge(ms: number | null | undefined): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) {
		return '-';
	}

	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) {
		return `${seconds}s`;
	}

	if (seconds < 3600) {
		return `${Math.floor(seconds / 60)}m`;
	}

	if (seconds < 86_400) {
		return `${Math.floor(seconds / 3600)}h`;
	}

	return `${Math.floor(seconds / 86_400)}d`;
}

/** Bytes with a binary unit: "512B", "8.0K", "1.5M", "2.3G". */
export function formatBytes(bytes: number | null | undefined): string {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) {
		return '-';
	}

	const sign = bytes < 0 ? '-' : '';
	let value = Math.abs(bytes);
	const units = ['B', 'K', 'M', 'G', 'T'];
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return unit === 0 ? `${sign}${value}B` : `${sign}${value.toFixed(1)}${units[unit]}`;
}

/** A share 0..1 as "12.5%", or "-". */
export function formatRate(rate: number | null | undefined): string {
	return rate === null || rate === undefined ? '-' : `${(rate * 100).toFixed(1)}%`;
}

/** A time of day, HH:MM:SS in local time. */
export function formatClock(time: Date): string {
	return `${pad2(time.getHours())}:${pad2(time.getMinutes())}:${pad2(time.getSeconds())}`;
}

/** Cut to `width` characters, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const flat = text.replaceAll(/\s+/g, ' ');
	return flat.length <= width ? flat : `${flat.slice(0, Math.max(0, width - 1))}…`;
}

/** Exactly `width` characters: cut or padded (to the left for numbers). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	return align === 'left' ? cut.padEnd(width) : cut.padStart(width);
}

/** Compact one-line JSON of anything, never throwing. */
export function compactJson(value: unknown): string {
	try {
		return JSON.stringify(value) ?? 'null';
	} catch {
		return String(value);
	}
}

function pad2(value: number): string {
	return String(value).padStart(2, '0');
}

/**
A run id short enough for a column: the first 8 characters, except for
time-ordered ids (UUIDv7), whose first characters are the creation time and
repeat for runs made close together: those show their last 8, the random part.
*/
export function shortRunId(id: string): string {
	return id.length === 36 && id[14] === '7' ? id.slice(-8) : id.slice(0, 8);
}
