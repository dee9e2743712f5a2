-- grain: one row per scope per project per indicator per month, for the projects in the scope.
-- A scope is a set of organisational models, written as their names sorted and comma-joined
-- ('company,research-institute'): the projects the Compare page shows when those models are chosen.
-- Every non-empty set of the registry's models has its scope, so a rank is always among the
-- projects shown (one model: within the model; all models: overall).
-- Fair ranks of the headline value (fct_indicator_changes: a snapshot total's latest value, else
-- the month's own), 1 the best: highest where higher is better, lowest where lower is better (the
-- catalog's `good`; neutral and unknown ids rank highest first). Zeros are ranked like any value: a
-- lower-is-better zero leads, a higher-is-better zero trails. Ties share a rank (tied: how many
-- share it). Not ranked, with unranked saying why: 'missing' (no value; a source never collected
-- has no row at all), 'pending' (not final), 'too few' (fewer items than the catalog's
-- min_sample), 'stale' (a snapshot more than 90 days old: never set against fresh ones), 'all equal'
-- (every ranked project has the same value, or only one has a value), 'older snapshot' (a fresh
-- snapshot older than the scope's newest one: snapshots of different dates are never ranked
-- against each other; dated by their month, as the stale rule is). ranked_projects: how many
-- projects the scope ranks on the indicator that month.
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
        changes.stale,
        changes.snapshot_age_days,
        changes.too_few,
        changes.sample_size,
        changes.min_sample,
        changes.shape,
        projects.organizational_model
    from fct_indicator_changes as changes
    join registry_projects as projects using (project)
),

scoped as (
    select array_to_string(scopes.models, ',') as scope, values_shown.*
    from values_shown
    join scopes on list_contains(scopes.models, values_shown.organizational_model)
),

judged as (
    select
        scoped.*,
        case
            when value is null or isnan(value) then 'missing'
            when not final then 'pending'
            when too_few then 'too few'
            when stale then 'stale'
        end as held_back
    from scoped
),

newest as (  -- snapshot totals: only snapshots of the scope's newest date are set side by side
    select
        judged.* replace (
            case
                when held_back is null and shape = 'snapshot'
                    and left(as_of, 7) < max(left(as_of, 7)) filter (where held_back is null)
                        over (partition by scope, indicator, month)
                    then 'older snapshot'
                else held_back
            end as held_back
        )
    from judged
),

rankable as (
    select * from newest where held_back is null
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
        judged.scope,
        judged.project,
        judged.indicator,
        judged.month,
        judged.month_start,
        judged.value,
        judged.as_of,
        judged.final,
        judged.good,
        ranked.rank,
        ranked.tied,
        ranked.ranked_projects,
        judged.is_sample,
        case when ranked.rank is null then coalesce(judged.held_back, 'all equal') end as unranked,
        judged.stale,
        judged.snapshot_age_days,
        judged.too_few,
        judged.sample_size,
        judged.min_sample
    from newest as judged
    left join ranked using (scope, project, indicator, month)
)

select * from final
