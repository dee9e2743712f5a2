-- grain: one row: when the published warehouse was built, the data cut-off it reflects, and the
-- months pages read from it: the cut-off month is partial (it runs to the cut-off day), so the
-- headline month of every page is the last complete month before it.
-- key: built_at
with

final as (
    select
        current_timestamp as built_at,
        data_cutoff,
        strftime(data_cutoff, '%Y-%m') as cutoff_month,
        strftime(date_trunc('month', data_cutoff) - interval 1 month, '%Y-%m') as headline_month
    from int_data_cutoff
)

select * from final
