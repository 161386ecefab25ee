import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The package root: compiled files live in dist/source, so it is three levels up. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The sql/ folder shipped with the package. */
export const sqlDirectory = path.join(packageRoot, 'sql');

/**
Where root keeps what the postgres user must reach outside the user's own
directories: copies of the PostgreSQL binaries and clusters that cannot live in
the data directory. WFMON_SYSTEM_DIR moves it (a read-only /var/lib, tests).
*/
export function systemDirectory(): string {
	return process.env['WFMON_SYSTEM_DIR'] ?? '/var/lib/wfmon';
}
