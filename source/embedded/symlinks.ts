import fs from 'node:fs/promises';
import path from 'node:path';

/**
The PostgreSQL binaries ship in a platform package whose shared-library
symlinks are made by an install script (npm tarballs cannot hold symlinks).
Where that script did not run (npm 11 without approval, --ignore-scripts),
make them here, once, before the server starts. Best effort: a read-only
node_modules is left as it is and the server says what it misses.
*/
export async function ensureBinarySymlinks(packageDir: string): Promise<void> {
	let links: Array<{source: string; target: string}>;
	try {
		links = JSON.parse(await fs.readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as typeof links;
	} catch {
		return;
	}

	for (const {source, target} of links) {
		const linkPath = path.join(packageDir, target);
		try {
			await fs.lstat(linkPath);
		} catch {
			await fs.symlink(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath).catch(() => undefined);
		}
	}
}
