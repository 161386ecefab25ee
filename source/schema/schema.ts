import type {ClientBase} from '../db/connect.js';
import {UserError} from '../errors.js';
import {loadMigrations, type Migration} from './migrations.js';
import {loadSql} from '../db/sql.js';

/** Where each shipped migration stands in one database. */
export type MigrationStatus = {
	version: string;
	name: string;
	state: 'applied' | 'pending' | 'changed';
	appliedAt?: Date;
};

/** What an apply did. */
export type ApplyResult =
	| {outcome: 'applied'; versions: string[]}
	| {outcome: 'up-to-date'}
	| {outcome: 'skipped-read-only'; pending: string[]};

type AppliedRow = {version: string; name: string; checksum: string; applied_at: Date};

/** Compare the shipped migrations with the schema_migrations table. */
export async function schemaStatus(client: ClientBase, migrations = loadMigrations()): Promise<MigrationStatus[]> {
	const applied = await readApplied(client);
	return migrations.map(migration => {
		const row = applied.get(migration.version);
		if (row === undefined) {
			return {version: migration.version, name: migration.name, state: 'pending'};
		}

		return {
			version: migration.version,
			name: migration.name,
			state: row.checksum === migration.checksum ? 'applied' : 'changed',
			appliedAt: row.applied_at,
		};
	});
}

/**
Apply every pending migration, each in its own transaction, under an advisory
lock so that concurrent wfmon processes apply each file exactly once.
A read-only server or standby is left alone.
*/
export async function applySchema(client: ClientBase, migrations = loadMigrations()): Promise<ApplyResult> {
	const before = await schemaStatus(client, migrations);
	refuseChangedFiles(before);
	if (before.every(migration => migration.state === 'applied')) {
		return {outcome: 'up-to-date'};
	}

	const {rows} = await client.query<{read_only: boolean; role: string}>(loadSql('schema/read_only'));
	if (rows[0]?.read_only) {
		return {outcome: 'skipped-read-only', pending: pendingVersions(before)};
	}

	const role = rows[0]?.role ?? 'this role';

	await client.query(loadSql('schema/lock'));
	try {
		await withPrivilegeHint(role, () => client.query(loadSql('schema/create_migrations_table')));
		// Another process may have applied them while this one waited for the lock.
		const current = await schemaStatus(client, migrations);
		refuseChangedFiles(current);
		const pending = new Set(pendingVersions(current));
		const versions: string[] = [];
		for (const migration of migrations.filter(migration => pending.has(migration.version))) {
			await applyOne(client, migration, role);
			versions.push(migration.version);
		}

		return versions.length > 0 ? {outcome: 'applied', versions} : {outcome: 'up-to-date'};
	} finally {
		// A session lock also ends with the session: a failed unlock (the
		// connection went away) must not hide the error that got us here.
		await client.query(loadSql('schema/unlock')).catch(() => undefined);
	}
}

async function applyOne(client: ClientBase, migration: Migration, role: string): Promise<void> {
	await client.query('BEGIN');
	try {
		await withPrivilegeHint(role, () => client.query(migration.sql));
		await client.query(loadSql('schema/record_migration'), [migration.version, migration.name, migration.checksum]);
		await client.query(loadSql('schema/audit_apply'), [migration.version, migration.name, migration.checksum]);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK');
		if (error instanceof UserError) {
			throw error;
		}

		const message = error instanceof Error ? error.message : String(error);
		throw new UserError(`migration ${migration.version}_${migration.name} failed and was rolled back: ${message}`);
	}
}

async function readApplied(client: ClientBase): Promise<Map<string, AppliedRow>> {
	const exists = await client.query<{present: boolean}>(loadSql('schema/migrations_table_exists'));
	if (!exists.rows[0]?.present) {
		return new Map();
	}

	const {rows} = await client.query<AppliedRow>(loadSql('schema/applied_migrations'));
	return new Map(rows.map(row => [row.version, row]));
}

function refuseChangedFiles(statuses: MigrationStatus[]): void {
	const changed = statuses.filter(migration => migration.state === 'changed');
	if (changed.length > 0) {
		const names = changed.map(migration => `${migration.version}_${migration.name}`).join(', ');
		throw new UserError(`applied migration ${names} differs from the file shipped with this wfmon (checksum mismatch); refusing to continue`);
	}
}

function pendingVersions(statuses: MigrationStatus[]): string[] {
	return statuses.filter(migration => migration.state === 'pending').map(migration => migration.version);
}

async function withPrivilegeHint<T>(role: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		if ((error as {code?: string}).code === '42501') {
			throw new UserError(`role "${role}" may not create wfmon's schema here; use a role that can, or pass --no-apply against a database that already has it`);
		}

		throw error;
	}
}
