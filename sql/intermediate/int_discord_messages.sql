-- grain: one row per Discord message in the counted channels of a project's guilds (DESIGN.md §4:
-- text, announcement and forum channels and their threads), with the thread it belongs to.
-- A message is speech when a person wrote it: default (0) and reply (19). System notices (member
-- joined 7, thread created 18, thread starter copy 21, pins ...) are not speech: a join notice
-- would make every newcomer a "speaker", and a starter copy would count a message twice.
with

guilds as (
    select project, guild_id from registry_discord_guilds
),

channels as (
    select channel_id, parent_id, kind, is_thread from stg_discord__channels
),

counted_channels as (
    -- a thread counts when its parent is counted, or unknown (a thread exported on its own)
    select c.channel_id, c.is_thread, case when c.is_thread then c.parent_id end as thread_parent_id
    from channels as c
    left join channels as parent on c.is_thread and parent.channel_id = c.parent_id
    where c.kind in ('text', 'announcement', 'forum')
        or (c.is_thread and (parent.kind is null or parent.kind in ('text', 'announcement', 'forum')))
),

messages as (
    select
        guilds.project,
        m.message_id,
        m.guild_id,
        m.channel_id,
        case when counted_channels.is_thread then m.channel_id end as thread_id,
        counted_channels.thread_parent_id,
        m.created_at,
        m.author_pseudonym,
        m.is_bot,
        m.reply_to_id,
        m.reaction_count,
        m.message_type,
        m.message_type in (0, 19) as is_speech,
        m.provenance
    from stg_discord__messages as m
    join guilds using (guild_id)
    join counted_channels using (channel_id)
)

select * from messages
