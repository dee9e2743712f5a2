-- grain: one row per project per platform per person (bots excluded): first and last seen, how
-- active, and how to show them (display name, profile link, insider mark). Pages and the digest
-- list people from here, never from raw logins or pseudonyms. person_key joins one person's
-- identities across platforms (identities.toml); is_listed_bot marks `bot = true` people.
with

people as (
    select * from int_people
),

profiles as (
    select project, platform, person, display_name, profile_url, is_git_only, is_pseudonymous, is_insider,
        person_key, is_listed_bot
    from int_person_profiles
),

final as (
    select
        people.project,
        people.platform,
        people.person,
        profiles.display_name,
        profiles.profile_url,
        profiles.is_git_only,
        profiles.is_pseudonymous,
        profiles.is_insider,
        profiles.person_key,
        profiles.is_listed_bot,
        people.first_seen_at,
        people.last_seen_at,
        people.activities,
        people.active_months,
        people.last_action,
        people.is_sample
    from people
    join profiles using (project, platform, person)
)

select * from final
