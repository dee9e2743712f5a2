-- grain: one row per project per platform per chat thread, Discord and Slack alike; key: project,
-- platform, thread_id. With its owner and its first reply: the first message written (not a system
-- notice) by a non-bot other than the owner, at or after the thread started (is_response,
-- sql/macros: the first-response rule GitHub and the Hub use too).
-- Discord: threads and forum posts in a project's counted channels. The owner is who started it;
-- an exported thread does not say, so the author of its starter message (the message whose id the
-- thread took) or else of its first message stands in. Replies are the thread's messages.
-- Slack: threads whose parent a person wrote, and top-level posts a person wrote that nobody
-- replied to (a thread of one, keyed '<channel>:<ts>' as a thread is); the parent's author owns it.
-- A thread under a deleted parent (a tombstone) or an app's post has no asker, and is left out; so
-- is a reply whose parent is not in the data. Replies are the thread's replies.
-- is_help: the thread's channel is a help channel, where an unanswered question waits
-- (fct_waiting_items): one that projects.toml names in discord_help_channels / slack_help_channels
-- or, when it names none for the platform, every counted channel.
with

guilds as (
    select project, guild_id from registry_discord_guilds
),

discord_threads as (
    select guilds.project, c.channel_id as thread_id, c.parent_id, c.name, c.owner_pseudonym,
        c.created_at as started_at, c.archived, c.provenance
    from stg_discord__channels as c
    join guilds using (guild_id)
    where c.is_thread
),

discord_counted as (
    -- as in int_discord_messages: the parent is counted, or unknown (a thread exported alone)
    select discord_threads.*
    from discord_threads
    left join stg_discord__channels as parent on parent.channel_id = discord_threads.parent_id
    where parent.kind is null or parent.kind in ('text', 'announcement', 'forum')
),

discord_starters as (
    -- a thread's id is its starter message's: in the thread for a forum post, in the parent
    -- channel for a thread opened from a message
    select message_id as thread_id, author_pseudonym as starter_author
    from int_discord_messages
    where is_speech and not is_bot
),

discord_first_speech as (
    select thread_id, arg_min(author_pseudonym, created_at) as first_author
    from int_discord_messages
    where thread_id is not null and is_speech and not is_bot
    group by thread_id
),

discord as (
    select
        discord_counted.project,
        'discord' as platform,
        discord_counted.thread_id,
        discord_counted.parent_id as channel_id,
        discord_counted.name,
        coalesce(
            discord_counted.owner_pseudonym,
            discord_starters.starter_author,
            discord_first_speech.first_author
        ) as owner_pseudonym,
        discord_counted.started_at,
        coalesce(discord_counted.archived, false) as is_archived,
        discord_counted.provenance
    from discord_counted
    left join discord_starters using (thread_id)
    left join discord_first_speech using (thread_id)
),

slack as (
    select
        project,
        'slack' as platform,
        coalesce(thread_id, channel_id || ':' || ts) as thread_id,
        channel_id,
        null as name,
        author_pseudonym as owner_pseudonym,
        created_at as started_at,
        false as is_archived,
        provenance
    from int_slack_messages
    where (is_thread_parent or thread_id is null) and is_speech and not is_bot
),

help_channels as (
    select project, 'discord' as platform, channel_id from registry_discord_help_channels
    union all
    select project, 'slack', channel_id from registry_slack_help_channels
),

threads as (
    select * from discord
    union all by name
    select * from slack
),

messages as (
    -- what may answer: a message spoken in a Discord thread, a reply spoken in a Slack thread
    select project, 'discord' as platform, thread_id, author_pseudonym, is_bot, created_at
    from int_discord_messages
    where thread_id is not null and is_speech
    union all
    select project, 'slack', thread_id, author_pseudonym, is_bot, created_at
    from int_slack_messages
    where is_reply and is_speech
),

replies as (
    select threads.project, threads.platform, threads.thread_id,
        min(messages.created_at) as first_reply_at
    from threads
    join messages using (project, platform, thread_id)
    where is_response(
        messages.author_pseudonym, threads.owner_pseudonym, messages.is_bot,
        messages.created_at, threads.started_at
    )
    group by threads.project, threads.platform, threads.thread_id
),

final as (
    select
        threads.project,
        threads.platform,
        threads.thread_id,
        threads.channel_id,
        threads.name,
        threads.owner_pseudonym,
        threads.started_at,
        replies.first_reply_at,
        threads.is_archived,
        coalesce(threads.channel_id in (
            select help.channel_id from help_channels as help
            where help.project = threads.project and help.platform = threads.platform
        ), false) or not exists (
            select 1 from help_channels as help
            where help.project = threads.project and help.platform = threads.platform
        ) as is_help,
        threads.provenance = 'sample' as is_sample
    from threads
    left join replies using (project, platform, thread_id)
)

select * from final
