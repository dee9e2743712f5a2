-- grain: one row per (model, dataset) a model card declares it was trained on
with

source as (
    select * from raw.hub_dataset_usage
),

renamed as (
    select
        model_id,
        dataset_id,
        coalesce(model_author, split_part(model_id, '/', 1)) as model_author,
        created_at,
        provenance
    from source
)

select * from renamed
