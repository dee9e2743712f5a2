-- Rules more than one model applies, each defined once here as a DuckDB macro. The model runner
-- (warehouse/build.py) creates them, temporary, before any model runs; the published file keeps
-- none of them.

-- GitHub's deleted-account placeholder `ghost` is nobody: its login becomes null (rows collected
-- before the collector said so). The row stays: a deleted account's comment still answers.
create or replace temp macro github_login(login) as
    case when lower(login) = 'ghost' then null else login end;

-- A GitHub bot (DESIGN.md §3): flagged so by the collector, of user type Bot, or a login (or, for a
-- commit, a git author name) ending in [bot].
create or replace temp macro github_is_bot(flagged, author_type, who) as
    flagged
    or coalesce(author_type, '') = 'Bot'
    or lower(coalesce(who, '')) like '%[bot]';

-- The first-response rule (DESIGN.md §4), for GitHub items, Hub discussions and Discord and Slack
-- threads alike: a candidate response is written by a non-bot other than the item's author (or
-- thread's owner), at or after the item opened. The first response is the earliest candidate.
create or replace temp macro is_response(responder, opener, responder_is_bot, responded_at, opened_at) as
    not responder_is_bot
    and responder is distinct from opener
    and responded_at >= opened_at;

-- A snapshot is stale when it was taken more than 90 days before the end of the month it is shown
-- for (DESIGN.md §5): pages mark it "stale", and it is not ranked against fresh ones. Snapshots
-- are dated by their month, so the age runs from the end of the snapshot's month.
create or replace temp macro snapshot_age_days(snapshot_month_start, month_start) as
    date_diff('day', (snapshot_month_start + interval 1 month)::date,
        (month_start + interval 1 month)::date);
create or replace temp macro is_stale_snapshot(snapshot_month_start, month_start) as
    snapshot_age_days(snapshot_month_start, month_start) > 90;
