-- grain: one row per Hub discussion or Hub pull request
with

source as (
    select * from raw.hub_discussions
),

renamed as (
    select
        repo_type,
        repo_id,
        num,
        is_pull_request,
        title,
        status,
        author,
        author_is_org_member,
        created_at,
        num_comments,
        provenance
    from source
)

select * from renamed
