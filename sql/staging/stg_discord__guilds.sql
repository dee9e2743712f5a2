-- grain: one row per guild
with

source as (
    select * from raw.discord_guilds
),

renamed as (
    select guild_id, name, provenance from source
)

select * from renamed
