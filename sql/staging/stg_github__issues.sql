-- grain: one row per issue or pull request. A PR's merge state comes from the issue list, or, where
-- that list did not give it (older payloads and servers), from the pulls listing; else it is
-- unknown (is_merge_known false), never "closed unmerged". The deleted-account placeholder `ghost`
-- is nobody (github_login, sql/macros).
with

source as (
    select * from raw.github_issues
),

pull_merges as (
    select repo, number, merged_at from raw.github_pull_merges
),

renamed as (
    select
        source.id as issue_id,
        lower(source.repo) as repo_key,
        source.repo,
        source.number,
        is_pull_request,
        title,
        github_login(author_login) as author_login,  -- the bot and deleted-account rules: sql/macros
        author_association,
        coalesce(author_association, '') not in ('OWNER', 'MEMBER', 'COLLABORATOR') as is_external,
        github_is_bot(is_bot, author_type, author_login) as is_bot,
        state,
        created_at,
        updated_at,
        closed_at,
        coalesce(source.merged_at, pull_merges.merged_at) as merged_at,
        not is_pull_request
            or coalesce(source.merge_known, true)
            or pull_merges.number is not null as is_merge_known,
        provenance
    from source
    left join pull_merges
        on pull_merges.repo = source.repo and pull_merges.number = source.number
)

select * from renamed
