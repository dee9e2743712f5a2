-- grain: one row per Slack message someone wrote in a project's channels (notices left out, see
-- int_slack_messages): the Slack part of the activity log
with

messages as (
    select
        project,
        'slack' as platform,
        author_pseudonym as person,
        'message' as action,
        created_at as occurred_at,
        is_bot,
        provenance
    from int_slack_messages
    where is_speech
)

select * from messages
