-- grain: one row per project per month for bench_external_results: evaluation results on the
-- project's hub_benchmark_datasets by models outside the project (derivatives included),
-- cumulative to the month's end. A result is one (model, benchmark dataset) pair however many
-- metrics or sources (model-index, eval-results, leaderboard) report it; it dates from its
-- report time, else its model's creation time. Matching rules: int_hub_benchmark_results.
-- A result with neither date is known only from when it was seen: it counts from the month of the
-- project's latest Hub snapshot (int_hub_snapshot_months; without one, the data cut-off's month),
-- and the months before that are null, not a count: how many results they had is not known.
with

benchmarks as (
    select distinct project from registry_hub_benchmark_datasets
),

seen as (
    select
        benchmarks.project,
        coalesce(
            snapshots.snapshot_month, date_trunc('month', int_data_cutoff.data_cutoff)::date
        ) as seen_month
    from benchmarks
    left join int_hub_snapshot_months as snapshots using (project)
    cross join int_data_cutoff
),

results as (
    select
        r.project,
        r.model_id,
        coalesce(date_trunc('month', r.reported_at)::date, seen.seen_month) as counts_from,
        r.reported_at is null as is_undated,
        r.is_sample
    from int_hub_benchmark_results as r
    join seen using (project)
),

known_from as (
    -- before an undated result was seen, the count is unknown
    select project, max(counts_from) as known_from
    from results
    where is_undated
    group by project
),

cumulative as (
    select
        spine.project,
        spine.month,
        'bench_external_results' as indicator,
        case
            when spine.month < any_value(known_from.known_from) then null
            else count(results.model_id)::double
        end as value,
        coalesce(bool_or(results.is_sample), false) as is_sample
    from int_project_months as spine
    left join results
        on results.project = spine.project and results.counts_from <= spine.month
    left join known_from on known_from.project = spine.project
    where spine.project in (select project from benchmarks)
    group by spine.project, spine.month
)

select * from cumulative
