-- Rules more than one model applies, each defined once here as a DuckDB macro. The model runner
-- (warehouse/build.py) creates them, temporary, before any model runs; the published file keeps
-- none of them.

-- GitHub's deleted-account placeholder `ghost` is nobody: its login becomes null (rows collected
-- before the collector said so). The row stays: a deleted account's comment still answers.
create or replace temp macro github_login(login) as
    case when lower(login) = 'ghost' then null else login end;

-- A GitHub bot (DESIGN.md §3): flagged so by the collector, of user type Bot, or a login (or, for a
-- commit, a git author name) ending in [bot], or GitHub Actions' own git name `github-actions`.
create or replace temp macro github_is_bot(flagged, author_type, who) as
    flagged
    or coalesce(author_type, '') = 'Bot'
    or lower(coalesce(who, '')) like '%[bot]'
    or lower(trim(coalesce(who, ''))) = 'github-actions';

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

-- One person, one git name (DESIGN.md §4 "people"): git author names that differ only in case,
-- spacing or punctuation are one person ("Hailey Schoelkopf", "haileyschoelkopf",
-- "hailey.schoelkopf"), keyed by their letters and digits, lower-cased. A name with none keeps
-- its trimmed lower-cased spelling. Anything less certain (initials, reordered or extra names) is
-- never merged here: `onramp identities suggest` proposes it for a maintainer to confirm.
create or replace temp macro git_name_key(name) as
    coalesce(
        nullif(regexp_replace(lower(trim(name)), '[^\p{L}\p{N}]', '', 'g'), ''),
        lower(trim(name))
    );

-- Git evidence of write access to a repository: a commit on its default branch's first-parent
-- line that did not arrive as a squashed pull request (no PR number and not a merge: pushed
-- straight; a merge: its author merged a pull request or a branch there). Only git history says
-- which commits are on the first-parent line; where it is unknown (null) nothing is concluded.
create or replace temp macro has_write_evidence(on_first_parent, is_merge, pr_number) as
    coalesce(on_first_parent, false) and (is_merge or pr_number is null);

-- The waiting-item age buckets (8Knot's): fresh under 7 days, staling 7 to 30, stale over 30, by
-- days waiting at the data cut-off. Staling comes first (rank 1): still savable, and about to be
-- lost; then fresh, then stale. fct_waiting_buckets lists the thresholds for pages to show.
create or replace temp macro waiting_bucket(days) as
    case when days < 7 then 'fresh' when days <= 30 then 'staling' else 'stale' end;
create or replace temp macro waiting_bucket_rank(bucket) as
    case bucket when 'staling' then 1 when 'fresh' then 2 else 3 end;
