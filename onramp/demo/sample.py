"""Sample rows for what the real data lacks: GitHub issues, PRs and comments, Hub discussions,
Discord activity. Deterministic (seeded by repository, model and guild names), provenance 'sample'
on every row, and labelled "sample data" wherever a figure built on them shows.

Shapes follow the real data: issue and PR volume tracks each repository's real monthly commits,
pull requests named by real merge and squash commits keep their real number and merge time; every
generated item's author is a generated name (`sample-user-NNNN`, `sample-OWNER-maintainer-N`), never
a real person's login.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import timedelta

import numpy as np
import pandas as pd

SAMPLE = "sample"
_POOL = 4000  # community members the sample draws from, Zipf-weighted


def _rng(*names: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32("/".join(names).encode()))


def _id(*parts: object) -> int:
    """A stable positive 63-bit id for a generated row."""
    digest = hashlib.blake2b("/".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def _community(rng: np.random.Generator, n: int) -> np.ndarray:
    ranks = np.minimum(rng.zipf(1.6, n), _POOL)
    return np.array([f"sample-user-{r:04d}" for r in ranks])


def _maintainers(repo: str) -> list[str]:
    owner = repo.split("/")[0].lower()
    return [f"sample-{owner}-maintainer-{i}" for i in range(1, 5)]


# ---------------------------------------------------------------- GitHub


def github(commits: pd.DataFrame, cutoff: pd.Timestamp) -> dict[str, pd.DataFrame]:
    issues, comments = [], []
    for repo, repo_commits in commits.groupby("repo", sort=True):
        repo_issues = _repo_items(repo, repo_commits, cutoff)
        issues.append(repo_issues)
        comments.append(_repo_comments(repo, repo_issues, cutoff))
    return {
        "github_issues": pd.concat(issues, ignore_index=True),
        "github_comments": pd.concat(comments, ignore_index=True),
    }


def _repo_items(repo: str, commits: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    rng = _rng("github", repo)
    maintainers = _maintainers(repo)
    prs = _real_prs(commits, rng, maintainers)
    monthly = commits.groupby(commits["authored_at"].dt.tz_convert(None).dt.to_period("M")).size()
    extra = []
    for period, n_commits in monthly.items():
        start = period.to_timestamp().tz_localize("UTC")
        n_issues = rng.poisson(min(0.25 * n_commits + 0.8, 40))
        n_open_prs = rng.poisson(min(0.06 * n_commits + 0.3, 12))
        extra.append(_synthetic(rng, start, n_issues, False, maintainers))
        extra.append(_synthetic(rng, start, n_open_prs, True, maintainers))
    items = pd.concat([prs, *extra], ignore_index=True)
    items = items[items["created_at"] < cutoff].sort_values("created_at", kind="stable")
    items["closed_at"] = items["closed_at"].where(items["closed_at"] < cutoff)
    items["merged_at"] = items["merged_at"].where(items["closed_at"].notna())
    items["state"] = np.where(items["closed_at"].notna(), "closed", "open")
    items["created_at"] = items["created_at"].dt.floor("s")
    items["closed_at"] = items["closed_at"].dt.floor("s")
    items["number"] = _numbers(items)
    items["repo"] = repo
    items["id"] = [_id(repo, n) for n in items["number"]]
    items["title"] = [
        f"Sample {'pull request' if pr else 'issue'} #{n}"
        for pr, n in zip(items["is_pull_request"], items["number"], strict=True)
    ]
    items["author_type"] = np.where(items["author_login"].str.endswith("[bot]"), "Bot", "User")
    items["is_bot"] = items["author_type"] == "Bot"
    items["updated_at"] = items[["created_at", "closed_at"]].max(axis=1)
    items["provenance"] = SAMPLE
    return items.drop(columns=["real_number"])


def _real_prs(commits: pd.DataFrame, rng, maintainers: list[str]) -> pd.DataFrame:
    """Pull requests named by real commits: real number, author (where known) and merge time."""
    named = commits.dropna(subset=["pr_number"]).sort_values("committed_at")
    named = named.drop_duplicates("pr_number", keep="first")
    n = len(named)
    merged_at = named["committed_at"].reset_index(drop=True)
    lag = pd.to_timedelta(rng.lognormal(np.log(30), 1.4, n), unit="h")
    # the item is generated (its opening time, association and comments are made up), so its author
    # is a generated one too: a real login on a made-up item would put words in a real person's
    # mouth. The real author stays where it is true, on the real commits (pr_login).
    authors = pd.Series(_community(rng, n), index=named.index)
    external = ~authors.isin(maintainers) & (rng.random(n) < 0.8)
    return pd.DataFrame(
        {
            "real_number": named["pr_number"].astype("int64").to_numpy(),
            "is_pull_request": True,
            "author_login": authors.to_numpy(),
            "author_association": np.where(external, "CONTRIBUTOR", "MEMBER"),
            "created_at": merged_at - lag,
            "closed_at": merged_at,
            "merged_at": merged_at,
        }
    )


def _synthetic(rng, month_start: pd.Timestamp, n: int, is_pr: bool, maintainers: list[str]):
    created = pd.Series(month_start + pd.to_timedelta(rng.random(n) * 30 * 24, unit="h"))
    from_maintainer = rng.random(n) < 0.2
    bot = is_pr & (rng.random(n) < 0.08)
    authors = np.where(from_maintainer, rng.choice(maintainers, n), _community(rng, n))
    authors = np.where(bot, "dependabot[bot]", authors)
    association = np.where(
        from_maintainer, "MEMBER", rng.choice(["CONTRIBUTOR", "NONE"], n, p=[0.3, 0.7])
    )
    closes = rng.random(n) < (0.55 if is_pr else 0.7)
    close_lag = pd.to_timedelta(rng.lognormal(np.log(24 * 9), 1.3, n), unit="h")
    closed = (created + close_lag).where(closes)
    return pd.DataFrame(
        {
            "real_number": pd.array([pd.NA] * n, dtype="Int64"),
            "is_pull_request": is_pr,
            "author_login": authors,
            "author_association": np.where(bot, "NONE", association),
            "created_at": created,
            "closed_at": closed,
            "merged_at": pd.Series(
                pd.NaT, index=created.index, dtype=created.dtype
            ),  # closed unmerged or open
        }
    )


def _numbers(items: pd.DataFrame) -> np.ndarray:
    """Real PR numbers stay; generated items take the free numbers, in creation order."""
    taken = set(items["real_number"].dropna().astype(int))
    free = (n for n in range(1, 10**7) if n not in taken)
    return np.array(
        [int(r) if pd.notna(r) else next(free) for r in items["real_number"]], dtype=np.int32
    )


def _repo_comments(repo: str, items: pd.DataFrame, cutoff: pd.Timestamp) -> pd.DataFrame:
    rng = _rng("github-comments", repo)
    maintainers = _maintainers(repo)
    rows = [
        row
        for item in items.itertuples(index=False)
        for row in _item_comments(rng, item, maintainers)
    ]
    columns = ["number", "kind", "author_login", "author_association", "created_at", "review_state"]
    df = pd.DataFrame(rows, columns=columns)
    df["created_at"] = pd.to_datetime(df["created_at"], utc=True).dt.floor("s")
    df = df[df["created_at"] < cutoff].reset_index(drop=True)
    df["repo"] = repo
    df["id"] = [
        _id(repo, k, n, i) for i, (k, n) in enumerate(zip(df["kind"], df["number"], strict=True))
    ]
    df["author_type"] = "User"
    df["is_bot"] = False
    df["updated_at"] = df["created_at"]
    df["provenance"] = SAMPLE
    return df


def _item_comments(rng, item, maintainers: list[str]) -> list[tuple]:
    """A first response (most items get one), follow-ups, and a review before a merge."""
    out = []
    answered = rng.random() < (0.85 if item.is_pull_request else 0.75)
    t = item.created_at
    if answered:
        responder = rng.choice(maintainers) if rng.random() < 0.7 else _community(rng, 1)[0]
        t = t + timedelta(hours=float(rng.lognormal(np.log(18), 1.5)))
        out.append(
            (
                item.number,
                "issue_comment",
                responder,
                "MEMBER" if responder in maintainers else "NONE",
                t,
                None,
            )
        )
        for _ in range(rng.poisson(1.2)):
            who = item.author_login if rng.random() < 0.5 else rng.choice(maintainers)
            t = t + timedelta(hours=float(rng.lognormal(np.log(10), 1.2)))
            out.append(
                (
                    item.number,
                    "issue_comment",
                    who,
                    item.author_association if who == item.author_login else "MEMBER",
                    t,
                    None,
                )
            )
    if item.is_pull_request and pd.notna(item.merged_at):
        reviewer = rng.choice(maintainers)
        review_at = item.merged_at - timedelta(minutes=float(rng.uniform(5, 600)))
        review_at = max(review_at, item.created_at + timedelta(minutes=1))
        out.append((item.number, "review", reviewer, "MEMBER", review_at, "APPROVED"))
        if rng.random() < 0.4:
            out.append(
                (
                    item.number,
                    "review_comment",
                    reviewer,
                    "MEMBER",
                    review_at - timedelta(minutes=2),
                    None,
                )
            )
    return out


# ---------------------------------------------------------------- Hugging Face Hub


def hub(project_models: pd.DataFrame, org_members: dict[str, list[str]], cutoff: pd.Timestamp):
    """Discussions and Hub PRs on the given models (columns: project, repo_id, created_at)."""
    discussions, events = [], []
    for model in project_models.itertuples(index=False):
        d, e = _model_discussions(model, org_members.get(model.project, []), cutoff)
        discussions.append(d)
        events.append(e)
    return {
        "hub_discussions": pd.concat(discussions, ignore_index=True),
        "hub_discussion_events": pd.concat(events, ignore_index=True),
    }


def _model_discussions(model, members: list[str], cutoff: pd.Timestamp):
    rng = _rng("hub", model.repo_id)
    start = model.created_at if pd.notna(model.created_at) else pd.Timestamp("2024-01-01", tz="UTC")
    span_h = max((cutoff - start).total_seconds() / 3600, 24)
    n = rng.poisson(9)
    # the "nomadic" pattern: most questions arrive soon after a release, then fade
    created = start + pd.to_timedelta(
        np.minimum(rng.exponential(span_h / 6, n), span_h - 1), unit="h"
    )
    created = pd.Series(created).sort_values().dt.floor("s").reset_index(drop=True)
    is_pr = rng.random(n) < 0.25
    by_member = rng.random(n) < 0.15
    authors = np.where(
        by_member, rng.choice(members or ["sample-hub-staff"], n), _hub_people(rng, n)
    )
    rows, event_rows = [], []
    for i in range(n):
        answered = rng.random() < 0.6
        t = created[i]
        event_rows.append((i + 1, f"{i + 1}-0", "comment", authors[i], bool(by_member[i]), t, None))
        if answered:
            t = t + pd.Timedelta(hours=float(rng.lognormal(np.log(40), 1.6)))
            who = rng.choice(members) if members and rng.random() < 0.6 else _hub_people(rng, 1)[0]
            event_rows.append((i + 1, f"{i + 1}-1", "comment", who, who in members, t, None))
        closed = rng.random() < 0.5
        status = ("merged" if is_pr[i] and rng.random() < 0.5 else "closed") if closed else "open"
        if closed:
            t = t + pd.Timedelta(hours=float(rng.lognormal(np.log(72), 1.2)))
            event_rows.append(
                (
                    i + 1,
                    f"{i + 1}-2",
                    "status-change",
                    rng.choice(members or [authors[i]]),
                    True,
                    t,
                    status,
                )
            )
        rows.append(
            (
                i + 1,
                bool(is_pr[i]),
                f"Sample discussion #{i + 1}",
                status,
                authors[i],
                bool(by_member[i]),
                created[i],
                1 + answered,
            )
        )
    discussions = pd.DataFrame(
        rows,
        columns=[
            "num",
            "is_pull_request",
            "title",
            "status",
            "author",
            "author_is_org_member",
            "created_at",
            "num_comments",
        ],
    )
    events = pd.DataFrame(
        event_rows,
        columns=[
            "num",
            "event_id",
            "event_type",
            "author",
            "author_is_org_member",
            "created_at",
            "new_status",
        ],
    )
    events["created_at"] = pd.to_datetime(events["created_at"], utc=True).dt.floor("s")
    events = events[events["created_at"] < cutoff]
    for df in (discussions, events):
        df["repo_type"] = "model"
        df["repo_id"] = model.repo_id
        df["provenance"] = SAMPLE
    return discussions[discussions["created_at"] < cutoff], events


def _hub_people(rng: np.random.Generator, n: int) -> np.ndarray:
    ranks = np.minimum(rng.zipf(1.5, n), _POOL)
    return np.array([f"sample-hf-user-{r:04d}" for r in ranks])


# ---------------------------------------------------------------- Discord

DISCORD_EPOCH_MS = 1420070400000
_CHANNELS = (
    ("general", "text"),
    ("announcements", "announcement"),
    ("research", "text"),
    ("off-topic", "text"),
    ("help", "forum"),
)


def snowflake(ts: pd.Timestamp, salt: int) -> int:
    return ((int(ts.timestamp() * 1000) - DISCORD_EPOCH_MS) << 22) | (salt & 0x3FFFFF)


def discord(
    guilds: dict[str, tuple[str, pd.Timestamp]], cutoff: pd.Timestamp
) -> dict[str, pd.DataFrame]:
    """A sample guild per entry {guild_id: (name, first day)}: channels, help threads, messages."""
    out = {
        "discord_guilds": [],
        "discord_guild_snapshots": [],
        "discord_channels": [],
        "discord_messages": [],
    }
    for guild_id, (name, start) in guilds.items():
        for table, rows in _guild(guild_id, name, start, cutoff).items():
            out[table].append(rows)
    return {t: pd.concat(frames, ignore_index=True) for t, frames in out.items()}


def _guild(guild_id: str, name: str, start: pd.Timestamp, cutoff: pd.Timestamp):
    rng = _rng("discord", guild_id)
    days = pd.date_range(start, cutoff, freq="D", inclusive="left")
    channels, messages = [], []
    speakers = np.array([f"sample-{_id('speaker', guild_id, i):016x}" for i in range(1500)])
    weights = 1 / np.arange(1, len(speakers) + 1) ** 1.1
    weights /= weights.sum()
    for c, (channel_name, kind) in enumerate(_CHANNELS):
        channel_id = str(snowflake(start, _id(guild_id, c)))
        channels.append((channel_id, None, kind, channel_name, None, start))
        if kind == "forum":
            channels_t, messages_t = _help_threads(
                rng, guild_id, channel_id, days, speakers, weights
            )
            channels += channels_t
            messages += messages_t
            continue
        rate = {"general": 18, "research": 7, "off-topic": 4, "announcements": 0.3}[channel_name]
        for day in days:
            fade = 0.4 + 0.6 * np.exp(-(day - start).days / 500)
            for _ in range(rng.poisson(rate * fade)):
                t = day + pd.Timedelta(seconds=float(rng.uniform(0, 86400)))
                messages.append(
                    (channel_id, t, rng.choice(speakers, p=weights), rng.random() < 0.03)
                )
    return _guild_frames(rng, guild_id, name, channels, messages, cutoff)


def _help_threads(rng, guild_id, forum_id, days, speakers, weights):
    channels, messages = [], []
    for day in days:
        for _ in range(rng.poisson(0.8)):
            start = day + pd.Timedelta(seconds=float(rng.uniform(0, 86400)))
            owner = rng.choice(speakers, p=weights)
            thread_id = str(snowflake(start, _id(guild_id, forum_id, start.value)))
            channels.append(
                (thread_id, forum_id, "public_thread", "Sample help thread", owner, start)
            )
            messages.append((thread_id, start, owner, False))
            if rng.random() < 0.7:
                t = start + pd.Timedelta(minutes=float(rng.lognormal(np.log(90), 1.5)))
                messages.append((thread_id, t, rng.choice(speakers, p=weights), False))
                if rng.random() < 0.6:
                    messages.append(
                        (
                            thread_id,
                            t + pd.Timedelta(minutes=float(rng.uniform(2, 300))),
                            owner,
                            False,
                        )
                    )
    return channels, messages


def _guild_frames(rng, guild_id, name, channels, messages, cutoff):
    ch = pd.DataFrame(
        channels,
        columns=["channel_id", "parent_id", "kind", "name", "owner_pseudonym", "created_at"],
    )
    ch["guild_id"] = guild_id
    ch["archived"] = False
    msgs = pd.DataFrame(
        messages, columns=["channel_id", "created_at", "author_pseudonym", "author_is_bot"]
    )
    msgs["created_at"] = pd.to_datetime(msgs["created_at"], utc=True).dt.floor("s")
    msgs = (
        msgs[msgs["created_at"] < cutoff]
        .sort_values("created_at", kind="stable")
        .reset_index(drop=True)
    )
    msgs["author_pseudonym"] = np.where(
        msgs["author_is_bot"], "sample-bot", msgs["author_pseudonym"]
    )
    msgs["message_id"] = [str(snowflake(t, i)) for i, t in enumerate(msgs["created_at"])]
    msgs["guild_id"] = guild_id
    msgs["reaction_count"] = rng.poisson(0.4, len(msgs)).astype("int32")
    msgs["message_type"] = 0
    last = msgs.groupby("channel_id")["message_id"].last()
    ch["last_message_id"] = ch["channel_id"].map(last)
    members = pd.DataFrame(
        {
            "guild_id": [guild_id],
            "snapshot_date": [(cutoff - pd.Timedelta(days=1)).date()],
            "approx_member_count": [int(rng.integers(8000, 30000))],
            "approx_presence_count": [int(rng.integers(500, 3000))],
        }
    )
    frames = {
        "discord_guilds": pd.DataFrame({"guild_id": [guild_id], "name": [name]}),
        "discord_guild_snapshots": members,
        "discord_channels": ch,
        "discord_messages": msgs,
    }
    for df in frames.values():
        df["provenance"] = SAMPLE
    return frames
