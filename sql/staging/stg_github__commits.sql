-- grain: one row per commit per repository (default branch)
-- Where the API and the demo's git history both hold a sha, the API row wins and git history fills
-- what the API lacks. person: the linked GitHub login; else 'git:' + the author name's key
-- (git_name_key, sql/macros: case, spacing and punctuation ignored) (no email address is kept but a public users.noreply.github.com one, so the name is the key an
-- unlinked commit has; identities.toml can link a no-reply address to a person). Names are
-- never matched to logins (two people can share a name, reference/metrics.md §11), but for a
-- login-like spelling: a git name with no space that is, case aside, a login seen on the
-- project's GitHub issues, comments or linked commits is that login (people sign with it).
with

source as (
    select * from raw.github_commits
),

api as (
    select * from source where provenance = 'api'
),

other as (
    select * from source
    where provenance <> 'api'
    qualify row_number() over (partition by lower(repo), sha order by provenance) = 1
),

combined as (
    select
        coalesce(api.repo, other.repo) as repo,
        coalesce(api.sha, other.sha) as sha,
        -- the deleted-account placeholder links to nobody: as for an unlinked commit, the git
        -- name is all that is left of its author
        github_login(coalesce(api.author_login, other.author_login)) as author_login,
        coalesce(api.author_name, other.author_name) as author_name,
        coalesce(api.author_email_domain, other.author_email_domain) as author_email_domain,
        coalesce(api.author_noreply_email, other.author_noreply_email) as author_noreply_email,
        coalesce(api.authored_at, other.authored_at) as authored_at,
        coalesce(api.committed_at, other.committed_at) as committed_at,
        coalesce(api.is_merge, other.is_merge) as is_merge,
        coalesce(api.on_first_parent, other.on_first_parent) as on_first_parent,
        coalesce(api.pr_number, other.pr_number) as pr_number,
        coalesce(api.pr_login, other.pr_login) as pr_login,
        coalesce(api.is_bot, false) or coalesce(other.is_bot, false) as is_bot,
        coalesce(api.provenance, other.provenance) as provenance
    from api
    full join other on lower(other.repo) = lower(api.repo) and other.sha = api.sha
),

logins as (
    -- the logins seen anywhere on GitHub, one spelling per case-folded login
    select lower(login) as login_key, min(login) as login
    from (
        select author_login as login from raw.github_issues
        union all
        select author_login from raw.github_comments
        union all
        select author_login from source
    )
    where login is not null and lower(login) <> 'ghost'
    group by lower(login)
),

renamed as (
    select
        lower(combined.repo) as repo_key,
        combined.repo,
        combined.sha,
        combined.author_login,
        combined.author_name,
        coalesce(
            combined.author_login, logins.login, 'git:' || git_name_key(combined.author_name)
        ) as person,
        nullif(lower(trim(combined.author_email_domain)), '') as email_domain,
        combined.author_noreply_email,
        combined.authored_at,
        combined.committed_at,
        combined.is_merge,
        combined.on_first_parent,
        combined.pr_number,
        combined.pr_login,
        -- the bot rule (sql/macros); the committer `web-flow` is nobody's commit (DESIGN.md §4)
        github_is_bot(
            combined.is_bot, null, coalesce(combined.author_login, combined.author_name)
        ) or lower(coalesce(combined.author_login, '')) = 'web-flow' as is_bot,
        combined.provenance
    from combined
    left join logins
        on combined.author_login is null
        and not regexp_matches(trim(combined.author_name), '\s')
        and logins.login_key = lower(trim(combined.author_name))
    where combined.authored_at is not null
)

select * from renamed
