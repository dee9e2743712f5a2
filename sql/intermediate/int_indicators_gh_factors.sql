-- grain: one row per project per month per indicator, for contributor_absence_factor and
-- elephant_factor: the smallest number of people (organisations) whose commits make more than 50%
-- of the project's commits in [first day of next month - 365 days, first day of next month).
-- The holders, their windows and the commit rules: int_gh_factor_holders.
with

ranked as (
    select * from int_gh_factor_holders
),

factors as (
    select project, month, indicator, count(*) filter (where in_set) as value
    from ranked
    group by project, month, indicator
    having count(*) filter (where in_set) > 0
),

sample_flags as (
    -- every commit of the window has a person holder (a null person included)
    select project, month, bool_or(is_sample) as is_sample
    from ranked
    where indicator = 'contributor_absence_factor'
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
