"""`onramp collect --source github && onramp build && onramp metrics --format json` against the fake
server, on generated data nobody tuned, checked against every pinned GitHub indicator computed here
independently, in plain Python, from the server's own payloads (DESIGN.md §4)."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest

from onramp.cli import main

from fakes.github_data import generate

PERSONAL = {
    "gmail.com", "googlemail.com", "users.noreply.github.com", "outlook.com", "hotmail.com",
    "live.com", "msn.com", "yahoo.com", "ymail.com", "qq.com", "foxmail.com", "163.com", "126.com",
    "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "gmx.de", "gmx.net",
    "mail.ru", "yandex.ru", "aol.com",
}  # fmt: skip
INTERNAL = {"OWNER", "MEMBER", "COLLABORATOR"}


def when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def month(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m")


def bot(user: dict | None, name: str = "") -> bool:
    login = (user or {}).get("login") or ""
    return (user or {}).get("type") == "Bot" or login.endswith("[bot]") or name.endswith("[bot]")


class Expected:
    """The pinned indicators of one project, from the repositories' API payloads."""

    def __init__(self, repos):
        self.items = [(r.full_name, i) for r in repos for i in r.issues if not bot(i["user"])]
        self.responses = defaultdict(list)  # (repo, number) -> [(login, time, is_bot)]
        self.activity = []  # (person, time, is_bot)
        for r in repos:
            for i in r.issues:
                self.activity.append((i["user"]["login"], when(i["created_at"]), bot(i["user"])))
            said = [(c, c["issue_url"]) for c in r.issue_comments]
            said += [(c, c["pull_request_url"]) for c in r.review_comments]
            said += [(v, v["pull_request_url"]) for vs in r.reviews.values() for v in vs
                     if "submitted_at" in v]  # fmt: skip
            for c, url in said:
                at = when(c.get("submitted_at") or c["created_at"])
                key = (r.full_name, int(url.rsplit("/", 1)[1]))
                self.responses[key].append((c["user"]["login"], at, bot(c["user"])))
                self.activity.append((c["user"]["login"], at, bot(c["user"])))
        logins = [p for p, _, _ in self.activity if p]
        logins += [c["author"]["login"] for r in repos for c in r.commits if c["author"]]
        self.commits = self._commits(repos, {p.lower(): p for p in sorted(logins, reverse=True)})
        self.activity += [(p, at, b) for p, _, at, b in self.commits]
        self.cutoff = max(at for _, at, _ in self.activity)
        people = [(p, at) for p, at, b in self.activity if not b]
        first = month(min(at for _, at in people))
        self.months = _months(first, month(self.cutoff))
        self.people = people

    def _commits(self, repos, logins):
        out = []
        for c in (c for r in repos for c in r.commits):
            name = c["commit"]["author"]["name"]
            # a commit's person is its linked login; else a login-like name (no space) that is a
            # login seen on issues or comments; else its author name's letters and digits
            key = re.sub(r"[\W_]", "", name.strip().lower()) or name.strip().lower()
            login_like = None if re.search(r"\s", name.strip()) else name.strip().lower()
            person = (c["author"] or {}).get("login") or logins.get(login_like) or f"git:{key}"
            domain = c["commit"]["author"]["email"].rsplit("@", 1)[1].lower()
            out.append(
                (person, domain, when(c["commit"]["author"]["date"]), bot(c["author"], name))
            )
        return out

    def first_response(self, repo, item):
        created, author = when(item["created_at"]), item["user"]["login"]
        times = [at for login, at, b in self.responses[(repo, item["number"])]
                 if not b and login != author and at >= created]  # fmt: skip
        return min(times) if times else None

    def values(self, m: str) -> dict:
        items = self.items
        opened = [(r, i) for r, i in items if month(when(i["created_at"])) == m]
        prs = [i for _, i in opened if "pull_request" in i]
        issues = [i for _, i in opened if "pull_request" not in i]
        closed = [i for _, i in items if i["closed_at"] and month(when(i["closed_at"])) == m]
        closed_prs = [i for i in closed if "pull_request" in i]
        merged = [i for _, i in items if "pull_request" in i and i["pull_request"]["merged_at"]
                  and month(when(i["pull_request"]["merged_at"])) == m]  # fmt: skip
        waits = [(fr - when(i["created_at"])).total_seconds() / 3600
                 for r, i in opened if (fr := self.first_response(r, i))]  # fmt: skip
        answered = sum(1 for r, i in opened if self.first_response(r, i))
        ratio = lambda a, b: a / b if b else None  # noqa: E731
        return {
            "gh_prs_opened": len(prs),
            "gh_external_prs_opened": sum(i["author_association"] not in INTERNAL for i in prs),
            "gh_external_prs_merged": sum(i["author_association"] not in INTERNAL for i in merged),
            "gh_pr_acceptance_ratio": ratio(
                sum(1 for i in closed_prs if i["pull_request"]["merged_at"]), len(closed_prs)),
            "gh_pr_closure_ratio": ratio(len(closed_prs), len(prs)),
            "gh_issue_closure_ratio": ratio(
                sum("pull_request" not in i for i in closed), len(issues)),
            "gh_ttfr_median_hours": statistics.median(waits) if waits else None,
            "gh_unanswered_share": ratio(len(opened) - answered, len(opened)),
            **self.people_values(m),
            **self.factors(m),
        }  # fmt: skip

    def people_values(self, m: str) -> dict:
        active = {p for p, at in self.people if month(at) == m}
        before = {p for p, at in self.people if month(at) == _previous(m)}
        firsts = Counter(
            month(min(at for q, at in self.people if q == p)) for p in {p for p, _ in self.people}
        )
        counts = Counter(p for p, _ in self.people)
        last = {p: max(at for q, at in self.people if q == p) for p in counts}
        gone = sum(1 for p, at in last.items() if counts[p] >= 3 and month(at) == m
                   and at + timedelta(days=180) <= self.cutoff)  # fmt: skip
        return {
            "gh_active_contributors": len(active),
            "gh_new_contributors": firsts.get(m, 0),
            "contributor_retention": len(active & before) / len(before) if before else None,
            "gh_inactive_contributors": gone,
        }

    def factors(self, m: str) -> dict:
        end = datetime.combine(date.fromisoformat(_next(m) + "-01"), datetime.min.time(), UTC)
        window = [
            (p, d)
            for p, d, at, b in self.commits
            if not b and end - timedelta(days=365) <= at < end
        ]
        people = Counter(p for p, _ in window)
        orgs = Counter(d for _, d in window if d not in PERSONAL)
        return {"contributor_absence_factor": _factor(people), "elephant_factor": _factor(orgs)}


def _factor(counts: Counter) -> int | None:
    total, running = sum(counts.values()), 0
    for k, n in enumerate(sorted(counts.values(), reverse=True), start=1):
        running += n
        if running > total / 2:
            return k
    return None


def _months(first: str, last: str) -> list[str]:
    out = [first]
    while out[-1] != last:
        out.append(_next(out[-1]))
    return out


def _next(m: str) -> str:
    y, mo = map(int, m.split("-"))
    return f"{y + mo // 12}-{mo % 12 + 1:02d}"


def _previous(m: str) -> str:
    y, mo = map(int, m.split("-"))
    return f"{y - (mo == 1)}-{(mo - 2) % 12 + 1:02d}"


def test_collect_build_metrics_gives_every_pinned_github_indicator(github, tmp_path, capsys):
    repos = [
        generate("llm/train", 21, items=160, comments=420, seed=7, commits=120, leavers=4),
        generate("llm/eval", 22, items=90, comments=150, seed=8, commits=60, leavers=2),
    ]
    github(*repos)
    config = tmp_path / "projects.toml"
    config.write_text(
        '[[project]]\nid = "llm"\nname = "LLM"\norganizational_model = "company"\n'
        'github_repos = ["llm/train", "llm/eval"]\n'
    )
    common = ["--config", str(config), "--db", str(tmp_path / "onramp.duckdb")]
    assert main(["collect", "--source", "github", "--no-progress", *common]) == 0
    assert main(["build", *common]) == 0
    capsys.readouterr()
    assert main(["metrics", "--format", "json", "--project", "llm", *common]) == 0
    records = json.loads(capsys.readouterr().out)
    got = defaultdict(dict)
    for r in records:
        got[r["month"]][r["indicator"]] = r["value"]
    expected = Expected(repos)
    assert sorted(got) == expected.months and len(expected.months) > 12
    # the data exercises every indicator: each has a non-zero, non-null value somewhere
    for m in expected.months:
        want = expected.values(m)
        assert {k: got[m].get(k) for k in want} == pytest.approx(want, abs=1e-5), (
            m
        )  # metrics rounds
    silent = [k for k in expected.values(expected.months[5]) if not any(got[m].get(k) for m in got)]
    assert silent == []
