-- grain: one row per project per month per indicator, for contributor_absence_factor and
-- elephant_factor: the smallest number of people (organisations) whose commits make more than 50%
-- of the project's commits in [first day of next month - 365 days, first day of next month).
-- A commit's organisation is int_commit_organisations' (dated affiliations, else the email
-- domain); unaffiliated commits are left out of the elephant factor.
with

commits as (
    select * from int_commit_organisations
),

windows as (
    select project, month, month + interval 1 month as window_end,
        month + interval 1 month - interval 365 day as window_start
    from int_project_months
),

in_window as (
    select windows.project, windows.month, commits.person, commits.organisation, commits.provenance
    from windows
    join commits
        on commits.project = windows.project
        and commits.authored_at >= windows.window_start
        and commits.authored_at < windows.window_end
),

by_person as (
    select project, month, person as holder, count(*) as n
    from in_window
    group by project, month, person
),

by_organisation as (
    select project, month, organisation as holder, count(*) as n
    from in_window
    where organisation is not null
    group by project, month, organisation
),

ranked as (
    select
        'contributor_absence_factor' as indicator, project, month, n,
        sum(n) over (partition by project, month order by n desc, holder rows unbounded preceding) as running,
        sum(n) over (partition by project, month) as total,
        row_number() over (partition by project, month order by n desc, holder) as k
    from by_person
    union all
    select
        'elephant_factor', project, month, n,
        sum(n) over (partition by project, month order by n desc, holder rows unbounded preceding),
        sum(n) over (partition by project, month),
        row_number() over (partition by project, month order by n desc, holder)
    from by_organisation
),

factors as (
    select project, month, indicator, min(k) as value
    from ranked
    where running > total / 2.0
    group by project, month, indicator
),

sample_flags as (
    select project, month, bool_or(provenance = 'sample') as is_sample
    from in_window
    group by project, month
),

long as (
    select spine.project, spine.month, kinds.indicator, factors.value::double as value,
        coalesce(sample_flags.is_sample, false) as is_sample
    from int_project_months as spine
    cross join (values ('contributor_absence_factor'), ('elephant_factor')) as kinds(indicator)
    left join factors
        on factors.project = spine.project and factors.month = spine.month
        and factors.indicator = kinds.indicator
    left join sample_flags on sample_flags.project = spine.project and sample_flags.month = spine.month
)

select * from long
