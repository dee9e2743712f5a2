-- grain: one row per project per calendar month (UTC), from the project's first activity to the
-- data cut-off: the spine every monthly indicator is reported on.
with

bounds as (
    select project, date_trunc('month', min(occurred_at))::date as first_month
    from int_activity
    where not is_bot
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
