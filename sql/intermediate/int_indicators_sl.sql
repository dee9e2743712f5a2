-- grain: one row per project per month per indicator, for the Slack indicators of DESIGN.md §4
-- (sl_*: the Discord definitions applied to Slack), long format, read by fct_indicators.
with

slack as (
    select project, month, indicator, value, is_sample
    from int_indicators_chat
    where platform = 'slack'
)

select * from slack
