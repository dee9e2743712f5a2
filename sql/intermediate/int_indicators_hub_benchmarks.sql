-- grain: one row per project per month for bench_external_results: evaluation results on the
-- project's hub_benchmark_datasets by models outside the project (derivatives included),
-- cumulative to the month's end. A result is one (model, benchmark dataset) pair however many
-- metrics or sources (model-index, eval-results, leaderboard) report it; it dates from its
-- report time, else its model's creation time, else counts from the first month. Dataset ids match
-- case-insensitively, and an id without an owner (canonical, 'squad_v2', as model-index
-- `dataset.type` often says) matches the same name under any owner ('rajpurkar/squad_v2').
with

benchmarks as (
    select
        project,
        lower(dataset_id) as dataset_key,
        lower(split_part(dataset_id, '/', -1)) as dataset_name,
        not contains(dataset_id, '/') as is_canonical
    from registry_hub_benchmark_datasets
),

results as (
    select
        benchmarks.project,
        r.model_id,
        benchmarks.dataset_key,
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
),

cumulative as (
    select
        spine.project,
        spine.month,
        'bench_external_results' as indicator,
        count(results.model_id)::double as value,
        coalesce(bool_or(results.is_sample), false) as is_sample
    from int_project_months as spine
    left join results
        on results.project = spine.project
        and (results.reported_at is null or results.reported_at < spine.month + interval 1 month)
    where spine.project in (select project from benchmarks)
    group by spine.project, spine.month
)

select * from cumulative
