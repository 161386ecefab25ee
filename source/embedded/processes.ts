import fs from 'node:fs/promises';

/** Whether a process runs (one of another user counts: kill answers EPERM). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as {code?: string}).code === 'EPERM';
	}
}

/** Ask a postmaster to stop (SIGINT: fast shutdown) and wait for it to exit. */
export async function stopPid(pid: number): Promise<void> {
	try {
		process.kill(pid, 'SIGINT');
	} catch {
		return;
	}

	await waitForExit(pid);
}

/** Wait until the process is gone, at most `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs = 15_000): Promise<void> {
	for (let waited = 0; waited < timeoutMs && isAlive(pid); waited += 50) {
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

/** A process's start time in clock ticks since boot (Linux), or '' where /proc does not say. */
export async function processStarted(pid: number): Promise<string> {
	const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	// The command name in parentheses may hold spaces: count fields after it.
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}
