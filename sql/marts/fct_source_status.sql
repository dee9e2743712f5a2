-- grain: one row per project per source (github, hub, discord, slack): whether the registry configures it,
-- its latest collection run (a run for that project, or one covering all projects), saved cursors
-- and the newest activity the warehouse holds. Data status and the Project page read it.
-- A run's rows are credited to the source that stored them: an import to its platform; the demo's
-- snapshot load (platform 'demo') covers every source but does not record rows per source, so
-- its last_rows is null there (activities says what each source holds), never another's count.
-- freshness: what the Data status cell says, where days behind the cut-off cannot be measured.
-- key: project, source
with

projects as (
    select project from registry_projects
),

sources as (
    select * from (values ('github', 'github_repos'), ('hub', 'hub_authors'), ('discord', 'discord_guilds'),
        ('slack', 'slack_channels'))
        as s(source, setting)
),

configured as (
    select project, 'github' as source, count(*) as targets from registry_github_repos group by project
    union all
    select project, 'hub', count(*) from registry_hub_authors group by project
    union all
    select project, 'discord', count(*) from registry_discord_guilds group by project
    union all
    select project, 'slack', count(*) from int_slack_channels group by project
),

runs as (
    -- a demo load or an all-project run covers every source of every project
    select projects.project, sources.source, r.*
    from stg_onramp__collection_runs as r
    cross join projects
    cross join sources
    where (r.project is null or r.project = projects.project)
        and (r.platform = sources.source or r.platform = 'demo')
),

last_run as (
    select
        project,
        source,
        max(started_at) as last_run_at,
        arg_max(status, started_at) as last_status,
        arg_max(is_demo, started_at) as last_run_is_demo,
        arg_max(case when platform = 'demo' then null else rows_written end, started_at)
            as last_rows,
        arg_max(skipped, started_at) as last_skipped,
        arg_max(api_calls, started_at) as last_api_calls,
        count(*) filter (where status = 'failed') as failed_runs,
        arg_max(error, started_at) filter (where error is not null) as last_error,
        max(started_at) filter (where error is not null) as last_error_at
    from runs
    group by project, source
),

cursors as (
    select project, source, count(*) as cursors, max(updated_at) as cursor_updated_at
    from fct_sync_state
    where project is not null
    group by project, source
),

latest as (
    select project, platform as source, max(occurred_at) as latest_activity_at, count(*) as activities
    from int_activity
    where not is_bot
    group by project, platform
),

final as (
    select
        projects.project,
        sources.source,
        sources.setting,
        coalesce(configured.targets, 0) as targets,
        coalesce(configured.targets, 0) > 0 as is_configured,
        last_run.last_run_at,
        last_run.last_status,
        coalesce(last_run.last_run_is_demo, false) as last_run_is_demo,
        last_run.last_rows,
        coalesce(last_run.last_skipped, 0) as last_skipped,
        last_run.last_api_calls,
        coalesce(last_run.failed_runs, 0) as failed_runs,
        last_run.last_error,
        last_run.last_error_at,
        coalesce(cursors.cursors, 0) as cursors,
        cursors.cursor_updated_at,
        latest.latest_activity_at,
        coalesce(latest.activities, 0) as activities,
        -- what the freshness cell says: a configured source with nothing dated to measure is no
        -- "ok" blank (the Hub's dated activity is its discussions; its snapshots are undated here)
        case
            when coalesce(configured.targets, 0) = 0 then 'not configured'
            when latest.latest_activity_at is null and last_run.last_run_at is null
                then 'configured, never collected'
            when latest.latest_activity_at is null then 'collected, no dated activity'
            else 'has activity'
        end as freshness
    from projects
    cross join sources
    left join configured using (project, source)
    left join last_run using (project, source)
    left join cursors using (project, source)
    left join latest using (project, source)
)

select * from final
