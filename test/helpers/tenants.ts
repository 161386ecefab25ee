import {randomBytes} from 'node:crypto';
import type pg from 'pg';

/** One organization with a workflow, the least a run needs. */
export type Tenant = {orgId: string; workflowId: string};

/** Insert an organization and a workflow of it; the slug is random so tests never collide. */
export async function insertTenant(client: pg.ClientBase, label = 'org'): Promise<Tenant> {
	const slug = `${label}-${randomBytes(4).toString('hex')}`;
	const org = await client.query<{id: string}>('INSERT INTO organizations (slug, name) VALUES ($1, $2) RETURNING id', [slug, `Org ${slug}`]);
	const orgId = org.rows[0]!.id;
	const workflow = await client.query<{id: string}>('INSERT INTO workflows (organization_id, name) VALUES ($1, $2) RETURNING id', [orgId, `workflow of ${slug}`]);
	return {orgId, workflowId: workflow.rows[0]!.id};
}

/** Insert a run of the tenant's workflow with the given columns; returns its id. */
export async function insertRun(client: pg.ClientBase, tenant: Tenant, columns: Record<string, unknown> = {}): Promise<string> {
	const names = ['organization_id', 'workflow_id', ...Object.keys(columns)];
	const values = [tenant.orgId, tenant.workflowId, ...Object.values(columns)];
	const {rows} = await client.query<{id: string}>(
		`INSERT INTO workflow_runs (${names.map(name => client.escapeIdentifier(name)).join(', ')})
		VALUES (${values.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
		values,
	);
	return rows[0]!.id;
}
