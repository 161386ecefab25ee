-- p95 duration per time bucket for one workflow (the durations chart).
-- $1 org id or NULL; $2 window in seconds; $3 bucket width in seconds; $4 workflow id.
WITH buckets AS (
	SELECT generate_series(
		to_timestamp(floor(extract(epoch FROM now() - make_interval(secs => $2::double precision)) / $3) * $3),
		now(),
		make_interval(secs => $3::double precision)
	) AS bucket_start
),
measured AS (
	SELECT to_timestamp(floor(extract(epoch FROM ended_at) / $3) * $3) AS bucket_start,
		percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p95_ms,
		count(*)::bigint AS count
	FROM wfmon_finished_runs($1::uuid, $2::double precision)
	WHERE workflow_id = $4::uuid
		AND duration_ms IS NOT NULL
	GROUP BY 1
)
SELECT b.bucket_start, m.p95_ms, coalesce(m.count, 0)::bigint AS count
FROM buckets b
LEFT JOIN measured m USING (bucket_start)
ORDER BY b.bucket_start
