import {readFileSync} from 'node:fs';
import path from 'node:path';
import {sqlDirectory} from '../paths.js';

const cache = new Map<string, string>();

/** The text of sql/<name>.sql, read once and kept. */
export function loadSql(name: string): string {
	let text = cache.get(name);
	if (text === undefined) {
		text = readFileSync(path.join(sqlDirectory, `${name}.sql`), 'utf8');
		cache.set(name, text);
	}

	return text;
}
