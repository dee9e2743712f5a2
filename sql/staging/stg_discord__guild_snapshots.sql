-- grain: one row per guild per snapshot day
with

source as (
    select * from raw.discord_guild_snapshots
),

renamed as (
    select guild_id, snapshot_date, approx_member_count, approx_presence_count, provenance from source
)

select * from renamed
