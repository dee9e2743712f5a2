-- grain: one row per activity of a person on any platform: the unified activity log
-- (project, platform, person, action, time). Sources add themselves here with union all.
with

github as (
    select project, platform, person, action, occurred_at, is_bot, provenance from int_github_activity
),

unioned as (
    select * from github
)

select * from unioned
