-- grain: one row: when the published warehouse was built and the data cut-off it reflects
with

final as (
    select current_timestamp as built_at, data_cutoff from int_data_cutoff
)

select * from final
