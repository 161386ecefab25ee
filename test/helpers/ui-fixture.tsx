import {render} from 'ink-testing-library';
import type pg from 'pg';
import {createPool} from '../../source/db/connect.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {parseWindow} from '../../source/model/windows.js';
import type {Sampler} from '../../source/sampler.js';
import {App} from '../../source/ui/app.js';
import {OpenReaders} from '../../source/ui/cursor-list.js';
import {createSnapshotSampler, type SnapshotSettings, type TuiSession} from '../../source/ui/snapshot-sampler.js';
import {createTestDatabase, withClient, type TestDatabase} from './database.js';

// Ids of the hand-made dataset, fixed so whole frames can be compared.
export const ids = {
	acme: '00000000-0000-4000-8000-00000000000a',
	other: '00000000-0000-4000-8000-00000000000b',
	ingest: '10000000-0000-4000-8000-000000000001',
	report: '10000000-0000-4000-8000-000000000002',
	completed: 'a1000000-0000-4000-8000-000000000001',
	failed: 'a2000000-0000-4000-8000-000000000002',
	running: 'a3000000-0000-4000-8000-000000000003',
	queued: 'a4000000-0000-4000-8000-000000000004',
};

/**
A small dataset in SQL: two orgs, two workflows, finished runs (a few failed),
one long-running (stuck) and one queued run, steps with events and
screenshots, and report weeks (one orphaned execution id).
*/
export const datasetSql = `
INSERT INTO organizations (id, slug, name) VALUES
	('${ids.acme}', 'acme', 'Acme'), ('${ids.other}', 'other', 'Other');
INSERT INTO workflows (id, organization_id, name, status) VALUES
	('${ids.ingest}', '${ids.acme}', 'ingest', 'active'),
	('${ids.report}', '${ids.acme}', 'report', 'active');
-- 20 finished ingest runs over the last 50 minutes, 2 s to 21 s long; every 5th failed.
INSERT INTO workflow_runs (id, organization_id, workflow_id, status, created_at, started_at, ended_at, error_message, steps_total, steps_completed)
SELECT ('b' || lpad(g::text, 7, '0') || '-0000-4000-8000-000000000000')::uuid, '${ids.acme}', '${ids.ingest}',
	CASE WHEN g % 5 = 0 THEN 'failed' ELSE 'completed' END,
	now() - make_interval(mins => 50 - g * 2) - interval '30 seconds',
	now() - make_interval(mins => 50 - g * 2) - interval '30 seconds',
	now() - make_interval(mins => 50 - g * 2) - interval '30 seconds' + make_interval(secs => g + 1),
	CASE WHEN g % 5 = 0 THEN 'upstream returned 502' END, 2, 2
FROM generate_series(1, 20) AS g;
INSERT INTO workflow_runs (id, organization_id, workflow_id, status, channel, created_at, started_at, ended_at, error_message, error_details, context, steps_total, steps_completed, trace_id) VALUES
	('${ids.completed}', '${ids.acme}', '${ids.report}', 'completed', 'api', now() - interval '5 minutes 30 seconds', now() - interval '5 minutes 30 seconds', now() - interval '5 minutes 20 seconds', NULL, NULL, '{"customer": "c-42"}', 3, 3, 'trace-1'),
	('${ids.failed}', '${ids.acme}', '${ids.report}', 'failed', 'cron', now() - interval '3 minutes 30 seconds', now() - interval '3 minutes 30 seconds', now() - interval '3 minutes 25 seconds', 'disk quota exceeded', '{"code": "EDQUOT"}', '{}', 1, 0, NULL),
	('${ids.running}', '${ids.acme}', '${ids.ingest}', 'running', 'api', now() - interval '40 minutes 30 seconds', now() - interval '40 minutes 30 seconds', NULL, NULL, NULL, '{}', 4, 1, NULL),
	('${ids.queued}', '${ids.acme}', '${ids.report}', 'queued', 'api', now() - interval '1 minute 30 seconds', NULL, NULL, NULL, NULL, '{}', 0, 0, NULL);
INSERT INTO workflow_run_steps (run_id, organization_id, node_id, name, step_number, status, started_at, ended_at, events, screenshots) VALUES
	('${ids.completed}', '${ids.acme}', 'fetch', 'Fetch data', 1, 'completed', now() - interval '5 minutes 30 seconds', now() - interval '5 minutes 28 seconds',
		'[{"type": "start"}, {"type": "done", "rows": 10}]', '[]'),
	('${ids.completed}', '${ids.acme}', 'render', 'Render', 2, 'completed', now() - interval '5 minutes 28 seconds', now() - interval '5 minutes 22 seconds',
		(SELECT jsonb_agg(jsonb_build_object('type', 'page', 'n', g, 'timestamp', to_char(timestamp '2024-01-01 10:00:00' + g * interval '1.5 seconds', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) FROM generate_series(1, 60) AS g), '["shot-1.png", {"url": "https://example.test/shot-2.png"}]'),
	('${ids.completed}', '${ids.acme}', 'send', 'Send', 3, 'completed', now() - interval '5 minutes 22 seconds', now() - interval '5 minutes 20 seconds',
		'[{"type": "sent", "to": "ops@example.test"}]', '[]'),
	('${ids.failed}', '${ids.acme}', 'write', 'Write', 1, 'failed', now() - interval '3 minutes 30 seconds', now() - interval '3 minutes 25 seconds',
		'[{"type": "error", "message": "disk quota exceeded"}]', '[]');
INSERT INTO report_data_collections (id, organization_id, workflow_id, name) VALUES
	('c0000000-0000-4000-8000-000000000001', '${ids.acme}', '${ids.report}', 'weekly');
INSERT INTO report_data_weeks (collection_id, organization_id, week_start_date, week_end_date, execution_id, created_at) VALUES
	('c0000000-0000-4000-8000-000000000001', '${ids.acme}', '2024-01-01', '2024-01-07', '${ids.completed}', now()),
	('c0000000-0000-4000-8000-000000000001', '${ids.acme}', '2024-01-08', '2024-01-14', '${ids.failed}', now()),
	('c0000000-0000-4000-8000-000000000001', '${ids.acme}', '2024-01-15', '2024-01-21', NULL, now()),
	('c0000000-0000-4000-8000-000000000001', '${ids.acme}', '2024-01-22', '2024-01-28', 'dddddddd-0000-4000-8000-000000000000', now());
`;

/** A migrated database with the dataset. */
export async function createUiDatabase(): Promise<TestDatabase> {
	const database = await createTestDatabase({migrated: true});
	await withClient(database.url, async client => client.query(datasetSql));
	return database;
}

/** A session-like object on a real pool (what startTui gets from openSession). */
export function createUiSession(url: string, org: TuiSession['org'] = null): TuiSession & {pool: pg.Pool} {
	const pool = createPool({url, connectTimeoutMs: 2000, statementTimeoutMs: 5000, orgId: org?.id}, 6);
	// What the header shows is fixed, so frames do not depend on the server the tests run on.
	return {
		pool,
		org,
		database: {host: 'db.test', port: 5432, database: 'app', user: 'tester', server_version: '99.0'},
	};
}

/** The terminal size, window and refresh interval the app is rendered with. */
export type RenderOptions = {columns?: number; rows?: number; window?: string; intervalMs?: number};

/** The app rendered at a fixed size against a real database, with helpers to script keys. */
export type UiHarness = {
	frame(): string;
	/** Every frame drawn so far, oldest first. */
	frames(): string[];
	press(...keys: string[]): Promise<void>;
	/** Write the chunks one right after the other, as a fast typist or a paste sends them. */
	burst(...chunks: string[]): void;
	waitFor(predicate: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	sampler: Sampler<Snapshot>;
	close(): Promise<void>;
};

/** Render the app; the sampler refreshes every `intervalMs` (long by default, so frames hold still). */
export function renderApp(session: TuiSession, options: RenderOptions = {}): UiHarness {
	const window = parseWindow(options.window ?? '1h');
	const settings: SnapshotSettings = {window};
	const sampler = createSnapshotSampler(session, settings, options.intervalMs ?? 60_000, {initialMs: 100, maxMs: 400});
	const readers = new OpenReaders();
	sampler.start();
	const instance = render(<App session={session} sampler={sampler} settings={settings} window={window} readers={readers} size={{columns: options.columns ?? 80, rows: options.rows ?? 24}} />);
	const frame = () => instance.lastFrame() ?? '';
	let closed = false;
	const harness: UiHarness = {
		frame,
		frames: () => [...instance.frames],
		async press(...keys) {
			for (const key of keys) {
				instance.stdin.write(key);
				// Let Ink parse the key (a lone Esc is flushed on the next tick) and React commit.
				await delay(30);
			}
		},
		burst(...chunks) {
			for (const chunk of chunks) {
				instance.stdin.write(chunk);
			}
		},
		async waitFor(predicate, what, timeoutMs = 8000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const current = frame();
				if (predicate(current)) {
					return current;
				}

				if (Date.now() > deadline) {
					throw new Error(`timed out waiting for ${what}; last frame:\n${current}`);
				}

				await delay(25);
			}
		},
		sampler,
		async close() {
			if (closed) {
				return;
			}

			closed = true;
			sampler.stop();
			instance.unmount();
			instance.cleanup();
			await readers.closeAll();
		},
	};
	return harness;
}

/** The header's refresh line changes every time: replace it with a fixed text. */
export function normalize(frame: string): string {
	return frame.split('\n').map(text => text
		.replace(/refreshed \d\d:\d\d:\d\d in \S+, db \S+/, 'refreshed HH:MM:SS in Xms, db Xms')
		.trimEnd()).join('\n');
}

/** Keys as the terminal sends them. */
export const keys = {
	enter: '\r',
	escape: '\u001B',
	down: '\u001B[B',
	up: '\u001B[A',
	tab: '\t',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	backspace: '\u007F',
};

async function delay(ms: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

/**
What most UI tests start with: a database with the dataset, a session on it
(scoped to `org` if given) and the app after its first refresh, all torn down
with the test. `first` is that first frame.
*/
export async function openUi(
	t: {teardown(run: () => Promise<void>): void},
	options: RenderOptions & {org?: TuiSession['org']} = {},
): Promise<{app: UiHarness; database: TestDatabase; session: TuiSession & {pool: pg.Pool}; first: string}> {
	const database = await createUiDatabase();
	t.teardown(database.drop);
	const session = createUiSession(database.url, options.org ?? null);
	t.teardown(async () => session.pool.end());
	const app = renderApp(session, options);
	t.teardown(app.close);
	const first = await app.waitFor(text => text.includes('refreshed'), 'the first refresh');
	return {app, database, session, first};
}
