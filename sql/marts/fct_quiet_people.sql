-- grain: one row per project per platform per person who went quiet: three or more activities, and
-- none in the 90 days before the data cut-off. How active they had
-- been says what the silence costs. Insiders are kept and marked (is_insider): pages and the
-- digest leave them out unless asked. quiet_since is the day the 90 days ran out, so the digest can
-- list who went quiet in a week. People and their labels come from fct_people, one row per person
-- per platform (is_person_row; identities.toml's people with all their identities there, git names
-- included, counted once). A Discord or Slack
-- member carries their home channel (int_chat_home_channels: where they wrote most), so they are
-- counted per channel, never listed: "12 regulars of #help went quiet".
-- key: project, platform, person
with

people as (
    -- one row per person on a platform (is_person_row), with their totals over every identity
    -- identities.toml gives them there: quiet only when all of them are
    select
        project, platform, person, person_first_seen_at as first_seen_at,
        person_last_seen_at as last_seen_at, person_activities as activities,
        person_active_months as active_months, person_last_action as last_action, is_sample,
        display_name, profile_url, is_git_only, is_pseudonymous, is_insider
    from fct_people
    where is_person_row
),

final as (
    select
        people.*,
        people.last_seen_at + interval 90 days as quiet_since,
        strftime(people.last_seen_at, '%Y-%m') as last_seen_month,
        date_diff('day', people.last_seen_at, int_data_cutoff.data_cutoff) as days_quiet,
        '#' || coalesce(home.channel_name, home.channel_id) as home_channel
    from people
    cross join int_data_cutoff
    left join int_chat_home_channels as home
        on home.project = people.project and home.platform = people.platform
        and home.person = people.person
    where people.activities >= 3
        and people.last_seen_at < int_data_cutoff.data_cutoff - interval 90 days
)

select * from final
