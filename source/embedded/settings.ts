import {randomBytes, createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {UserError} from '../errors.js';
import {ensureSystemDirectory} from './copy.js';
import {isRoot} from './user.js';

/** What wfmon keeps about its embedded server in the data directory (embedded.json). */
export type Settings = {password: string; port: number; clusterDir: string};

/**
Create the data directory if needed; one clear line when it cannot be written.
As root, the folders made here (~/.local/share too) get mode 711, so the
postgres user can pass through them to the cluster without listing them.
*/
export async function ensureWritable(dataDir: string): Promise<void> {
	const mode = isRoot() ? 0o711 : 0o700;
	try {
		const firstMade = await fs.mkdir(dataDir, {recursive: true, mode});
		// The umask may have taken bits away.
		for (let made = dataDir; firstMade !== undefined && made.startsWith(firstMade); made = path.dirname(made)) {
			await fs.chmod(made, mode);
		}

		await fs.access(dataDir, fs.constants.W_OK);
	} catch (error) {
		const code = (error as {code?: string}).code ?? 'error';
		throw new UserError(`data directory ${dataDir} cannot be written (${code}); pass --data-dir with a writable folder or set DATABASE_URL`);
	}
}

/** The saved settings, or new ones (a random password, a port from `freePort`) saved for next time. */
export async function loadSettings(
	dataDir: string,
	freePort: () => Promise<number>,
	notice: (line: string) => void,
): Promise<Settings> {
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
		clusterDir: await clusterDirFor(dataDir, notice),
	};
	await saveSettings(dataDir, settings);
	return settings;
}

export async function saveSettings(dataDir: string, settings: Settings): Promise<void> {
	await fs.writeFile(path.join(dataDir, 'embedded.json'), JSON.stringify(settings, null, '\t') + '\n', {mode: 0o600});
}

/**
The cluster lives in the data directory. As root it belongs to the postgres
user, who must pass through every folder above it: when a folder wfmon did
not make (a home of mode 700) stops it, the cluster goes under the system
directory instead (/var/lib/wfmon), and wfmon says so, once, when it decides.
*/
async function clusterDirFor(dataDir: string, notice: (line: string) => void): Promise<string> {
	const inside = path.join(dataDir, 'pgdata');
	if (!isRoot()) {
		return inside;
	}

	const blocking = await firstClosedParent(dataDir);
	if (blocking === undefined) {
		// The data directory is wfmon's own: open it for passing through.
		await fs.chmod(dataDir, 0o711);
		return inside;
	}

	const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
	const base = await ensureSystemDirectory();
	const outside = await unusedFolder(base, id);
	notice(`the postgres user cannot enter ${blocking}, so the embedded cluster for ${dataDir} is kept in ${outside} (remove it too if you remove the data directory)`);
	return outside;
}

/** A folder not in use: one already there belongs to settings that were deleted (its password is gone). */
async function unusedFolder(base: string, id: string): Promise<string> {
	for (let copy = 1; ; copy++) {
		const candidate = path.join(base, copy === 1 ? id : `${id}-${copy}`);
		if (!existsSync(candidate)) {
			return candidate;
		}
	}
}

/** The nearest folder above `directory` that others may not pass through, if any. */
async function firstClosedParent(directory: string): Promise<string | undefined> {
	for (let current = path.dirname(directory); ; current = path.dirname(current)) {
		const stat = await fs.stat(current);
		if ((stat.mode & 0o001) === 0) {
			return current;
		}

		if (current === path.dirname(current)) {
			return undefined;
		}
	}
}
