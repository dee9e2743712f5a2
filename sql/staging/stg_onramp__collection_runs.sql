-- grain: one row per collection run (a source for one project, or for all when project is null)
with

source as (
    select * from raw.collection_runs
),

renamed as (
    select
        run_id,
        source,
        -- an export import feeds the same tables as the bot (Discord) or the Web API (Slack); the
        -- demo's sample Slack export stores Slack rows only
        case
            when source = 'discord-export' then 'discord'
            when source in ('slack-export', 'demo-slack-export') then 'slack'
            else source
        end as platform,
        source in ('demo', 'demo-slack-export') as is_demo,
        project,
        started_at,
        finished_at,
        api_calls,
        rows_written,
        coalesce(skipped, 0) as skipped,
        status,
        error
    from source
)

select * from renamed
