-- grain: one row per Slack message in a project's channels, with the thread it belongs to.
-- A message is speech when a person wrote it: an ordinary message (no subtype), a file share, a
-- /me message, or a thread reply also sent to the channel. Joins, leaves, topic and name changes,
-- pins, tombstones of deleted messages and apps' bot_message posts are not speech (DESIGN.md §4
-- "Slack"): a join notice would make every newcomer a "speaker".
with

channels as (
    select project, channel_id from int_slack_channels
),

messages as (
    select
        channels.project,
        m.message_id,
        m.channel_id,
        m.ts,
        m.thread_id,
        m.is_thread_parent,
        m.is_reply,
        m.created_at,
        m.author_pseudonym,
        m.is_bot,
        m.subtype,
        m.reaction_count,
        m.author_pseudonym is not null
            and coalesce(m.subtype, '') in ('', 'file_share', 'me_message', 'thread_broadcast', 'reply_broadcast')
            as is_speech,
        m.provenance
    from stg_slack__messages as m
    join channels using (channel_id)
)

select * from messages
