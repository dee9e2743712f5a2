-- grain: one row per non-bot commit per project it belongs to: its author and organisation, the
-- one rule the elephant factor (int_indicators_gh_factors) and the organisation shares
-- (fct_organisation_shares) read. A commit's organisation: the author's affiliation in
-- identities.toml in force on the commit's date; else its email domain, named by an
-- [[organisation]] whose dates cover the commit where one does; personal and no-reply domains are
-- unaffiliated (null).
with

authored as (
    select repos.project, c.person, c.email_domain, c.authored_at, c.provenance
    from stg_github__commits as c
    join registry_github_repos as repos on lower(repos.repo) = c.repo_key
    where not c.is_bot
),

affiliated as (
    select
        authored.*,
        affiliations.org as affiliation,
        organisations.org as domain_org
    from authored
    left join int_persons as persons
        on persons.project = authored.project and persons.platform = 'github'
        and persons.person = authored.person and persons.is_listed
    left join identity_affiliations as affiliations
        on affiliations.person_key = persons.person_key
        and (affiliations.valid_from is null or affiliations.valid_from <= authored.authored_at::date)
        and (affiliations.valid_to is null or authored.authored_at::date < affiliations.valid_to)
    left join identity_organisations as organisations
        on organisations.domain = authored.email_domain
        and (organisations.valid_from is null or organisations.valid_from <= authored.authored_at::date)
        and (organisations.valid_to is null or authored.authored_at::date < organisations.valid_to)
),

commits as (
    select
        project, person, authored_at, provenance,
        coalesce(
            affiliation,
            case when email_domain not in (select domain from ref_personal_email_domains)
                then coalesce(domain_org, email_domain) end
        ) as organisation
    from affiliated
)

select * from commits
