-- grain: one row per scope per project per indicator per month, for the projects in the scope.
-- A scope is a set of organisational models, written as their names sorted and comma-joined
-- ('company,research-institute'): the projects the Compare page shows when those models are chosen. Every non-empty set of the registry's models has its scope,
-- so a rank is always among the projects shown.
-- Fair ranks of the headline value (fct_indicator_changes: a snapshot total's latest value, else
-- the month's own), 1 the best: highest where higher is better, lowest where lower is better (the
-- catalog's `good`; neutral and unknown ids rank highest first). Ties share a rank (tied: how many
-- share it). A zero is no lead: it is not ranked, nor is a pending (not final) or missing value;
-- an indicator where every ranked project has the same value, or only one has a value, gets no
-- ranks at all. ranked_projects: how many projects the scope ranks on the indicator that month.
-- key: scope, project, indicator, month
with recursive

models as (
    select distinct organizational_model from registry_projects
),

scopes (models, last_model) as (
    select [organizational_model], organizational_model from models
    union all
    select list_append(scopes.models, models.organizational_model), models.organizational_model
    from scopes
    join models on models.organizational_model > scopes.last_model
),

values_shown as (
    select
        changes.project,
        changes.indicator,
        changes.month,
        changes.month_start,
        changes.headline_value as value,
        changes.as_of,
        changes.final,
        changes.good,
        changes.is_sample,
        projects.organizational_model
    from fct_indicator_changes as changes
    join registry_projects as projects using (project)
),

scoped as (
    select array_to_string(scopes.models, ',') as scope, values_shown.*
    from values_shown
    join scopes on list_contains(scopes.models, values_shown.organizational_model)
),

rankable as (  -- a zero is no lead: it is not ranked, nor is a pending or missing value
    select * from scoped where final and value is not null and not isnan(value) and value <> 0
),

spread as (
    select scope, indicator, month, count(distinct value) as distinct_values,
        count(*) as ranked_projects
    from rankable
    group by scope, indicator, month
),

ranked as (
    select
        rankable.scope,
        rankable.project,
        rankable.indicator,
        rankable.month,
        spread.ranked_projects,
        rank() over (
            partition by rankable.scope, rankable.indicator, rankable.month
            order by case when rankable.good = 'down' then rankable.value else -rankable.value end
        ) as rank,
        count(*) over (
            partition by rankable.scope, rankable.indicator, rankable.month, rankable.value
        ) as tied
    from rankable
    join spread using (scope, indicator, month)
    where spread.distinct_values > 1
),

final as (
    select
        scoped.scope,
        scoped.project,
        scoped.indicator,
        scoped.month,
        scoped.month_start,
        scoped.value,
        scoped.as_of,
        scoped.final,
        scoped.good,
        ranked.rank,
        ranked.tied,
        ranked.ranked_projects,
        scoped.is_sample
    from scoped
    left join ranked using (scope, project, indicator, month)
)

select * from final
