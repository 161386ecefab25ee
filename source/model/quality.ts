import type {PopulationRow} from '../db/queries.js';
import type {QualityRow} from '../db/quality-queries.js';
import type {DataQuality} from './snapshot.js';

/** How far in the future an ended_at may be before it is a finding (clock skew between workers). */
export const futureToleranceSeconds = 60;

/** Up to this many sample ids per finding. */
export const qualitySamples = 5;

/** What each finding means, as the README's Definitions say it. */
export const findingDescriptions: Record<string, string> = {
	ended_in_future: `ended_at more than ${futureToleranceSeconds}s in the future`,
	ended_but_not_final: 'queued, running or waiting with an ended_at',
	final_without_ended_at: 'completed, failed, cancelled or timeout without an ended_at',
	running_without_started_at: 'running without a started_at',
	steps_completed_over_total: 'steps_completed greater than steps_total',
	step_outside_run: 'a step that started before its run or ended after it',
	cross_org_report: 'a report week whose execution_id names a run of another org',
};

/**
The data-quality section: every finding with its count and newest sample ids.
The run findings come from data_quality.sql; cross-org report weeks from the
population's days, which probe every week once for both panels.
*/
export function toDataQuality(runRows: QualityRow[], weekDays: PopulationRow[]): DataQuality {
	const newestFirst = [...weekDays].sort((a, b) => b.day.localeCompare(a.day));
	const crossOrg: QualityRow = {
		finding: 'cross_org_report',
		sample_kind: 'report_week',
		count: weekDays.reduce((sum, day) => sum + day.cross_org, 0),
		sample_ids: newestFirst.flatMap(day => day.cross_org_samples).slice(0, qualitySamples),
	};
	const findings = [...runRows, crossOrg].map(row => ({
		finding: row.finding,
		description: findingDescriptions[row.finding] ?? row.finding,
		count: row.count,
		sample_kind: row.sample_kind,
		sample_ids: row.sample_ids,
	}));
	return {
		future_tolerance_seconds: futureToleranceSeconds,
		total: findings.reduce((sum, finding) => sum + finding.count, 0),
		findings,
	};
}

/** The run ids among the samples (what Enter on the Status view's data-quality line lists). */
export function sampleRunIds(quality: DataQuality): string[] {
	const runs = quality.findings.filter(finding => finding.sample_kind === 'run');
	return [...new Set(runs.flatMap(finding => finding.sample_ids))];
}
