-- grain: one row per reported evaluation result
with

source as (
    select * from raw.hub_eval_results
),

renamed as (
    select
        result_id,
        model_id,
        coalesce(model_author, split_part(model_id, '/', 1)) as model_author,
        dataset_id,
        task_type,
        metric_type,
        metric_value,
        verified,
        source,
        reported_at,
        provenance
    from source
)

select * from renamed
