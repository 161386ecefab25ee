// Colours by meaning; none at all when NO_COLOR is set (https://no-color.org).

/** Whether colours may be used: NO_COLOR unset or empty. */
export function colorsEnabled(environment: NodeJS.ProcessEnv = process.env): boolean {
	const value = environment['NO_COLOR'];
	return value === undefined || value === '';
}

const statusColors: Record<string, string> = {
	queued: 'blue',
	running: 'cyan',
	waiting: 'yellow',
	pending: 'blue',
	completed: 'green',
	failed: 'red',
	timeout: 'magenta',
	cancelled: 'gray',
	skipped: 'gray',
};

/** The colour of a run or step status. */
export function statusColor(status: string): string | undefined {
	return colorsEnabled() ? statusColors[status] : undefined;
}

/** A colour by name, or none under NO_COLOR. */
export function color(name: string): string | undefined {
	return colorsEnabled() ? name : undefined;
}
