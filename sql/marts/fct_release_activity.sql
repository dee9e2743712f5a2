-- grain: one row per project per release day per day since it (-14 to 90): the project's activity
-- (all platforms, bots excluded) around each release, its 7-day rolling sum, and the release's
-- half-life: days from the rolling sum's peak (day 0 to 90) until it first falls to half the peak.
-- A release is a published GitHub release (pre-releases left out) or a new project model on the Hub;
-- several on one day make one release.
-- key: project, release_day, days_since
with

github_releases as (
    select repos.project, r.published_at as released_at, coalesce(r.tag_name, r.repo) as label,
        'github' as kind, r.provenance
    from stg_github__releases as r
    join registry_github_repos as repos on lower(repos.repo) = r.repo_key
    where not coalesce(r.is_prerelease, false) and r.published_at is not null
),

hub_models as (
    select project, created_at as released_at, model_id as label, 'hub' as kind, provenance
    from int_hub_project_models
    where created_at is not null
),

release_events as (
    select * from github_releases
    union all
    select * from hub_models
),

releases as (
    select
        project,
        released_at::date as release_day,
        string_agg(distinct label, ', ' order by label) as release,
        string_agg(distinct kind, ', ' order by kind) as kinds,
        bool_or(provenance = 'sample') as release_is_sample
    from release_events
    group by project, released_at::date
),

daily as (
    select project, occurred_at::date as day, count(*) as activities, bool_or(provenance = 'sample') as is_sample
    from int_activity
    where not is_bot
    group by project, occurred_at::date
),

spine as (
    -- six extra days before -14 so the first rolling sum covers a full week
    select releases.*, unnest(range(-20, 91)) as days_since
    from releases
),

series as (
    select
        spine.project,
        spine.release_day,
        spine.release,
        spine.kinds,
        spine.days_since,
        (spine.release_day + to_days(spine.days_since::integer))::date as day,
        coalesce(daily.activities, 0) as activities,
        coalesce(daily.is_sample, false) or spine.release_is_sample as is_sample
    from spine
    left join daily on daily.project = spine.project and daily.day = (spine.release_day + to_days(spine.days_since::integer))::date
),

rolling as (
    select
        series.*,
        sum(activities) over (
            partition by project, release_day order by days_since rows between 6 preceding and current row
        ) as rolling_7d
    from series
),

observed as (
    select rolling.*
    from rolling
    cross join int_data_cutoff
    where rolling.days_since >= -14 and rolling.day <= int_data_cutoff.data_cutoff::date
),

peak_values as (
    select project, release_day, max(rolling_7d) as peak_7d
    from observed
    where days_since between 0 and 90
    group by project, release_day
),

peaks as (
    -- the first day the peak is reached
    select peak_values.project, peak_values.release_day, peak_values.peak_7d,
        min(observed.days_since) as peak_day
    from peak_values
    join observed using (project, release_day)
    where observed.days_since between 0 and 90 and observed.rolling_7d = peak_values.peak_7d
    group by peak_values.project, peak_values.release_day, peak_values.peak_7d
),

half_lives as (
    select
        peaks.project,
        peaks.release_day,
        min(observed.days_since) - peaks.peak_day as half_life_days
    from peaks
    join observed using (project, release_day)
    where peaks.peak_7d > 0
        and observed.days_since > peaks.peak_day
        and observed.rolling_7d <= peaks.peak_7d / 2
    group by peaks.project, peaks.release_day, peaks.peak_day
),

final as (
    select
        observed.project,
        observed.release_day,
        observed.release,
        observed.kinds,
        observed.days_since,
        observed.day,
        observed.activities,
        observed.rolling_7d,
        peaks.peak_day,
        peaks.peak_7d,
        half_lives.half_life_days,
        observed.is_sample
    from observed
    left join peaks using (project, release_day)
    left join half_lives using (project, release_day)
)

select * from final
