import {createPool} from './db/connect.js';
import {listOrgs} from './db/queries.js';
import type {OrgInfo, Snapshot} from './model/snapshot.js';
import type {TimeWindow} from './model/windows.js';
import type {Session} from './session.js';
import {takeSnapshot} from './snapshot.js';

/** A snapshot and the org it is scoped to (null: every org the role sees). */
export type ScopedSnapshot = {org: OrgInfo | null; snapshot: Snapshot};

/**
The session's own scope as one snapshot, or with `allOrgs` one snapshot per
org the role may see, each read as `--org` reads it: on sessions that carry
app.current_org_id, so row level security scopes it as well as the queries.
The orgs are read one after the other, so the server sees the load of one.
*/
export async function readScopes(
	session: Session,
	options: {allOrgs: boolean; window: TimeWindow},
): Promise<ScopedSnapshot[]> {
	const {database} = session;
	const {window} = options;
	if (!options.allOrgs) {
		return [{org: session.org, snapshot: await takeSnapshot(session.pool, {database, org: session.org, window})}];
	}

	const scoped: ScopedSnapshot[] = [];
	for (const org of await listOrgs(session.pool)) {
		const pool = createPool({...session.target, orgId: org.id});
		try {
			scoped.push({org, snapshot: await takeSnapshot(pool, {database, org, window})});
		} finally {
			await pool.end();
		}
	}

	return scoped;
}
