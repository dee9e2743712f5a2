-- grain: one row per project per Slack channel it counts: the channels its slack_channels lists
-- (collected through the Web API) and those an import loaded for it, for registry projects only
with

configured as (
    select project, channel_id from registry_slack_channels
),

imported as (
    select project, channel_id from stg_slack__channel_projects
),

unioned as (
    select * from configured
    union
    select * from imported
),

final as (
    select unioned.project, unioned.channel_id, channels.team_id, channels.name
    from unioned
    join registry_projects using (project)
    left join stg_slack__channels as channels using (channel_id)
)

select * from final
