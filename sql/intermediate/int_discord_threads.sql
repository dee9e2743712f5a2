-- grain: one row per thread or forum post in a project's counted channels, with its first reply:
-- the first message written (not a system notice) by a non-bot other than the thread's owner.
-- The owner is who started it; an exported thread does not say, so the author of its starter
-- message (the message whose id the thread took) or else of its first message stands in.
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

counted as (
    -- as in int_discord_messages: the parent is counted, or unknown (a thread exported alone)
    select threads.*
    from threads
    left join stg_discord__channels as parent on parent.channel_id = threads.parent_id
    where parent.kind is null or parent.kind in ('text', 'announcement', 'forum')
),

starters as (
    -- a thread's id is its starter message's: in the thread for a forum post, in the parent
    -- channel for a thread opened from a message
    select message_id as thread_id, author_pseudonym as starter_author
    from int_discord_messages
    where is_speech and not is_bot
),

first_speech as (
    select thread_id, arg_min(author_pseudonym, created_at) as first_author
    from int_discord_messages
    where thread_id is not null and is_speech and not is_bot
    group by thread_id
),

owned as (
    select counted.*,
        coalesce(counted.owner_pseudonym, starters.starter_author, first_speech.first_author) as owner
    from counted
    left join starters using (thread_id)
    left join first_speech using (thread_id)
),

replies as (
    select owned.thread_id, min(m.created_at) as first_reply_at
    from owned
    join int_discord_messages as m on m.thread_id = owned.thread_id
    where m.is_speech
        and not m.is_bot
        and m.author_pseudonym is distinct from owned.owner
        and m.created_at >= owned.started_at
    group by owned.thread_id
),

final as (
    select
        owned.project,
        owned.thread_id,
        owned.parent_id,
        owned.name,
        owned.owner as owner_pseudonym,
        owned.started_at,
        replies.first_reply_at,
        owned.provenance = 'sample' as is_sample
    from owned
    left join replies using (thread_id)
)

select * from final
