-- grain: one row per issue or pull request
with

source as (
    select * from raw.github_issues
),

renamed as (
    select
        id as issue_id,
        lower(repo) as repo_key,
        repo,
        number,
        is_pull_request,
        title,
        author_login,
        author_association,
        coalesce(author_association, '') not in ('OWNER', 'MEMBER', 'COLLABORATOR') as is_external,
        is_bot
            or coalesce(author_type, '') = 'Bot'
            or coalesce(author_login, '') like '%[bot]' as is_bot,
        state,
        created_at,
        updated_at,
        closed_at,
        merged_at,
        provenance
    from source
)

select * from renamed
