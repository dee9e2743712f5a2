-- grain: one row per project per (model, benchmark dataset) pair: the external evaluation results
-- that bench_external_results counts, listed (the digest's "new benchmark results").
-- key: project, model_id, dataset_id
with

final as (
    select project, model_id, dataset_id, reported_at, is_sample from int_hub_benchmark_results
)

select * from final
