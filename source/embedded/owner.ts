import fs from 'node:fs/promises';
import path from 'node:path';
import {isAlive, processStarted} from './processes.js';

/**
The wfmon process that runs the server is recorded next to the settings (pid
and, where /proc tells it, the process's start time, so a reused pid is not
taken for it): a second wfmon (a script next to the TUI) can then tell a
server in use from one a killed wfmon left behind.
*/
type Owner = {pid: number; started: string};

async function readOwner(dataDir: string): Promise<Owner | undefined> {
	const [pid, started = ''] = (await fs.readFile(path.join(dataDir, ownerFile), 'utf8').catch(() => '')).trim().split(' ');
	const number = Number(pid);
	return Number.isInteger(number) && number > 0 ? {pid: number, started} : undefined;
}

/** Whether another process, the one recorded as running the server, still runs. */
export async function ownerIsRunning(dataDir: string): Promise<boolean> {
	const owner = await readOwner(dataDir);
	return owner !== undefined && owner.pid !== process.pid && isAlive(owner.pid) && await processStarted(owner.pid) === owner.started;
}

export async function writeOwner(dataDir: string): Promise<void> {
	await fs.writeFile(path.join(dataDir, ownerFile), `${process.pid} ${await processStarted(process.pid)}\n`, {mode: 0o600});
}

export async function clearOwner(dataDir: string): Promise<void> {
	if ((await readOwner(dataDir))?.pid === process.pid) {
		await fs.rm(path.join(dataDir, ownerFile), {force: true});
	}
}

const ownerFile = 'embedded.owner';
