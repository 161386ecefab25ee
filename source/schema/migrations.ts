import {createHash} from 'node:crypto';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {sqlDirectory} from '../paths.js';

/** One numbered file in sql/migrations. */
export type Migration = {
	version: string;
	name: string;
	sql: string;
	checksum: string;
};

const migrationFile = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The migrations shipped with wfmon, in the order they apply. */
export function loadMigrations(directory = path.join(sqlDirectory, 'migrations')): Migration[] {
	return readdirSync(directory)
		.filter(file => migrationFile.test(file))
		.sort()
		.map(file => {
			const [, version, name] = migrationFile.exec(file)!;
			const sql = readFileSync(path.join(directory, file), 'utf8');
			return {version: version!, name: name!, sql, checksum: createHash('sha256').update(sql).digest('hex')};
		});
}
