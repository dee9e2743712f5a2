"""One odd Hub item (a repository without an id, a thread whose number is not a number) is skipped,
warned about and counted; the rest of the listing is stored."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from collectors.base import RunContext, RunStats
from collectors.hub import discussions, repos

NOW = datetime(2024, 6, 15, tzinfo=UTC)


class Http:
    """Answers like HubHttp, from canned JSON."""

    def __init__(self, pages=None, documents=None) -> None:
        self.warnings: list[str] = []
        self.ctx = RunContext(stats=RunStats(), warn=self.warnings.append, label="p hub")
        self.api = SimpleNamespace(endpoint="http://hub.test")
        self._pages, self._documents = pages or [], documents or {}

    def pages(self, url, params=None, **_):
        yield from self._pages

    def json(self, url, params=None, **_):
        return self._documents[url.rsplit("/", 1)[-1] if not url.endswith("discussions") else ""]


def test_a_repository_without_an_id_is_skipped():
    http = Http(pages=[[{"id": "org/a"}, {"_id": "6412", "author": "org"}, {"id": "org/b"}]])
    listing = repos.list_repos(http, "org", "model", {}, now=NOW, page_size=1000)
    assert [r["repo_id"] for r in listing.rows] == ["org/a", "org/b"]
    assert http.ctx.stats.skipped == 1
    assert http.warnings == [
        "p hub: skipped a hub_repos record (id 6412) at /api/models: no repository id"
    ]


def test_a_thread_with_an_odd_number_is_skipped():
    listing = {"discussions": [{"num": "abc", "status": "open"},
                               {"num": 2, "status": "open", "author": {"name": "ann"}}],
               "count": 2, "start": 0}  # fmt: skip
    http = Http(documents={"": listing, "2": {"events": []}})
    found = discussions.fetch(http, "model", "org/a", {})
    assert [d["num"] for d in found.discussions] == [2]
    assert found.discussions[0]["author"] == "ann"
    assert http.ctx.stats.skipped == 1 and "abc" not in found.seen
