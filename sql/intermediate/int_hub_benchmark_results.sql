-- grain: one row per project per (model, benchmark dataset) pair: an evaluation result on one of
-- the project's hub_benchmark_datasets by a model outside the project (derivatives included),
-- however many metrics or sources (model-index, eval-results, leaderboard) report it. It dates from
-- its report time, else its model's creation time; null when neither is known. Dataset ids match
-- case-insensitively, and an id without an owner (canonical, 'squad_v2', as model-index
-- `dataset.type` often says) matches the same name under any owner ('rajpurkar/squad_v2').
with

benchmarks as (
    select
        project,
        dataset_id,
        lower(dataset_id) as dataset_key,
        lower(split_part(dataset_id, '/', -1)) as dataset_name,
        not contains(dataset_id, '/') as is_canonical
    from registry_hub_benchmark_datasets
),

results as (
    select
        benchmarks.project,
        r.model_id,
        benchmarks.dataset_id,
        min(coalesce(r.reported_at, models.created_at)) as reported_at,
        bool_or(r.provenance = 'sample') as is_sample
    from stg_hub__eval_results as r
    join benchmarks
        on benchmarks.dataset_key = lower(trim(r.dataset_id))
        or (benchmarks.is_canonical and benchmarks.dataset_name = lower(split_part(trim(r.dataset_id), '/', -1)))
        or (not contains(r.dataset_id, '/') and benchmarks.dataset_name = lower(trim(r.dataset_id)))
    left join stg_hub__repos as models on models.repo_type = 'model' and models.repo_id = r.model_id
    where lower(r.model_author) not in (
        select person_key from int_hub_insiders as i where i.project = benchmarks.project
    )
    group by all
)

select * from results
