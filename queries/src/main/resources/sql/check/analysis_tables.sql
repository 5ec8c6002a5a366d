-- The analyses check rules can query, as temporary tables (docs/schema.md, "Analysis tables").
CREATE TEMP TABLE IF NOT EXISTS findings (
    trace_id INTEGER, rank INTEGER, scenario VARCHAR, title VARCHAR, saved_ns BIGINT,
    lock VARCHAR, recommendation VARCHAR, query VARCHAR);
CREATE TEMP TABLE IF NOT EXISTS finding_figures (
    trace_id INTEGER, rank INTEGER, name VARCHAR, value BIGINT);
CREATE TEMP TABLE IF NOT EXISTS inversions (
    trace_id INTEGER, root_tid INTEGER, root_comm VARCHAR, root_prio INTEGER, lock_id BIGINT,
    lock_name VARCHAR, begin_ts BIGINT, end_ts BIGINT, lost_ns BIGINT, victims INTEGER);
