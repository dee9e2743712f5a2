-- grain: one row per channel, thread or forum post
with

source as (
    select * from raw.discord_channels
),

renamed as (
    select
        channel_id,
        guild_id,
        parent_id,
        kind,
        kind in ('public_thread', 'private_thread', 'announcement_thread') as is_thread,
        name,
        owner_pseudonym,
        created_at,
        last_message_id,
        archived,
        provenance
    from source
)

select * from renamed
