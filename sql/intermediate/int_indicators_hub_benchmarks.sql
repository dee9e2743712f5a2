-- grain: one row per project per month for bench_external_results: evaluation results on the
-- project's hub_benchmark_datasets by models outside the project (derivatives included),
-- cumulative to the month's end. A result is one (model, benchmark dataset) pair however many
-- metrics or sources (model-index, eval-results, leaderboard) report it; it dates from its
-- report time, else its model's creation time, else counts from the first month. Matching rules: int_hub_benchmark_results.
with

benchmarks as (
    select distinct project from registry_hub_benchmark_datasets
),

results as (
    select * from int_hub_benchmark_results
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
