-- grain: one row per published release (drafts left out)
with

source as (
    select * from raw.github_releases
),

renamed as (
    select
        id as release_id,
        lower(repo) as repo_key,
        repo,
        tag_name,
        author_login,
        is_prerelease,
        coalesce(published_at, created_at) as published_at,
        provenance
    from source
    where not coalesce(is_draft, false)
)

select * from renamed
