-- grain: one row per event (comment, status change, commit, title change) of a Hub discussion
with

source as (
    select * from raw.hub_discussion_events
),

renamed as (
    select
        repo_type,
        repo_id,
        num,
        event_id,
        event_type,
        author,
        author_is_org_member,
        created_at,
        new_status,
        provenance
    from source
)

select * from renamed
