-- grain: one row per project per month per factor (contributor_absence_factor, elephant_factor)
-- per holder (a person, an organisation): the holder's commits in the factor's window
-- [first day of next month - 365 days, first day of next month), ranked, and whether the holder is
-- in the factor's set (the fewest holders whose commits make more than 50 % of the window's
-- commits; ties broken by name). int_indicators_gh_factors counts the set; fct_contributor_segments
-- calls the contributor absence factor's people "core".
-- A commit's author and organisation: int_commit_organisations (dated affiliations, else the
-- email domain; unaffiliated commits are left out of the elephant factor).
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
    select project, month, person as holder, count(*) as n,
        bool_or(provenance = 'sample') as is_sample
    from in_window
    group by project, month, person
),

by_organisation as (
    select project, month, organisation as holder, count(*) as n,
        bool_or(provenance = 'sample') as is_sample
    from in_window
    where organisation is not null
    group by project, month, organisation
),

ranked as (
    select
        'contributor_absence_factor' as indicator, project, month, holder, n, is_sample,
        sum(n) over (partition by project, month order by n desc, holder rows unbounded preceding) as running,
        sum(n) over (partition by project, month) as total,
        row_number() over (partition by project, month order by n desc, holder) as k
    from by_person
    union all
    select
        'elephant_factor', project, month, holder, n, is_sample,
        sum(n) over (partition by project, month order by n desc, holder rows unbounded preceding),
        sum(n) over (partition by project, month),
        row_number() over (partition by project, month order by n desc, holder)
    from by_organisation
),

final as (
    select
        indicator, project, month, holder, n, running, total, k, is_sample,
        running - n <= total / 2.0 as in_set  -- the holders up to the one that passes half
    from ranked
)

select * from final
