-- grain: one row per project per calendar month (UTC), from the project's first known activity or
-- Hub release to the data cut-off: the spine every monthly indicator is reported on. A project seen
-- only on the Hub (no GitHub, no Discord, no discussions) still gets months, from its first model.
with

starts as (
    select project, min(occurred_at) as first_at from int_activity where not is_bot group by project
    union all
    select project, min(created_at) from int_hub_project_models group by project
    union all
    select project, min(created_at) from int_hub_derivatives group by project
    union all
    select project, snapshot_month::timestamptz from int_hub_snapshot_months
),

bounds as (
    select project, date_trunc('month', min(first_at))::date as first_month
    from starts
    where first_at is not null
    group by project
),

spine as (
    select
        bounds.project,
        unnest(generate_series(
            bounds.first_month,
            date_trunc('month', int_data_cutoff.data_cutoff)::date,
            interval 1 month
        ))::date as month
    from bounds
    cross join int_data_cutoff
)

select * from spine
