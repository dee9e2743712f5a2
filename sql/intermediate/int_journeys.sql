-- grain: one row per project per person (person key of int_persons): where they first appeared,
-- what they did next somewhere else, and when they first contributed (a PR, a commit, a derivative
-- model or a Hub PR). days_* are fractional days from the first appearance. A contribution counts
-- for the 180-day rate when it comes within 180 days of the first appearance, that appearance
-- itself included (someone whose first act is a commit contributed on day 0).
-- arrived_contributing: the first appearance was itself a contribution (a contribution at the very
-- moment of the first appearance). The study's question is about the others: people who came in
-- by asking, discussing, reviewing or chatting (xp_newcomer_conversion_rate).
with

steps as (
    select * from int_journey_steps
),

ordered as (
    select
        steps.*,
        row_number() over (
            partition by project, person_key order by occurred_at, platform, step, action
        ) as n
    from steps
),

firsts as (
    select project, person_key, occurred_at as first_seen_at, platform as first_platform,
        step as first_step, action as first_action
    from ordered
    where n = 1
),

nexts as (
    -- the first later step somewhere other than the first one
    select firsts.project, firsts.person_key,
        arg_min(ordered.step, (ordered.occurred_at, ordered.n)) as next_step,
        arg_min(ordered.platform, (ordered.occurred_at, ordered.n)) as next_platform,
        min(ordered.occurred_at) as next_at
    from firsts
    join ordered using (project, person_key)
    where ordered.step <> firsts.first_step
    group by firsts.project, firsts.person_key
),

contributions as (
    select project, person_key,
        min(occurred_at) as contributed_at,
        arg_min(contribution, (occurred_at, n)) as first_contribution,
        arg_min(platform, (occurred_at, n)) as contribution_platform
    from ordered
    where contribution is not null
    group by project, person_key
),

flags as (
    select project, person_key,
        bool_or(provenance = 'sample') as is_sample,
        bool_or(is_listed) as is_listed,
        bool_and(platform in ('discord', 'slack')) as is_pseudonymous_only,
        count(distinct platform) as platforms
    from steps
    group by project, person_key
),

final as (
    select
        firsts.project,
        firsts.person_key,
        date_trunc('month', firsts.first_seen_at)::date as cohort_month,
        firsts.first_seen_at,
        firsts.first_platform,
        firsts.first_step,
        firsts.first_action,
        nexts.next_step,
        nexts.next_platform,
        epoch(nexts.next_at - firsts.first_seen_at) / 86400.0 as days_to_next,
        contributions.contributed_at,
        contributions.first_contribution,
        contributions.contribution_platform,
        epoch(contributions.contributed_at - firsts.first_seen_at) / 86400.0 as days_to_contribution,
        coalesce(contributions.contributed_at <= firsts.first_seen_at + interval 180 day, false)
            as contributed_within_180d,
        coalesce(contributions.contributed_at = firsts.first_seen_at, false) as arrived_contributing,
        firsts.first_seen_at + interval 180 day <= cutoff.data_cutoff as is_settled,
        flags.platforms,
        flags.is_listed,
        flags.is_pseudonymous_only,
        flags.is_sample
    from firsts
    join flags using (project, person_key)
    left join nexts using (project, person_key)
    left join contributions using (project, person_key)
    cross join int_data_cutoff as cutoff
)

select * from final
