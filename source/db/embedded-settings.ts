import {randomBytes, createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {UserError} from '../errors.js';

/** What wfmon keeps about its embedded server in the data directory (embedded.json). */
export type Settings = {password: string; port: number; clusterDir: string};

/** Root may not run postgres itself: the cluster then belongs to a postgres user. */
export function isRoot(): boolean {
	return process.getuid?.() === 0;
}

/** Create the data directory if needed; one clear line when it cannot be written. */
export async function ensureWritable(dataDir: string): Promise<void> {
	try {
		await fs.mkdir(dataDir, {recursive: true, mode: 0o700});
		await fs.access(dataDir, fs.constants.W_OK);
	} catch (error) {
		const code = (error as {code?: string}).code ?? 'error';
		throw new UserError(`data directory ${dataDir} cannot be written (${code}); pass --data-dir with a writable folder or set DATABASE_URL`);
	}
}

/** The saved settings, or new ones (a random password, a port from `freePort`) saved for next time. */
export async function loadSettings(dataDir: string, freePort: () => Promise<number>): Promise<Settings> {
	const file = path.join(dataDir, 'embedded.json');
	try {
		const saved = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Settings>;
		if (typeof saved.password === 'string' && typeof saved.port === 'number' && typeof saved.clusterDir === 'string') {
			return {password: saved.password, port: saved.port, clusterDir: saved.clusterDir};
		}
	} catch {
		// First start: fall through and create the settings.
	}

	const settings = {
		password: randomBytes(18).toString('hex'),
		port: await freePort(),
		clusterDir: await clusterDirFor(dataDir),
	};
	await saveSettings(dataDir, settings);
	return settings;
}

export async function saveSettings(dataDir: string, settings: Settings): Promise<void> {
	await fs.writeFile(path.join(dataDir, 'embedded.json'), JSON.stringify(settings, null, '\t') + '\n', {mode: 0o600});
}

/**
The cluster lives in the data directory, except as root when the postgres user
cannot reach it (a 0700 home): then it goes under /var/lib/wfmon instead.
*/
async function clusterDirFor(dataDir: string): Promise<string> {
	const inside = path.join(dataDir, 'pgdata');
	if (!isRoot() || await othersCanTraverse(dataDir)) {
		if (isRoot()) {
			await fs.chmod(dataDir, 0o711);
		}

		return inside;
	}

	const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
	const base = '/var/lib/wfmon';
	await fs.mkdir(base, {recursive: true, mode: 0o755});
	await fs.chmod(base, 0o755);
	// A cluster already there belongs to settings that were deleted with the
	// data directory: its password is gone, so leave it and use a new folder.
	for (let copy = 1; ; copy++) {
		const candidate = path.join(base, copy === 1 ? id : `${id}-${copy}`);
		if (!existsSync(candidate)) {
			return candidate;
		}
	}
}

async function othersCanTraverse(directory: string): Promise<boolean> {
	// The data directory itself is wfmon's and may be opened up; its parents are the user's.
	for (let current = path.dirname(path.resolve(directory)); ; current = path.dirname(current)) {
		const stat = await fs.stat(current);
		if ((stat.mode & 0o001) === 0) {
			return false;
		}

		if (current === path.dirname(current)) {
			return true;
		}
	}
}
