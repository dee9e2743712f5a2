-- grain: one row per derivative whose own derivatives a collection chose not to list
-- (ONRAMP_HUB_GRANDCHILDREN), and when; listed since, it no longer counts as unexpanded
with

source as (
    select * from raw.hub_tree_unexpanded
),

renamed as (
    select parent_id as model_id, root_id, seen_at, provenance from source
)

select * from renamed
