// The snapshot document: what `wfmon snapshot` prints and what every TUI view
// draws. Keys are snake_case and stable; bump SNAPSHOT_VERSION when one changes
// meaning. Bytes and milliseconds are numbers, times ISO-8601 UTC strings.

/** Version of the snapshot document's shape. */
// 2: finished and throughput count `failures` (was `failed`); query_ms is the wall time of the read.
// 3: one window rule for every panel (final status, ended_at in (now - window, now], no rows breaking the
// model's invariants); `data_quality` added; orphans exclude cross-org references; storage has `scope`.
export const SNAPSHOT_VERSION = 3;

/** One panel's data, or the error that stopped it; the other panels go on. */
export type Panel<T> = {data: T | null; error: string | null; query_ms: number};

export type ActiveStatus = {status: string; count: number; oldest_created_at: string | null; oldest_age_ms: number | null};

export type FinishedSummary = {
	by_status: Array<{status: string; count: number}>;
	total: number;
	/** Runs that failed or timed out (by_status has each on its own). */
	failures: number;
	/** failures / total; null when none finished. */
	failure_rate: number | null;
};

/** `failures`: runs that failed or timed out in the bucket. */
export type ThroughputBucket = {start: string; finished: number; failures: number; failure_rate: number | null};
export type Throughput = {bucket_seconds: number; buckets: ThroughputBucket[]};

export type StuckRun = {
	run_id: string;
	workflow_name: string;
	org_slug: string;
	started_at: string;
	current_step: string | null;
	running_ms: number;
	p99_ms: number | null;
	last_progress_at: string;
	reason: 'over_p99' | 'no_progress';
};

export type TopError = {error_message: string; count: number; last_seen_at: string; workflows: number};

export type WorkflowDurations = {
	workflow_id: string;
	workflow_name: string;
	org_slug: string;
	count: number;
	p50_ms: number;
	p90_ms: number;
	p95_ms: number;
	p99_ms: number;
	max_ms: number;
};

export type DurationTrend = {
	workflow_id: string;
	workflow_name: string;
	bucket_seconds: number;
	buckets: Array<{start: string; p95_ms: number | null; count: number}>;
};

export type Durations = {workflows: WorkflowDurations[]; trend: DurationTrend | null};

export type TableStorage = {
	table_name: string;
	total_bytes: number;
	heap_bytes: number;
	index_bytes: number;
	toast_bytes: number;
	estimated_rows: number;
	dead_tuples: number;
	last_vacuum: string | null;
	last_analyze: string | null;
	/** Change of total_bytes per minute over `growth_span_seconds`; null on the first sample. */
	growth_bytes_per_minute: number | null;
};

/**
`scope` is always "database": sizes come from the catalog, which no org filter or row level security scopes.
`growth_span_seconds`: what growth is averaged over (the TUI: the last minute watched); null without a sample before.
*/
export type Storage = {scope: 'database'; total_bytes: number; growth_span_seconds: number | null; tables: TableStorage[]};

/** One kind of row that breaks the model's invariants. */
export type QualityFinding = {
	finding: string;
	description: string;
	count: number;
	/** What the sample ids name: runs, or report weeks (cross_org_report). */
	sample_kind: 'run' | 'report_week';
	/** Up to 5, newest first. */
	sample_ids: string[];
};

/** Rows that break the model's invariants; they are kept out of every time-window metric. */
export type DataQuality = {future_tolerance_seconds: number; total: number; findings: QualityFinding[]};

export type PopulationDay = {
	day: string;
	rows: number;
	with_execution_id: number;
	/** Share of rows with an execution_id, 0..1; null on a day without rows. */
	population_rate: number | null;
	orphans: number;
	/** Rows whose execution_id names only a run of another org (counted in data_quality, not as orphans). */
	cross_org: number;
};

export type Population = {
	days: PopulationDay[];
	rows: number;
	with_execution_id: number;
	population_rate: number | null;
	orphans: number;
};

export type DatabaseInfo = {host: string; port: number; database: string; user: string; server_version: string};
export type OrgInfo = {id: string; slug: string; name: string};

/** Every view at one moment. */
export type Snapshot = {
	version: typeof SNAPSHOT_VERSION;
	generated_at: string;
	database: DatabaseInfo;
	org: OrgInfo | null;
	window: {name: string; seconds: number};
	/** Wall time of reading every panel (two run at a time, so less than the sum of theirs). */
	query_ms: number;
	status: {
		active: Panel<ActiveStatus[]>;
		finished: Panel<FinishedSummary>;
		throughput: Panel<Throughput>;
		stuck: Panel<StuckRun[]>;
		top_errors: Panel<TopError[]>;
	};
	durations: Panel<Durations>;
	storage: Panel<Storage>;
	population: Panel<Population>;
	data_quality: Panel<DataQuality>;
};
