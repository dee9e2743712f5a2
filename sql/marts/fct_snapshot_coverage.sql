-- grain: one row per project per Hub snapshot ('derivative_trees', 'downloads') for a project with
-- Hub models: how much of the project it covers and when it was taken. project_models: the models
-- under the project's hub_authors; covered_models: those whose derivative tree was collected
-- (int_hub_tree_coverage), or that are in the project's latest downloads snapshot; snapshot_on:
-- the newest tree collection, or the latest snapshot day (null: never collected). age_days and
-- stale at the data cut-off, by the one stale rule (rules.sql). Pages say "derivative trees of 2
-- of 57 project models, as of …" beside the numbers; they never count again.
-- key: project, snapshot
with

authors as (
    select project, lower(author) as author_key from registry_hub_authors
),

trees as (
    select
        coverage.project,
        'derivative_trees' as snapshot,
        count(*) as project_models,
        count(*) filter (where coverage.tree_collected) as covered_models,
        any_value(days.tree_on) as snapshot_on
    from int_hub_tree_coverage as coverage
    left join int_hub_tree_days as days using (project)
    group by coverage.project
),

downloads_days as (
    select authors.project, s.repo_id, s.snapshot_date
    from stg_hub__repo_snapshots as s
    join authors on lower(split_part(s.repo_id, '/', 1)) = authors.author_key
    where s.repo_type = 'model'
),

latest_day as (
    select project, max(snapshot_date) as snapshot_on from downloads_days group by project
),

downloads as (
    select
        models.project,
        'downloads' as snapshot,
        count(distinct models.model_id) as project_models,
        count(distinct d.repo_id) as covered_models,
        any_value(latest_day.snapshot_on) as snapshot_on
    from int_hub_project_models as models
    left join latest_day on latest_day.project = models.project
    left join downloads_days as d
        on d.project = models.project and d.repo_id = models.model_id
        and d.snapshot_date = latest_day.snapshot_on
    group by models.project
),

unioned as (
    select * from trees
    union all
    select * from downloads
),

final as (
    select
        unioned.project,
        unioned.snapshot,
        unioned.project_models,
        unioned.covered_models,
        unioned.snapshot_on,
        date_diff('day', unioned.snapshot_on, int_data_cutoff.data_cutoff::date) as age_days,
        coalesce(is_stale_snapshot(date_trunc('month', unioned.snapshot_on)::date,
            date_trunc('month', int_data_cutoff.data_cutoff)::date), false) as stale
    from unioned
    cross join int_data_cutoff
)

select * from final
