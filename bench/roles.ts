import {randomBytes} from 'node:crypto';
import {createPool} from '../source/db/connect.js';
import {takeSnapshot} from '../source/snapshot.js';
import type {TimeWindow} from '../source/model/windows.js';
import {withClient} from './database.js';
import {median} from './measure.js';

/** Median full-refresh database time (query_ms) of each way of reading one org. */
export type RoleTimings = {superuserMs: number; pinnedMs: number; pinnedRlsOnlyMs: number; qualityMs: number};

/**
Time a full refresh of one org as the superuser (`--org`, RLS bypassed), as a
non-superuser role pinned to that org in wfmon_org_members (`--org`, so the
queries filter and RLS checks), and as that role without `--org` (RLS alone
scopes it). The role is made for the run and dropped after.
*/
export async function measureRoles(url: string, org: string, window: TimeWindow, times: number): Promise<RoleTimings> {
	const role = `wfmon_bench_pinned_${randomBytes(4).toString('hex')}`;
	const password = randomBytes(9).toString('hex');
	await withClient(url, async client => {
		const name = client.escapeIdentifier(role);
		await client.query(`CREATE ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`);
		await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${client.escapeIdentifier(role)}`);
		await client.query('INSERT INTO wfmon_org_members (role_name, org_id) VALUES ($1, $2)', [role, org]);
	});
	const roleUrl = new URL(url);
	roleUrl.username = role;
	roleUrl.password = password;
	const target = {connectTimeoutMs: 5000, statementTimeoutMs: 10_000};
	const pools = {
		superuser: createPool({...target, url, orgId: org}),
		pinned: createPool({...target, url: roleUrl.toString(), orgId: org}),
		rlsOnly: createPool({...target, url: roleUrl.toString()}),
	};
	const database = {host: 'bench', port: 5432, database: 'bench', user: 'bench', server_version: ''};
	const scoped = {id: org, slug: 'bench', name: 'bench'};
	try {
		const ways = [
			{pool: pools.superuser, org: scoped},
			{pool: pools.pinned, org: scoped},
			{pool: pools.rlsOnly, org: null},
		];
		// Round by round, the three ways in turn, so that a busy moment of the machine
		// does not land on one side only; the first two rounds warm up and are not recorded.
		const samples = ways.map(() => [] as Array<{ms: number; qualityMs: number}>);
		for (let round = 0; round < times + 2; round++) {
			for (const [index, way] of ways.entries()) {
				const snapshot = await takeSnapshot(way.pool, {database, org: way.org, window});
				const failed = [snapshot.status.finished, snapshot.data_quality, snapshot.population]
					.find(panel => panel.error !== null);
				if (failed) {
					throw new Error(`a panel failed: ${failed.error}`);
				}

				if (round >= 2) {
					samples[index]!.push({ms: snapshot.query_ms, qualityMs: snapshot.data_quality.query_ms});
				}
			}
		}

		const [superuser, pinned, rlsOnly] = samples.map(list => ({
			ms: median(list.map(sample => sample.ms)),
			qualityMs: median(list.map(sample => sample.qualityMs)),
		}));
		return {superuserMs: superuser!.ms, pinnedMs: pinned!.ms, pinnedRlsOnlyMs: rlsOnly!.ms, qualityMs: pinned!.qualityMs};
	} finally {
		await Promise.all(Object.values(pools).map(async pool => pool.end()));
		await withClient(url, async client => {
			await client.query('DELETE FROM wfmon_org_members WHERE role_name = $1', [role]);
			await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${client.escapeIdentifier(role)}`);
			await client.query(`DROP ROLE ${client.escapeIdentifier(role)}`);
		});
	}
}
