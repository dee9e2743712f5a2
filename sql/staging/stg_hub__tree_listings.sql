-- grain: one row per model whose children were listed: when that last happened
with

source as (
    select * from raw.hub_tree_listings
),

renamed as (
    select parent_id, listed_at, provenance from source
)

select * from renamed
