import {loadSql} from './sql.js';
import type {OrgFilter, Queryable} from './queries.js';

/** One data-quality finding as sql/queries/data_quality.sql returns it. */
export type QualityRow = {
	finding: string;
	sample_kind: 'run' | 'report_week';
	count: number;
	sample_ids: string[];
};

/** Settings of the data-quality read. */
export type QualitySettings = {
	futureToleranceSeconds: number;
	samples: number;
};

/** Runs that break the model's invariants, one row per finding (cross-org weeks come with the population). */
export async function dataQuality(client: Queryable, org: OrgFilter, settings: QualitySettings): Promise<QualityRow[]> {
	const parameters = [org, settings.futureToleranceSeconds, settings.samples];
	const result = await client.query<QualityRow>(loadSql('queries/data_quality'), parameters);
	return result.rows;
}
