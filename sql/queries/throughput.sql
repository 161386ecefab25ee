-- Finished (wfmon_finished_runs, migration 0006) and failed runs per time bucket across the window (every bucket
-- present, empty ones as zero) for the throughput and failure-rate charts.
-- $1 org id or NULL; $2 window in seconds; $3 bucket width in seconds.
WITH buckets AS (
	SELECT generate_series(
		to_timestamp(floor(extract(epoch FROM now() - make_interval(secs => $2::double precision)) / $3) * $3),
		now(),
		make_interval(secs => $3::double precision)
	) AS bucket_start
),
finished AS (
	SELECT to_timestamp(floor(extract(epoch FROM ended_at) / $3) * $3) AS bucket_start,
		count(*) AS finished,
		count(*) FILTER (WHERE status IN ('failed', 'timeout')) AS failed
	FROM wfmon_finished_runs($1::uuid, $2::double precision)
	GROUP BY 1
)
SELECT b.bucket_start,
	coalesce(f.finished, 0)::bigint AS finished,
	coalesce(f.failed, 0)::bigint AS failed
FROM buckets b
LEFT JOIN finished f USING (bucket_start)
ORDER BY b.bucket_start
