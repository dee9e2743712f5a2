-- grain: one row per project per platform per person: the people of int_people plus the authors
-- of the project's derivative models (who have no activity-log rows), each with the person key
-- that joins one person's identities across platforms. A person listed in identities.toml gets
-- the file's key (person-NNNNN), name and bot mark; anyone else is their own person, keyed
-- '<platform>:<identity>', so nothing is merged that a maintainer did not write down. A person's
-- `git_names` link the git-only authors ('git:' || git_name_key) those names key to: every listed
-- spelling, and any spelling with the same key, is that person.
with

people as (
    select project, platform, person from int_people
),

derivative_authors as (
    select distinct derivatives.project, 'hub' as platform, derivatives.author as person
    from int_hub_derivatives as derivatives
    where derivatives.author is not null
        and lower(derivatives.author) not in (
            select lower(authors.author) from registry_hub_authors as authors
            where authors.project = derivatives.project
        )
),

identities as (
    select * from people
    union
    select * from derivative_authors
),

links as (
    select person_key, platform, identity from identity_links
),

email_links as (
    -- a listed no-reply address links the commits that carry it, a git-only author's included
    select repos.project, commits.person, min(links.person_key) as person_key
    from stg_github__commits as commits
    join registry_github_repos as repos on lower(repos.repo) = commits.repo_key
    join links on links.platform = 'email' and links.identity = commits.author_noreply_email
    group by repos.project, commits.person
),

git_name_links as (
    -- a git name listed on a person links the git-only author its key names (sql/macros:
    -- git_name_key); conflicts stop the build before two people could claim one key
    select 'git:' || git_name_key(identity) as person, min(person_key) as person_key
    from links
    where platform = 'git_name'
    group by 1
),

keyed as (
    -- GitHub logins and Hub usernames are case-insensitive; the file's links are lower-cased
    select identities.project, identities.platform, identities.person,
        coalesce(links.person_key, email_links.person_key, git_name_links.person_key)
            as listed_key
    from identities
    left join links
        on links.platform = identities.platform
        and links.identity = case
            when identities.platform in ('github', 'hub') then lower(identities.person)
            else identities.person
        end
    left join email_links
        on identities.platform = 'github'
        and email_links.project = identities.project
        and email_links.person = identities.person
    left join git_name_links
        on identities.platform = 'github'
        and git_name_links.person = identities.person
),

final as (
    select
        keyed.project,
        keyed.platform,
        keyed.person,
        coalesce(keyed.listed_key, keyed.platform || ':' || keyed.person) as person_key,
        keyed.listed_key is not null as is_listed,
        listed.name as listed_name,
        coalesce(listed.is_bot, false) as is_listed_bot,
        listed.provenance = 'sample' as is_sample_listing
    from keyed
    left join identity_people as listed on listed.person_key = keyed.listed_key
)

select * from final
