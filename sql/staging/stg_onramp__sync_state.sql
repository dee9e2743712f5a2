-- grain: one row per saved cursor (source x scope)
with

source as (
    select * from raw.sync_state
),

renamed as (
    select
        source,
        scope,
        -- scopes read 'owner/repo:stream', 'hub-author:stream', 'guild-id:channel': the part before
        -- the first colon names what the cursor belongs to
        lower(split_part(scope, ':', 1)) as scope_key,
        cursor,
        etag is not null as has_etag,
        updated_at
    from source
)

select * from renamed
