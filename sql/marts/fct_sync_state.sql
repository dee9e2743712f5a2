-- grain: one row per saved cursor, with the project its scope belongs to (null when no
-- configured repository, Hub author or guild matches the scope)
-- key: source, scope
with

cursors as (
    select * from stg_onramp__sync_state
),

owners as (
    select project, 'github' as source, lower(repo) as scope_key from registry_github_repos
    union all
    select project, 'hub', lower(author) from registry_hub_authors
    union all
    select project, 'discord', lower(guild_id) from registry_discord_guilds
    union all
    select project, 'slack', lower(channel_id) from int_slack_channels
),

final as (
    select
        owners.project,
        cursors.source,
        cursors.scope,
        cursors.cursor,
        cursors.has_etag,
        cursors.updated_at
    from cursors
    left join owners using (source, scope_key)
)

select * from final
