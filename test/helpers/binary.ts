import {execFile} from 'node:child_process';
import path from 'node:path';
import {packageRoot} from '../../source/paths.js';

/** What a run of the real binary printed and how it ended. */
export type BinaryResult = {stdout: string; stderr: string; exitCode: number};

const connectionVariables = ['DATABASE_URL', 'PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGPASSWORD', 'PGSERVICE'];

/** The environment without anything that names a database (so only flags decide), plus `extra`. */
export function environmentWithoutDatabase(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const environment: NodeJS.ProcessEnv = {...process.env};
	for (const name of connectionVariables) {
		delete environment[name];
	}

	return {...environment, ...extra};
}

/** Run `node bin/wfmon.js ...arguments` from the package root, as a user would. */
export async function runWfmon(arguments_: string[], options: {env?: NodeJS.ProcessEnv; timeoutMs?: number} = {}): Promise<BinaryResult> {
	return new Promise(resolve => {
		execFile(
			process.execPath,
			[path.join(packageRoot, 'bin', 'wfmon.js'), ...arguments_],
			{cwd: packageRoot, env: options.env ?? environmentWithoutDatabase(), timeout: options.timeoutMs ?? 30_000, encoding: 'utf8'},
			(error, stdout, stderr) => {
				const code = (error as {code?: unknown} | null)?.code;
				resolve({stdout, stderr, exitCode: error === null ? 0 : typeof code === 'number' ? code : -1});
			},
		);
	});
}
