-- grain: one row per step a person (bots and `bot = true` people left out) took in a project, on
-- any platform: the "first appears" events of DESIGN.md §4 (GitHub activity, a Hub discussion or
-- comment, a derivative model of the project's models, a Discord or Slack message) and the
-- contributions the journey leads to (a PR, a commit, a derivative model, a Hub PR).
-- step: where it happened (github_issue, github_pr_or_commit, hub_discussion, hub_model, or
-- '<platform>_message' for a chat platform, so a new platform in int_activity flows through).
with

activity as (
    select project, platform, person, action, occurred_at, provenance
    from int_activity
    where not is_bot and person is not null
),

hub_prs as (
    -- opening a Hub PR: its author at its creation (the opening post is also a hub_comment)
    select authors.project, 'hub' as platform, discussions.author as person,
        'hub_pr_opened' as action, discussions.created_at as occurred_at, discussions.provenance
    from stg_hub__discussions as discussions
    join registry_hub_authors as authors
        on lower(split_part(discussions.repo_id, '/', 1)) = lower(authors.author)
    where discussions.is_pull_request and discussions.author is not null
),

derivatives as (
    select distinct project, 'hub' as platform, author as person, 'derivative_model' as action,
        created_at as occurred_at, case when is_sample then 'sample' else 'api' end as provenance
    from int_hub_derivatives
    where created_at is not null and author is not null
),

events as (
    select * from activity
    union all
    select * from hub_prs
    union all
    select * from derivatives
),

classified as (
    select
        events.*,
        case
            when platform = 'github' and action in ('issue_opened', 'issue_comment') then 'github_issue'
            when platform = 'github' then 'github_pr_or_commit'
            when platform = 'hub' and action = 'derivative_model' then 'hub_model'
            when platform = 'hub' then 'hub_discussion'
            else platform || '_message'
        end as step,
        case
            when platform = 'github' and action = 'pr_opened' then 'github_pr'
            when platform = 'github' and action = 'commit' then 'github_commit'
            when platform = 'hub' and action = 'derivative_model' then 'hub_derivative'
            when platform = 'hub' and action = 'hub_pr_opened' then 'hub_pr'
        end as contribution
    from events
),

keyed as (
    -- derivative authors who are the project's own Hub accounts have no int_persons row: dropped
    select persons.person_key, persons.is_listed, classified.*
    from classified
    join int_persons as persons using (project, platform, person)
    where not persons.is_listed_bot
)

select * from keyed
