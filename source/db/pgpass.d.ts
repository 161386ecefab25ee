declare module 'pgpass' {
	/** What .pgpass lines are matched against. */
	export type ConnectionInfo = {host: string; port: number; database: string; user: string};
	/** Look the password up in PGPASSFILE or ~/.pgpass; undefined when no line matches or the file is unsafe. */
	export default function pgpass(info: ConnectionInfo, callback: (password: string | undefined) => void): void;
}
