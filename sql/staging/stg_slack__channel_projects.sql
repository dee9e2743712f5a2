-- grain: one row per project per Slack channel that `onramp import-slack` loaded for it
with

source as (
    select * from raw.slack_channel_projects
),

renamed as (
    select project, channel_id, provenance
    from source
)

select * from renamed
