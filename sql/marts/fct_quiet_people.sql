-- grain: one row per project per platform per person who went quiet: three or more activities, and
-- none in the 90 days before the data cut-off. How active they had been says what the silence costs.
with

activity as (
    select project, platform, person, occurred_at, action, provenance
    from int_activity
    where not is_bot and person is not null
),

people as (
    select
        project,
        platform,
        person,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at,
        count(*) as activities,
        count(distinct date_trunc('month', occurred_at)) as active_months,
        arg_max(action, occurred_at) as last_action,
        bool_or(provenance = 'sample') as is_sample
    from activity
    group by project, platform, person
),

final as (
    select
        people.*,
        strftime(people.last_seen_at, '%Y-%m') as last_seen_month,
        date_diff('day', people.last_seen_at, int_data_cutoff.data_cutoff) as days_quiet
    from people
    cross join int_data_cutoff
    where people.activities >= 3
        and people.last_seen_at < int_data_cutoff.data_cutoff - interval 90 days
)

select * from final
