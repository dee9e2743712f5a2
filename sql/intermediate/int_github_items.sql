-- grain: one row per issue or pull request of a project, with its first response: the first issue
-- comment, review comment or submitted review by a non-bot other than the author (DESIGN.md §4);
-- and, for a pull request, its first review: the first submitted review or review comment (not a
-- conversation comment) by such a person (gh_pr_time_to_first_review_median_hours).
with

repos as (
    select project, lower(repo) as repo_key from registry_github_repos
),

items as (
    select repos.project, issues.*
    from stg_github__issues as issues
    join repos using (repo_key)
),

responses as (
    select
        items.repo_key,
        items.number,
        min(comments.created_at) as first_response_at,
        arg_min(comments.author_login, comments.created_at) as first_responder
    from items
    join stg_github__comments as comments
        on comments.repo_key = items.repo_key and comments.number = items.number
    where is_response(  -- the first-response rule: sql/macros
        comments.author_login, items.author_login, comments.is_bot,
        comments.created_at, items.created_at
    )
    group by items.repo_key, items.number
),

reviews as (
    select
        items.repo_key,
        items.number,
        min(comments.created_at) as first_review_at
    from items
    join stg_github__comments as comments
        on comments.repo_key = items.repo_key and comments.number = items.number
    where items.is_pull_request
        and comments.kind in ('review', 'review_comment')
        and is_response(  -- the first-response rule: sql/macros
            comments.author_login, items.author_login, comments.is_bot,
            comments.created_at, items.created_at
        )
    group by items.repo_key, items.number
),

final as (
    select
        items.project,
        items.repo,
        items.repo_key,
        items.number,
        items.issue_id,
        items.is_pull_request,
        items.title,
        items.author_login,
        items.author_association,
        items.is_external,
        items.is_bot,
        items.state,
        items.created_at,
        items.closed_at,
        items.merged_at,
        items.is_merge_known,
        responses.first_response_at,
        responses.first_responder,
        reviews.first_review_at,
        items.provenance = 'sample' as is_sample
    from items
    left join responses using (repo_key, number)
    left join reviews using (repo_key, number)
)

select * from final
