-- grain: one row per activity of a person on any platform (bots excluded): the unified activity
-- log the drop-off and cohort views read.
with

final as (
    select project, platform, person, action, occurred_at, provenance = 'sample' as is_sample
    from int_activity
    where not is_bot
)

select * from final
