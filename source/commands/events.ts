import type {ConnectionConfig} from '../config.js';
import {runDetail, stepNumbers, streamRunEventBatches, streamStepEventBatches} from '../db/queries.js';
import {UserError} from '../errors.js';
import {openSession} from '../session.js';
import {during} from './lost-connection.js';
import {resolveRunId} from '../db/run-ids.js';
import {printNdjson} from './stream.js';

/** Check that a run id was typed; which run it names is looked up once connected. */
export function parseRunId(text: string | undefined): string {
	if (text === undefined) {
		throw new UserError('events needs a run id: wfmon events RUN [STEP]');
	}

	return text;
}

/** Check a step number typed by the user. */
export function parseStepNumber(text: string | undefined): number | undefined {
	if (text === undefined) {
		return undefined;
	}

	if (!/^\d{1,9}$/.test(text)) {
		throw new UserError(`"${text.slice(0, 20)}" is not a step number (0, 1, 2, …)`);
	}

	return Number(text);
}

/** `wfmon events RUN [STEP]`: a run's (or one step's) events as NDJSON through a cursor. */
export async function runEventsCommand(config: ConnectionConfig, options: {org?: string; run?: string; step?: string}): Promise<number> {
	const typedId = parseRunId(options.run);
	const stepNumber = parseStepNumber(options.step);
	const session = await openSession(config, {org: options.org});
	try {
		const org = session.org?.id ?? null;
		const runId = await during(session, 'the run\'s lookup', async () => resolveRunId(session.pool, typedId, org));
		const [run] = await during(session, 'the run\'s lookup', async () => runDetail(session.pool, runId, org));
		if (run === undefined) {
			throw new UserError(`run ${runId} not found${session.org ? ` in organization ${session.org.slug}` : ''}`);
		}

		if (stepNumber === undefined) {
			const index = new Map<number, number>();
			return await printNdjson(session, client => streamRunEventBatches(client, runId, org), row => {
				const position = index.get(row.step_number) ?? 0;
				index.set(row.step_number, position + 1);
				return {run_id: runId, step_number: row.step_number, index: position, event: row.event};
			});
		}

		const steps = (await during(session, 'the run\'s lookup', async () => stepNumbers(session.pool, runId, org)))
			.map(step => step.step_number);
		if (!steps.includes(stepNumber)) {
			throw new UserError(`run ${runId} has no step ${stepNumber} (steps: ${stepRanges(steps)})`);
		}

		let position = 0;
		return await printNdjson(session, client => streamStepEventBatches(client, runId, stepNumber, org), row => (
			{run_id: runId, step_number: stepNumber, index: position++, event: row.event}
		));
	} finally {
		await session.close();
	}
}

/** Step numbers as ranges ("1–5, 7, 9–400"), elided after 12 of them: a run may have thousands of steps. */
export function stepRanges(steps: readonly number[]): string {
	const ranges: string[] = [];
	const sorted = [...steps].sort((a, b) => a - b);
	for (let start = 0; start < sorted.length;) {
		let end = start;
		while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) {
			end++;
		}

		ranges.push(end === start ? `${sorted[start]}` : `${sorted[start]}–${sorted[end]}`);
		start = end + 1;
	}

	const shown = ranges.slice(0, 12).join(', ');
	return ranges.length === 0 ? 'none' : (ranges.length > 12 ? `${shown}, … ${ranges.length - 12} more` : shown);
}
