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
        nullif(created_at, '2022-03-02 23:29:04+00'::timestamptz) as created_at,  -- Hub sentinel
        provenance
    from source
)

select * from renamed
