-- grain: one row per Discord message in a project's guilds: the Discord part of the activity log
with

guilds as (
    select project, guild_id from registry_discord_guilds
),

messages as (
    select
        guilds.project,
        'discord' as platform,
        messages.author_pseudonym as person,
        'message' as action,
        messages.created_at as occurred_at,
        messages.is_bot,
        messages.provenance
    from stg_discord__messages as messages
    join guilds using (guild_id)
)

select * from messages
