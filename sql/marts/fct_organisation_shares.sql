-- grain: one row per project per calendar quarter per organisation shown: who carries the
-- project. commits: the quarter's non-bot commits by that organisation (int_commit_organisations:
-- dated affiliations, else email domains, the elephant factor's rule); share: of all the
-- quarter's commits, so shares sum to 1 with 'unaffiliated' (personal or no-reply domains, no
-- affiliation) and 'other organisations' (beyond the project's 6 biggest over all its quarters)
-- said, never dropped. final: the quarter ended by the data cut-off (a partial quarter can still
-- change). is_sample: a commit in it is generated sample data.
-- key: project, quarter, organisation
with

commits as (
    select
        project,
        date_trunc('quarter', authored_at)::date as quarter_start,
        organisation,
        provenance
    from int_commit_organisations
),

biggest as (
    select project, organisation,
        row_number() over (partition by project order by count(*) desc, organisation) as place
    from commits
    where organisation is not null
    group by project, organisation
),

shown as (
    select
        commits.project,
        commits.quarter_start,
        case
            when commits.organisation is null then 'unaffiliated'
            when biggest.place <= 6 then commits.organisation
            else 'other organisations'
        end as organisation,
        commits.provenance
    from commits
    left join biggest using (project, organisation)
),

counted as (
    select
        project,
        quarter_start,
        organisation,
        count(*) as commits,
        bool_or(provenance = 'sample') as is_sample
    from shown
    group by project, quarter_start, organisation
),

final as (
    select
        counted.project,
        strftime(counted.quarter_start, '%Y') || '-Q'
            || (((month(counted.quarter_start) - 1) // 3) + 1)::varchar as quarter,
        counted.quarter_start,
        counted.organisation,
        counted.commits,
        counted.commits / sum(counted.commits) over (partition by counted.project,
            counted.quarter_start) as share,
        (counted.quarter_start + interval 3 months) <= int_data_cutoff.data_cutoff as final,
        counted.is_sample
    from counted
    cross join int_data_cutoff
)

select * from final
