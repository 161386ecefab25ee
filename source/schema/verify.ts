import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {ClientBase} from '../db/connect.js';
import {sqlDirectory} from '../paths.js';
import {loadSql} from '../db/sql.js';

/** The tables and columns wfmon's migrations create, kept in sql/schema/manifest.json. */
export type SchemaManifest = Record<string, Record<string, string>>;

/** One line of the verify report. */
export type ColumnCheck = {
	table: string;
	column?: string;
	state: 'ok' | 'missing' | 'wrong-type';
	expected?: string;
	actual?: string;
};

/** The verify report: complete when every table and column is as expected. */
export type VerifyReport = {complete: boolean; checks: ColumnCheck[]};

const manifestFile = path.join(sqlDirectory, 'schema', 'manifest.json');

/** The expected schema, read from the manifest shipped with wfmon. */
export function loadManifest(): SchemaManifest {
	return JSON.parse(readFileSync(manifestFile, 'utf8')) as SchemaManifest;
}

/** Read what a database has of the given tables, as a manifest. */
export async function readCatalog(client: ClientBase, tables: string[]): Promise<SchemaManifest> {
	const {rows} = await client.query<{table_name: string; column_name: string; data_type: string}>(
		loadSql('schema/catalog_columns'),
		[tables],
	);
	const catalog: SchemaManifest = {};
	for (const row of rows) {
		(catalog[row.table_name] ??= {})[row.column_name] = row.data_type;
	}

	return catalog;
}

/** Compare a database with the manifest, table by table and column by column. */
export async function verifySchema(client: ClientBase, manifest = loadManifest()): Promise<VerifyReport> {
	const actual = await readCatalog(client, Object.keys(manifest));
	const checks: ColumnCheck[] = [];
	for (const [table, columns] of Object.entries(manifest)) {
		const present = actual[table];
		if (present === undefined) {
			checks.push({table, state: 'missing'});
			continue;
		}

		checks.push({table, state: 'ok'});
		for (const [column, expected] of Object.entries(columns)) {
			const found = present[column];
			if (found === undefined) {
				checks.push({table, column, state: 'missing', expected});
			} else if (found === expected) {
				checks.push({table, column, state: 'ok', expected});
			} else {
				checks.push({table, column, state: 'wrong-type', expected, actual: found});
			}
		}
	}

	return {complete: checks.every(check => check.state === 'ok'), checks};
}

/** Rewrite the manifest from a freshly migrated database (used when a migration is added). */
export async function writeManifest(client: ClientBase, tables: string[]): Promise<void> {
	const catalog = await readCatalog(client, tables);
	writeFileSync(manifestFile, JSON.stringify(catalog, null, '\t') + '\n');
}

/** Every table in the current schema: what a freshly migrated database holds. */
export async function listTables(client: ClientBase): Promise<string[]> {
	const {rows} = await client.query<{table_name: string}>(loadSql('schema/catalog_tables'));
	return rows.map(row => row.table_name);
}
