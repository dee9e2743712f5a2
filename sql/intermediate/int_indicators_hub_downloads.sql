-- grain: one row per project per month for hub_downloads_30d: the sum of the project's models'
-- rolling 30-day downloads on the project's last snapshot day of the month. Snapshots are never
-- summed across days; a month without a snapshot is null (unknown), not 0. snapshot_on: that day.
with

models as (
    select project, model_id from int_hub_project_models
),

snapshots as (
    select models.project, s.repo_id, s.snapshot_date, s.downloads_30d, s.provenance
    from stg_hub__repo_snapshots as s
    join models on models.model_id = s.repo_id
    where s.repo_type = 'model'
),

last_day as (
    select project, date_trunc('month', snapshot_date)::date as month, max(snapshot_date) as snapshot_date
    from snapshots
    group by all
),

totals as (
    select
        last_day.project,
        last_day.month,
        sum(snapshots.downloads_30d)::double as value,
        bool_or(snapshots.provenance = 'sample') as is_sample,
        any_value(last_day.snapshot_date)::date as snapshot_on
    from last_day
    join snapshots using (project, snapshot_date)
    group by all
),

long as (
    select
        spine.project,
        spine.month,
        'hub_downloads_30d' as indicator,
        totals.value,
        coalesce(totals.is_sample, false) as is_sample,
        totals.snapshot_on
    from int_project_months as spine
    left join totals using (project, month)
    where spine.project in (select project from models)
)

select * from long
