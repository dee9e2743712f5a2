-- grain: one row per project per indicator per month: the value, whether it is final, and how it
-- moved.
-- The one owner of the trailing three-month level and of the latest value: fct_indicator_alerts,
-- fct_indicator_sparklines and fct_indicator_ranks read them from here.
-- trailing_3m is the mean of the three months before (trailing_min, trailing_max their range),
-- null unless all three have a value. Changes are relative (0.25 = 25 % higher), against
-- trailing_3m and against the same month a year before; null when either side is unknown, not
-- final, or the base is 0. For snapshot totals (null outside their snapshot month) latest_value is
-- the newest value known up to the month, and latest_month says when it was; headline_value and
-- as_of are what a page shows for the month: the latest value for a snapshot total (shape
-- 'snapshot'), else the month's own. For a snapshot total as_of is the day of that latest
-- snapshot ('YYYY-MM-DD': fct_indicators.snapshot_on; a cumulative total with no snapshot day of its
-- own is as of its month's last day, or the data cut-off within the cut-off month); otherwise it
-- is the month ('YYYY-MM'). good is the catalog's direction (up, down, neutral; null for
-- an id the catalog does not know); change_3m_went says whether change_3m went the good way. The on-ramp map on the Project page and the Compare page read
-- their headline cells from here.
-- snapshot_age_days: for a snapshot total, days from the end of its latest snapshot's month (the
-- month of as_of) to the end of the month (0 in the snapshot's own month); stale: older than 90
-- days (rules.sql).
-- sample_size: the items behind a ratio or a median (fct_indicators); min_sample the catalog's
-- threshold; too_few: fewer than that, so the value is shown but never ranked.
-- key: project, indicator, month
with

indicators as (
    select fct_indicators.project, fct_indicators.indicator, fct_indicators.month,
        fct_indicators.month_start, fct_indicators.value, fct_indicators.final,
        fct_indicators.settles_on, fct_indicators.is_sample, fct_indicators.sample_size,
        coalesce(fct_indicators.snapshot_on, least(
            (fct_indicators.month_start + interval 1 month - interval 1 day)::date,
            int_data_cutoff.data_cutoff::date
        )) as snapshot_on,
        catalog.good, catalog.shape, coalesce(catalog.min_sample, 0) as min_sample
    from fct_indicators
    left join ref_indicator_catalog as catalog using (indicator)
    cross join int_data_cutoff
),

windowed as (
    select
        indicators.*,
        avg(value) over prior as trailing_mean,
        min(value) over prior as trailing_low,
        max(value) over prior as trailing_high,
        count(value) over prior as trailing_values,
        bool_and(final) over prior as trailing_final,
        last_value(value ignore nulls) over upto as latest_value,
        last_value(case when value is not null then month end ignore nulls) over upto as latest_month,
        last_value(case when value is not null then snapshot_on end ignore nulls) over upto
            as latest_snapshot_on
    from indicators
    window
        prior as (partition by project, indicator order by month_start
                     range between interval 3 months preceding and interval 1 month preceding),
        upto as (partition by project, indicator order by month_start
                 rows between unbounded preceding and current row)
),

year_before as (
    select project, indicator, month_start + interval 12 months as month_start,
        value as year_before, final as year_before_final
    from indicators
),

final as (
    select
        windowed.project,
        windowed.indicator,
        windowed.month,
        windowed.month_start,
        windowed.value,
        windowed.final,
        windowed.settles_on,
        windowed.latest_value,
        windowed.latest_month,
        case when windowed.shape = 'snapshot' then windowed.latest_value
            else windowed.value end as headline_value,
        case when windowed.shape = 'snapshot' then strftime(windowed.latest_snapshot_on, '%Y-%m-%d')
            else windowed.month end as as_of,
        case when windowed.shape = 'snapshot' and windowed.latest_snapshot_on is not null
            then snapshot_age_days(date_trunc('month', windowed.latest_snapshot_on)::date,
                windowed.month_start)
            end as snapshot_age_days,
        coalesce(windowed.shape = 'snapshot' and windowed.latest_snapshot_on is not null
            and is_stale_snapshot(date_trunc('month', windowed.latest_snapshot_on)::date,
                windowed.month_start), false) as stale,
        windowed.sample_size,
        windowed.min_sample,
        coalesce(windowed.sample_size < windowed.min_sample, false) as too_few,
        case when windowed.trailing_values = 3 then windowed.trailing_mean end as trailing_3m,
        case when windowed.trailing_values = 3 then windowed.trailing_low end as trailing_min,
        case when windowed.trailing_values = 3 then windowed.trailing_high end as trailing_max,
        year_before.year_before,
        case
            when windowed.final and windowed.trailing_final and windowed.trailing_values = 3
                and windowed.trailing_mean <> 0
                then windowed.value / windowed.trailing_mean - 1
        end as change_3m,
        case
            when windowed.final and year_before.year_before_final and year_before.year_before <> 0
                then windowed.value / year_before.year_before - 1
        end as change_1y,
        windowed.good,
        windowed.shape,
        windowed.is_sample
    from windowed
    left join year_before using (project, indicator, month_start)
),

judged as (
    -- which way the change against trailing_3m went, by the catalog's good: better, worse; null
    -- for no change, no known change, or an indicator with no good way (neutral, unknown)
    select
        final.*,
        case
            when change_3m is null or change_3m = 0 then null
            when good = 'up' then case when change_3m > 0 then 'better' else 'worse' end
            when good = 'down' then case when change_3m < 0 then 'better' else 'worse' end
        end as change_3m_went
    from final
)

select * from judged
