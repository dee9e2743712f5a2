-- grain: one row per Slack thread in a project's channels whose parent a person wrote, with its
-- first reply: the first reply written (not a notice) by a non-bot other than the parent's
-- author. A thread under a deleted parent (a tombstone) or an app's post has no asker, and is
-- left out; so is a reply whose parent is not in the data.
with

parents as (
    select project, thread_id, channel_id, author_pseudonym as owner_pseudonym,
        created_at as started_at, provenance
    from int_slack_messages
    where is_thread_parent and is_speech and not is_bot
),

replies as (
    select parents.thread_id, min(m.created_at) as first_reply_at, count(*) as replies
    from parents
    join int_slack_messages as m on m.project = parents.project and m.thread_id = parents.thread_id
    where m.is_reply
        and m.is_speech
        and not m.is_bot
        and m.author_pseudonym is distinct from parents.owner_pseudonym
        and m.created_at >= parents.started_at
    group by parents.thread_id
),

final as (
    select
        parents.project,
        parents.thread_id,
        parents.channel_id,
        parents.owner_pseudonym,
        parents.started_at,
        replies.first_reply_at,
        parents.provenance = 'sample' as is_sample
    from parents
    left join replies using (thread_id)
)

select * from final
