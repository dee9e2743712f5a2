-- grain: one row per activity of a person on any platform: the unified activity log
-- (project, platform, person, action, time). A person is a login (pseudonym) per platform.
with

github as (
    select project, platform, person, action, occurred_at, is_bot, provenance from int_github_activity
),

hub as (
    select project, platform, person, action, occurred_at, is_bot, provenance from int_hub_activity
),

discord as (
    select project, platform, person, action, occurred_at, is_bot, provenance from int_discord_activity
),

slack as (
    select project, platform, person, action, occurred_at, is_bot, provenance from int_slack_activity
),

unioned as (
    select * from github
    union all
    select * from hub
    union all
    select * from discord
    union all
    select * from slack
)

select * from unioned
