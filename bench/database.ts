import {spawn} from 'node:child_process';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import pg from 'pg';
import {applySchema} from '../source/schema/schema.js';
import {packageRoot} from '../source/paths.js';

/** Run something with one connected client, always closed after. */
export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({connectionString: url});
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}

/** Create the benchmark database when it is missing (never drops anything) and apply wfmon's schema. */
export async function prepareDatabase(url: string): Promise<void> {
	const target = new URL(url);
	const name = decodeURIComponent(target.pathname.slice(1));
	const admin = new URL(url);
	admin.pathname = '/postgres';
	await withClient(admin.toString(), async client => {
		const {rowCount} = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
		if (rowCount === 0) {
			await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
		}
	});
	await withClient(url, async client => applySchema(client));
}

/** How many runs the database holds and how old its newest run is. */
export async function describeData(url: string): Promise<{runs: number; ageSeconds: number | null}> {
	return withClient(url, async client => {
		const {rows} = await client.query<{runs: string; age_seconds: number | null}>(
			'SELECT count(*) AS runs, extract(epoch FROM now() - max(created_at))::float8 AS age_seconds FROM workflow_runs',
		);
		return {runs: Number(rows[0]?.runs ?? 0), ageSeconds: rows[0]?.age_seconds ?? null};
	});
}

/** Seed `runs` runs with sql/bench/seed.sql through psql; resolves to the wall time in ms. */
export async function seed(url: string, runs: number): Promise<number> {
	const started = performance.now();
	await runPsql(url, ['-v', `runs=${runs}`, '-f', path.join(packageRoot, 'sql', 'bench', 'seed.sql')]);
	return performance.now() - started;
}

/** Run psql quietly, failing on the first error; resolves to what it printed. */
export async function runPsql(url: string, args: string[]): Promise<string> {
	const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	const output: Buffer[] = [];
	const errors: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	if (code !== 0) {
		throw new Error(`psql exited with ${code}: ${Buffer.concat(errors).toString('utf8')}`);
	}

	return Buffer.concat(output).toString('utf8');
}
