import type {PopulationRow} from '../db/queries.js';
import {ratio} from './rates.js';
import type {Population} from './snapshot.js';

/** Seed 004's population rate per day and overall. */
export function toPopulation(rows: PopulationRow[]): Population {
	const days = rows.map(({cross_org_samples: _samples, ...row}) =>
		({...row, population_rate: ratio(row.with_execution_id, row.rows)}));
	const total = days.reduce((sum, day) => sum + day.rows, 0);
	const withId = days.reduce((sum, day) => sum + day.with_execution_id, 0);
	return {
		days,
		rows: total,
		with_execution_id: withId,
		population_rate: ratio(withId, total),
		orphans: days.reduce((sum, day) => sum + day.orphans, 0),
	};
}
