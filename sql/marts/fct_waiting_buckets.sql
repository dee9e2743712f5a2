-- grain: one row per project per waiting-item age bucket (fresh, staling, stale; every bucket, an
-- empty one with 0), with its thresholds in days and how many of fct_waiting_items fall in it.
-- The window is the data cut-off: every item waiting then, whenever it was opened. The one place
-- the counts come from: the Drop-off page and the digest show these, never count again.
-- key: project, age_bucket
with

buckets as (
    select * from (values
        ('staling', 1, 7, 30, 'waiting 7 to 30 days: still savable, soon lost'),
        ('fresh', 2, 0, 7, 'waiting under 7 days'),
        ('stale', 3, 30, null, 'waiting over 30 days')
    ) as b(age_bucket, bucket_rank, from_days, to_days, meaning)
),

counts as (
    select project, age_bucket, count(*) as items, bool_or(is_sample) as is_sample
    from fct_waiting_items
    group by project, age_bucket
),

final as (
    select
        registry_projects.project,
        buckets.age_bucket,
        buckets.bucket_rank,
        buckets.from_days,
        buckets.to_days,
        buckets.meaning,
        coalesce(counts.items, 0) as items,
        coalesce(counts.is_sample, false) as is_sample,
        int_data_cutoff.data_cutoff
    from registry_projects
    cross join buckets
    cross join int_data_cutoff
    left join counts
        on counts.project = registry_projects.project and counts.age_bucket = buckets.age_bucket
)

select * from final
