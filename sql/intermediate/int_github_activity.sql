-- grain: one row per GitHub activity (DESIGN.md §4): an issue or PR opened, an issue comment, a
-- review comment, a submitted review, a commit (by its author, at its author date).
-- Closing, merging, labelling and starring are not activity.
with

repos as (
    select project, lower(repo) as repo_key from registry_github_repos
),

opened as (
    select
        repo_key,
        author_login as person,
        case when is_pull_request then 'pr_opened' else 'issue_opened' end as action,
        created_at as occurred_at,
        is_bot,
        provenance
    from stg_github__issues
    where author_login is not null
),

commented as (
    select repo_key, author_login as person, kind as action, created_at as occurred_at, is_bot, provenance
    from stg_github__comments
    where author_login is not null
),

committed as (
    select repo_key, person, 'commit' as action, authored_at as occurred_at, is_bot, provenance
    from stg_github__commits
    where person is not null  -- neither a login nor a name: nobody to count
),

unioned as (
    select * from opened
    union all
    select * from commented
    union all
    select * from committed
),

by_project as (
    select
        repos.project,
        'github' as platform,
        unioned.person,
        unioned.action,
        unioned.occurred_at,
        unioned.is_bot,
        unioned.provenance
    from unioned
    join repos using (repo_key)
)

select * from by_project
