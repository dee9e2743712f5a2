-- grain: one row per collection run, newest first: what the Data status page lists
-- key: run_id
with

runs as (
    select * from stg_onramp__collection_runs
),

final as (
    select
        run_id,
        source,
        platform,
        project,
        started_at,
        finished_at,
        date_diff('millisecond', started_at, finished_at) / 1000.0 as seconds,
        api_calls,
        rows_written,
        skipped,
        status,
        error
    from runs
)

select * from final order by started_at desc
