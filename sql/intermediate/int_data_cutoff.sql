-- grain: one row: the data cut-off, the latest moment the warehouse has data for (capped at now).
-- Forward-looking indicators (inactive, unanswered, return rate) are judged against it.
with

latest as (
    select max(occurred_at) as latest_at from int_activity
    union all
    select max(snapshot_date)::timestamptz from stg_hub__repo_snapshots
),

cutoff as (
    select least(coalesce(max(latest_at), current_timestamp), current_timestamp) as data_cutoff from latest
)

select * from cutoff
