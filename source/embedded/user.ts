import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {UserError} from '../errors.js';

/** The account the server's programs run as: undefined runs them as this process's own user. */
export type ServerUser = {uid: number; gid: number} | undefined;

const run = promisify(execFile);
const serverUserName = 'postgres';

/** Root may not run postgres itself: the cluster then belongs to a postgres user. */
export function isRoot(): boolean {
	return process.getuid?.() === 0;
}

/** As root, the postgres user (created when the system has none); otherwise this process's own user. */
export async function serverUser(): Promise<ServerUser> {
	if (!isRoot()) {
		return undefined;
	}

	const existing = await lookUp().catch(() => undefined);
	if (existing !== undefined) {
		return existing;
	}

	try {
		// The group may exist without the user.
		await run('groupadd', ['--system', serverUserName]).catch(() => undefined);
		await run('useradd', ['--system', '--gid', serverUserName, serverUserName]);
		return await lookUp();
	} catch (error) {
		const detail = (error as {stderr?: string; message?: string}).stderr ?? (error as Error).message;
		throw new UserError(`as root the embedded PostgreSQL runs as a ${serverUserName} user, and none could be made (${detail.trim().split('\n')[0] ?? ''}); set DATABASE_URL instead`);
	}
}

async function lookUp(): Promise<{uid: number; gid: number}> {
	const [uid, gid] = await Promise.all([
		run('id', ['-u', serverUserName]).then(({stdout}) => Number.parseInt(stdout, 10)),
		run('id', ['-g', serverUserName]).then(({stdout}) => Number.parseInt(stdout, 10)),
	]);
	return {uid, gid};
}
