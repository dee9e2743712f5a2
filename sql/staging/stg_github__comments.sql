-- grain: one row per issue comment, review comment or submitted review
with

source as (
    select * from raw.github_comments
),

renamed as (
    select
        kind,
        id as comment_id,
        lower(repo) as repo_key,
        repo,
        number,
        -- GitHub's deleted-account placeholder is nobody (rows collected before the collector said so)
        case when lower(author_login) = 'ghost' then null else author_login end as author_login,
        author_association,
        is_bot
            or coalesce(author_type, '') = 'Bot'
            or lower(coalesce(author_login, '')) like '%[bot]' as is_bot,
        created_at,
        review_state,
        provenance
    from source
    -- a pending review has no submission time: not yet a response
    where created_at is not null
)

select * from renamed
