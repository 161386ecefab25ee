import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {UserError} from '../errors.js';
import {systemDirectory} from '../paths.js';
import {ensureBinarySymlinks} from './symlinks.js';
import {isAlive} from './processes.js';

/**
Copy the platform package to `<system dir>/pg-<version>` (root-owned, modes
others can read and traverse) and return the copy's bin folder. The copy is
made in a temporary folder and renamed into place once it runs, so two starts
at once, or one interrupted, never leave a half copy under the final name.
*/
export async function copyForServerUser(
	packageDir: string,
	version: string,
	cannotRun: (binDir: string) => Promise<string | undefined>,
	notice: (line: string) => void,
): Promise<string> {
	const base = await ensureSystemDirectory();
	const target = path.join(base, `pg-${version}`);
	const binDir = (root: string) => path.join(root, 'native', 'bin');
	if (existsSync(binDir(target))) {
		return binDir(target);
	}

	await removeAbandonedCopies(base);
	notice(`the postgres user cannot reach the PostgreSQL binaries in ${packageDir}; copying them to ${target} (once per version)`);
	const temporary = path.join(base, `.pg-${version}-${process.pid}-${randomBytes(3).toString('hex')}`);
	try {
		await fs.cp(packageDir, temporary, {recursive: true, verbatimSymlinks: true});
		await ensureBinarySymlinks(temporary);
		await openModes(temporary);
		const failure = await cannotRun(binDir(temporary));
		if (failure !== undefined) {
			throw new UserError(`the postgres user cannot run the PostgreSQL binaries, not even a copy in ${base}: ${failure}; set DATABASE_URL instead`);
		}

		await fs.rename(temporary, target).catch((error: unknown) => {
			// Another wfmon finished its copy first: use that one.
			if (!existsSync(binDir(target))) {
				throw error;
			}
		});
	} catch (error) {
		if (error instanceof UserError) {
			throw error;
		}

		const code = (error as {code?: string}).code ?? (error as Error).message;
		throw new UserError(`could not copy the PostgreSQL binaries to ${target} (${code}); set DATABASE_URL instead`);
	} finally {
		await fs.rm(temporary, {recursive: true, force: true});
	}

	return binDir(target);
}

/** The system directory, root-owned and traversable (mode 755), made when missing. */
export async function ensureSystemDirectory(): Promise<string> {
	const base = systemDirectory();
	try {
		await fs.mkdir(base, {recursive: true, mode: 0o755});
		await fs.chmod(base, 0o755);
	} catch (error) {
		const code = (error as {code?: string}).code ?? 'error';
		throw new UserError(`${base} cannot be written (${code}); set WFMON_SYSTEM_DIR to another folder, or set DATABASE_URL`);
	}

	return base;
}

/** Readable by all, and executable by all where the owner may execute: root's umask may have been 077. */
async function openModes(directory: string): Promise<void> {
	await fs.chmod(directory, 0o755);
	for (const entry of await fs.readdir(directory, {withFileTypes: true})) {
		const file = path.join(directory, entry.name);
		if (entry.isDirectory()) {
			await openModes(file);
		} else if (entry.isFile()) {
			const {mode} = await fs.stat(file);
			await fs.chmod(file, (mode & 0o777) | 0o444 | ((mode & 0o100) === 0 ? 0 : 0o111));
		}
	}
}

/** Temporary copies whose wfmon died mid-copy (its pid no longer runs). */
async function removeAbandonedCopies(base: string): Promise<void> {
	for (const name of await fs.readdir(base)) {
		const pid = Number(/^\.pg-.+-(\d+)-[\da-f]{6}$/.exec(name)?.[1]);
		if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
			await fs.rm(path.join(base, name), {recursive: true, force: true});
		}
	}
}
