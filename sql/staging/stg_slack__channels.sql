-- grain: one row per Slack channel (public, or private and named in slack_channels)
with

source as (
    select * from raw.slack_channels
),

renamed as (
    select
        channel_id,
        team_id,
        name,
        is_private,
        is_archived,
        created_at,
        provenance
    from source
)

select * from renamed
