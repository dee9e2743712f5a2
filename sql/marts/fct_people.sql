-- grain: one row per project per platform per person (the people of int_people, bots excluded).
-- First and last seen, how active, and how to show them: display
-- name, profile link, insider mark. The one place a person's label is decided: pages and the
-- digest list people from here (fct_quiet_people too), never from raw logins or pseudonyms.
-- person_key joins one person's identities across platforms (identities.toml); is_listed_bot marks
-- `bot = true` people.
-- Insiders: on GitHub, anyone with an OWNER, MEMBER or COLLABORATOR association on one of the
-- project's items or comments, a commit from one of its internal_email_domains, or git evidence of
-- write access (has_write_evidence, sql/macros: pushed straight to a default branch, merged a pull
-- request there), git-only authors included; on the Hub, its hub_authors and their organisations'
-- members; on any platform, a person of identities.toml with an affiliation, at any date, to an
-- [[organisation]] whose `projects` names the project (undated on purpose: who once worked for the
-- organisation that runs a project is not an outsider to welcome or to nudge back, whenever they
-- wrote). A person is an insider wherever any of their identities is one (person_key: a Discord
-- or Slack identity is one only when identities.toml links it to an insider). Discord and Slack
-- people are keyed pseudonyms: never named, never linked. A GitHub or Hub person listed in
-- identities.toml is shown by the file's name (and carries its person key); a listed Discord or
-- Slack identity keeps its pseudonymous label, so a page never ties a pseudonym to a name. A person
-- whose every activity is sample data (generated for the demo) has no profile link.
-- One person, one row per platform: where identities.toml gives one person several identities on a
-- platform (two logins, a login and git names, several git names), the person_* columns hold the
-- person's totals on that platform over all of them, and is_person_row marks the one identity that
-- shows them (a login before a git name, then the most active): lists of people (fct_quiet_people,
-- the digest's newcomers) keep that row only, so nobody is listed or counted twice.
-- key: project, platform, person
with

people as (
    select people.*, persons.person_key, persons.listed_name, persons.is_listed_bot
    from int_people as people
    join int_persons as persons using (project, platform, person)
),

github_associations as (
    select items.project, items.author_login as login, items.author_association as association
    from int_github_items as items
    union all
    select repos.project, comments.author_login, comments.author_association
    from stg_github__comments as comments
    join registry_github_repos as repos on lower(repos.repo) = comments.repo_key
),

github_insiders as (
    select distinct project, login as person
    from github_associations
    where association in ('OWNER', 'MEMBER', 'COLLABORATOR') and login is not null
    union
    select distinct repos.project, commits.person
    from stg_github__commits as commits
    join registry_github_repos as repos on lower(repos.repo) = commits.repo_key
    join registry_email_domains as domains
        on domains.project = repos.project and lower(domains.domain) = commits.email_domain
    union
    select distinct repos.project, commits.person
    from stg_github__commits as commits
    join registry_github_repos as repos on lower(repos.repo) = commits.repo_key
    where not commits.is_bot and commits.person is not null
        and has_write_evidence(commits.on_first_parent, commits.is_merge, commits.pr_number)
),

hub_insiders as (
    select project, person_key from int_hub_insiders
),

affiliation_insiders as (
    -- identities.toml: an affiliation to an organisation that runs the project
    select distinct organisations.project, affiliations.person_key
    from identity_affiliations as affiliations
    join identity_organisation_projects as organisations on organisations.org = affiliations.org
),

person_totals as (
    -- one person's activity on a platform over all their identities there (person_key)
    select activity.project, activity.platform, persons.person_key,
        min(activity.occurred_at) as person_first_seen_at,
        max(activity.occurred_at) as person_last_seen_at,
        count(*) as person_activities,
        count(distinct date_trunc('month', activity.occurred_at)) as person_active_months,
        arg_max(activity.action, activity.occurred_at) as person_last_action
    from int_activity as activity
    join int_persons as persons using (project, platform, person)
    where not activity.is_bot and activity.person is not null
    group by activity.project, activity.platform, persons.person_key
),

git_names as (
    -- a git-only author's key is git_name_key's; show the name as the author last wrote it,
    -- preferring a spelling with a space (a name over a login-like one)
    select person,
        arg_max(trim(author_name), (trim(author_name) like '% %', authored_at)) as author_name
    from stg_github__commits
    where author_login is null and author_name is not null
    group by person
),

labelled as (
    select
        people.project,
        people.platform,
        people.person,
        case
            when people.listed_name is not null and people.platform not in ('discord', 'slack')
                then people.listed_name
            when people.platform = 'github' and people.person like 'git:%'
                then coalesce(git_names.author_name, substr(people.person, 5))
            when people.platform in ('discord', 'slack')
                then (case people.platform when 'discord' then 'Discord' else 'Slack' end)
                    || ' member ' || left(regexp_replace(people.person, '^sample-', ''), 4) || '…'
            else people.person
        end as display_name,
        case
            -- a generated person links nowhere: 'sample-user-0001' may be a real, unrelated account
            when people.is_all_sample then null
            when people.platform = 'github' and people.person not like 'git:%'
                then 'https://github.com/' || people.person
            when people.platform = 'hub' then 'https://huggingface.co/' || people.person
        end as profile_url,
        people.platform = 'github' and people.person like 'git:%' as is_git_only,
        people.platform in ('discord', 'slack') as is_pseudonymous,
        bool_or(
            github_insiders.person is not null
            or hub_insiders.person_key is not null
            or affiliation_insiders.person_key is not null
        ) over (partition by people.project, people.person_key) as is_insider,
        people.person_key,
        people.is_listed_bot,
        people.first_seen_at,
        people.last_seen_at,
        people.activities,
        people.active_months,
        people.last_action,
        people.is_sample,
        row_number() over (
            partition by people.project, people.platform, people.person_key
            order by people.platform = 'github' and people.person like 'git:%',
                people.activities desc, people.person
        ) = 1 as is_person_row,
        totals.person_first_seen_at,
        totals.person_last_seen_at,
        totals.person_activities,
        totals.person_active_months,
        totals.person_last_action
    from people
    join person_totals as totals
        on totals.project = people.project and totals.platform = people.platform
        and totals.person_key = people.person_key
    left join git_names
        on people.platform = 'github' and git_names.person = people.person
    left join github_insiders
        on people.platform = 'github'
        and github_insiders.project = people.project
        and github_insiders.person = people.person
    left join hub_insiders
        on people.platform = 'hub'
        and hub_insiders.project = people.project
        and hub_insiders.person_key = lower(people.person)
    left join affiliation_insiders
        on affiliation_insiders.project = people.project
        and affiliation_insiders.person_key = people.person_key
)

select * from labelled
