import {truncate, type ConnectionConfig} from '../config.js';
import {UserError} from '../errors.js';
import {applySchema, schemaStatus, type ApplyResult} from '../schema/schema.js';
import {verifySchema, type ColumnCheck} from '../schema/verify.js';
import {openSession} from '../session.js';

/** `wfmon schema apply | status | verify`; returns the exit code. */
export async function runSchemaCommand(action: string | undefined, config: ConnectionConfig, json: boolean): Promise<number> {
	if (action !== 'apply' && action !== 'status' && action !== 'verify') {
		const got = action === undefined ? 'nothing' : `"${truncate(action)}"`;
		throw new UserError(`schema takes apply, status or verify, not ${got}; run wfmon --help for the list`);
	}

	if (action === 'apply' && config.noApply) {
		throw new UserError('schema apply writes to the database; drop --no-apply to run it');
	}

	const session = await openSession(config, {apply: false});
	const client = await session.pool.connect();
	try {
		switch (action) {
			case 'apply': {
				const result = await applySchema(client);
				print(json ? JSON.stringify(result) : describeApply(result));
				// Pending migrations left unapplied (a read-only database) are not a success.
				return result.outcome === 'skipped-read-only' ? 1 : 0;
			}

			case 'status': {
				const statuses = await schemaStatus(client);
				print(json
					? JSON.stringify(statuses)
					: statuses.map(s => `${s.version}  ${s.name.padEnd(28)} ${s.state}${s.appliedAt ? `  ${s.appliedAt.toISOString()}` : ''}`).join('\n'));
				return statuses.every(s => s.state === 'applied') ? 0 : 1;
			}

			case 'verify': {
				const report = await verifySchema(client);
				print(json ? JSON.stringify(report) : report.checks.map(describeCheck).join('\n') + `\n${report.complete ? 'schema complete' : 'schema incomplete'}`);
				return report.complete ? 0 : 1;
			}
		}
	} finally {
		client.release();
		await session.close();
	}
}

/** One line saying what an apply did. */
export function describeApply(result: ApplyResult): string {
	switch (result.outcome) {
		case 'applied': {
			return `applied migrations ${result.versions.join(', ')}`;
		}

		case 'up-to-date': {
			return 'schema is up to date';
		}

		case 'skipped-read-only': {
			return `database is read-only (hot standby or read-only transactions): skipped applying ${result.pending.join(', ')}`;
		}
	}
}

function describeCheck(check: ColumnCheck): string {
	const name = check.column === undefined ? check.table : `  ${check.table}.${check.column}`;
	switch (check.state) {
		case 'ok': {
			return `${name.padEnd(48)} ok`;
		}

		case 'missing': {
			return `${name.padEnd(48)} MISSING${check.expected ? ` (expected ${check.expected})` : ''}`;
		}

		case 'wrong-type': {
			return `${name.padEnd(48)} WRONG TYPE: ${check.actual ?? '?'}, expected ${check.expected ?? '?'}`;
		}
	}
}

function print(text: string): void {
	process.stdout.write(text + '\n');
}
