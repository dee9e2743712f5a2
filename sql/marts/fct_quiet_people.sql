-- grain: one row per project per platform per person who went quiet: three or more activities, and
-- none in the 90 days before the data cut-off. How active they had been says what the silence costs.
with

people as (
    select * from int_people
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
