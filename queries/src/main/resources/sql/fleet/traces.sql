-- The traces per day and host: how many, their events, and what made them.
SELECT date, host, count(*) AS traces, CAST(sum(events) AS BIGINT) AS events,
       min(coalesce(os_release, 'unknown')) AS first_kernel,
       max(coalesce(os_release, 'unknown')) AS last_kernel,
       count(DISTINCT tool_version) AS tool_versions
FROM traces
GROUP BY date, host
ORDER BY date, host
