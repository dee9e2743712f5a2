-- grain: one row per project per month per indicator, for the Discord indicators of DESIGN.md §4
-- (dc_*), long format, read by fct_indicators. Computed with Slack's in int_indicators_chat.
with

discord as (
    select project, month, indicator, value, is_sample
    from int_indicators_chat
    where platform = 'discord'
)

select * from discord
