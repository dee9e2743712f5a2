-- grain: one row per Hub activity by a person: opening a discussion or Hub PR, a comment on one.
-- (Derivative models are counted by their own indicators, not as a person's activity here.)
with

authors as (
    select project, lower(author) as author_key from registry_hub_authors
),

events as (
    select
        authors.project,
        'hub' as platform,
        events.author as person,
        case when events.event_type = 'comment' then 'hub_comment' else 'hub_' || replace(events.event_type, '-', '_') end as action,
        events.created_at as occurred_at,
        false as is_bot,
        events.provenance
    from stg_hub__discussion_events as events
    join authors on lower(split_part(events.repo_id, '/', 1)) = authors.author_key
    where events.author is not null and events.event_type = 'comment'
)

select * from events
