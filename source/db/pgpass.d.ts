declare module 'pgpass/lib/helper.js' {
	import type {Stats} from 'node:fs';
	import type {Readable} from 'node:stream';

	/** What .pgpass lines are matched against. */
	export type ConnectionInfo = {host: string; port: number; database: string; user: string};
	/** Whether a password file may be used: a plain file only its owner may read, and PGPASSWORD unset. */
	export function usePgPass(stats: Stats, file: string): boolean;
	/** The password of the first line matching `info`, or undefined. */
	export function getPassword(info: ConnectionInfo, stream: Readable, callback: (password: string | undefined) => void): void;
}
