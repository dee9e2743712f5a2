-- grain: one row per thread or forum post in a project's guilds, with its first reply: the first
-- message by a non-bot other than the thread's owner.
with

guilds as (
    select project, guild_id from registry_discord_guilds
),

threads as (
    select guilds.project, c.channel_id as thread_id, c.parent_id, c.name, c.owner_pseudonym,
        c.created_at as started_at, c.provenance
    from stg_discord__channels as c
    join guilds using (guild_id)
    where c.is_thread
),

replies as (
    select
        threads.thread_id,
        min(m.created_at) as first_reply_at
    from threads
    join stg_discord__messages as m on m.channel_id = threads.thread_id
    where not m.is_bot
        and m.author_pseudonym is distinct from threads.owner_pseudonym
        and m.created_at >= threads.started_at
    group by threads.thread_id
),

final as (
    select
        threads.project,
        threads.thread_id,
        threads.parent_id,
        threads.name,
        threads.owner_pseudonym,
        threads.started_at,
        replies.first_reply_at,
        threads.provenance = 'sample' as is_sample
    from threads
    left join replies using (thread_id)
)

select * from final
