-- grain: one row per Discord message (no text is ever stored)
with

source as (
    select * from raw.discord_messages
),

renamed as (
    select
        message_id,
        guild_id,
        channel_id,
        created_at,
        author_pseudonym,
        author_is_bot as is_bot,
        reply_to_id,
        reaction_count,
        message_type,
        provenance
    from source
)

select * from renamed
