-- grain: one row per project with Hub data: the month of its latest Hub snapshot (the last daily
-- listing of its repositories, or the last collection of its derivative tree). Snapshot totals
-- (derivatives, downloads) are exact for that month only.
with

authors as (
    select project, lower(author) as author_key from registry_hub_authors
),

listings as (
    select authors.project, max(s.snapshot_date)::timestamptz as latest_at
    from stg_hub__repo_snapshots as s
    join authors on lower(split_part(s.repo_id, '/', 1)) = authors.author_key
    group by authors.project
),

trees as (
    select project, max(collected_at) as latest_at from int_hub_derivatives group by project
),

latest as (
    select project, max(latest_at) as latest_at
    from (select * from listings union all select * from trees)
    group by project
),

months as (
    select project, date_trunc('month', latest_at)::date as snapshot_month
    from latest
    where latest_at is not null
)

select * from months
