"""A local fake Hugging Face Hub speaking the real API's shapes (reference/hub.md):

- `/api/{models,datasets,spaces}` listings: author / filter (ANDed tags) / sort (descending) /
  limit (at most 1000, 50 by default) / repeated `expand` (a default subset without it; the
  model-info-only properties rejected with 400), paged by a `Link: <...>; rel="next"` cursor URL;
- `/api/models/{id}?expand=...`: childrenModelCount (a dict by relation), spaces, evalResults,
  model-index;
- discussions 50 a page (`{discussions, count, start, numClosedDiscussions}`), details with events
  whose authors carry isOwner / isOrgMember, 403 when discussions are disabled;
- `/api/organizations/{org}/members` (Link-paged), `/api/datasets/{id}/leaderboard`;
- a RateLimit / RateLimit-Policy header on every response; injected 429s (r=0) and 5xx.

    hub = FakeHub(); hub.add_model("org/a", created="2024-01-02"); with serve(hub) as url: ...
"""

from __future__ import annotations

import base64
import contextlib
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

MODEL_INFO_ONLY = {"baseModels", "childrenModelCount", "usedStorage"}
DEFAULT_FIELDS = [
    "id",
    "likes",
    "downloads",
    "tags",
    "pipeline_tag",
    "library_name",
    "createdAt",
    "private",
]
MAX_PAGE, DEFAULT_PAGE, DISCUSSION_PAGE = 1000, 50, 50
MALFORMED = object()  # a body cut off mid-way


def iso(day: str) -> str:
    """'2024-01-02' or '2024-01-02T10:00' -> the Hub's '2024-01-02T10:00:00.000Z'."""
    if "T" not in day:
        day += "T00:00"
    if day.count(":") == 1:
        day += ":00"
    return day + ".000Z"


@dataclass
class Thread:
    num: int
    title: str
    author: str
    created: str
    is_pr: bool = False
    status: str = "open"
    events: list[dict] = field(default_factory=list)


@dataclass
class Fault:
    """Answer `status` (429 with RateLimit r=0, 5xx, or 200 with a truncated body) to the next
    `times` requests matching."""

    path_contains: str
    status: int
    times: int = 1


class FakeHub:
    def __init__(self, quota: int = 100_000) -> None:
        self.repos: dict[tuple[str, str], dict] = {}
        self.threads: dict[tuple[str, str], list[Thread]] = {}
        self.disabled: set[tuple[str, str]] = set()
        self.members: dict[str, list[str]] = {}
        self.leaderboards: dict[str, list[dict]] = {}
        self.faults: list[Fault] = []
        self.quota, self.remaining, self.reset_in = quota, quota, 300
        self.log: list[tuple[str, str, dict]] = []  # (kind, path, query)
        self.authorizations: set[str | None] = set()  # Authorization headers seen
        self.lock = threading.Lock()
        self._event_ids = 0
        self._index: dict | None = None

    # -- building the data ---------------------------------------------------------------------

    def add_model(
        self,
        repo_id: str,
        *,
        created="2024-01-01",
        modified=None,
        downloads=0,
        downloads_all_time=None,
        likes=0,
        parents=(),
        datasets=(),
        tags=(),
        model_index=None,
        eval_results=None,
        spaces=(),
        gated=False,
        pipeline_tag="text-generation",
        library_name="transformers",
        card=None,
    ) -> dict:
        """`parents`: (relation, base id) pairs, tagged the Hub's way (bare and with relation).
        `card`: the card's metadata (`cardData`, sent only when asked for by `expand`), e.g.
        {"language": ["sw"]}; the Hub also tags the model with each language, bare: pass those in
        `tags` as the Hub would show them. A model without a card has no `cardData` at all."""
        all_tags = list(tags) + [f"dataset:{d}" for d in datasets]
        for relation, base in parents:
            all_tags += [f"base_model:{base}", f"base_model:{relation}:{base}"]
        return self._add(
            "model",
            repo_id,
            created,
            modified,
            likes,
            {
                "downloads": downloads,
                "downloadsAllTime": downloads_all_time or downloads * 10,
                "tags": list(dict.fromkeys(all_tags)),
                "pipeline_tag": pipeline_tag,
                "library_name": library_name,
                "gated": gated,
                "model-index": model_index,
                "evalResults": eval_results or [],
                "spaces": list(spaces),
                **({} if card is None else {"cardData": card}),
            },
        )

    def add_dataset(
        self, repo_id: str, *, created="2024-01-01", modified=None, downloads=0, likes=0, tags=()
    ) -> dict:
        return self._add(
            "dataset",
            repo_id,
            created,
            modified,
            likes,
            {
                "downloads": downloads,
                "downloadsAllTime": downloads * 10,
                "tags": list(tags),
                "gated": False,
            },
        )

    def add_space(
        self, repo_id: str, *, created="2024-01-01", modified=None, likes=0, models=()
    ) -> dict:
        return self._add(
            "space",
            repo_id,
            created,
            modified,
            likes,
            {"tags": [], "sdk": "gradio", "models": list(models)},
        )

    def _add(self, repo_type, repo_id, created, modified, likes, extra) -> dict:
        repo = {
            "_id": f"id-{len(self.repos)}",
            "id": repo_id,
            "author": repo_id.split("/")[0],
            "createdAt": iso(created),
            "lastModified": iso(modified or created),
            "likes": likes,
            "private": False,
            "sha": f"sha-{len(self.repos)}",
            **extra,
        }
        self.repos[(repo_type, repo_id)] = repo
        self._index = None
        return repo

    def tagged(self, repo_type: str, tag: str) -> list[dict]:
        """Repositories of a type carrying `tag` (an index, so big fake Hubs answer fast)."""
        if self._index is None:
            self._index = {}
            for (t, _), r in self.repos.items():
                for each in r.get("tags", []):
                    self._index.setdefault((t, each), []).append(r)
        return list(self._index.get((repo_type, tag), []))

    def add_thread(
        self,
        repo_type: str,
        repo_id: str,
        author: str,
        created: str,
        *,
        is_pr=False,
        comments=(),
        status_changes=(),
        title="a thread",
    ) -> Thread:
        """A discussion opened by `author` with its description, then (author, at) comments and
        (author, at, new_status) status changes."""
        threads = self.threads.setdefault((repo_type, repo_id), [])
        thread = Thread(len(threads) + 1, title, author, iso(created), is_pr)
        self._comment(thread, author, created)
        for who, at in comments:
            self._comment(thread, who, at)
        for who, at, status in status_changes:
            thread.events.append(self._event("status-change", who, at, {"status": status}))
            thread.status = status
        threads.append(thread)
        return thread

    def _comment(self, thread: Thread, who: str, at: str) -> None:
        thread.events.append(
            self._event("comment", who, at, {"latest": {"raw": "text"}, "numEdits": 0})
        )

    def _event(self, kind: str, who: str, at: str, data: dict) -> dict:
        self._event_ids += 1
        return {
            "id": f"ev{self._event_ids:06d}",
            "type": kind,
            "createdAt": iso(at),
            "author": who,
            "data": data,
        }

    # -- answering -----------------------------------------------------------------------------

    def count(self, kind: str | None = None) -> int:
        return sum(1 for k, _p, _q in self.log if kind is None or k == kind)

    def kinds(self) -> Counter:
        return Counter(k for k, _p, _q in self.log)

    def answer(
        self, path: str, query: list[tuple[str, str]], base: str
    ) -> tuple[int, object, dict]:
        kind = self._kind(path)
        with self.lock:
            self.log.append((kind, path, dict(query)))
            fault = next((f for f in self.faults if f.path_contains in path and f.times > 0), None)
            if fault:
                fault.times -= 1
                return self._fault(fault.status)
            self.remaining = max(self.remaining - 1, 0)
            headers = self._limit_headers(self.remaining)
        status, body, extra = self._route(kind, path, query, base)
        return status, body, {**headers, **extra}

    def _limit_headers(self, remaining: int) -> dict:
        return {
            "RateLimit": f'"api";r={remaining};t={self.reset_in}',
            "RateLimit-Policy": f'"fixed window";"api";q={self.quota};w=300',
        }

    def _fault(self, status: int):
        headers = self._limit_headers(0 if status == 429 else self.remaining)
        if status == 200:
            return 200, MALFORMED, headers
        if status == 429:
            headers["RateLimit"] = '"api";r=0;t=1'
            return 429, {"error": "you have reached your 'api' rate limit"}, headers
        return status, {"error": "server error"}, headers

    @staticmethod
    def _kind(path: str) -> str:
        parts = path.strip("/").split("/")
        if parts[:2] == ["api", "organizations"]:
            return "members"
        if len(parts) == 2:
            return "list"
        if parts[-1] == "leaderboard":
            return "leaderboard"
        if "discussions" in parts:
            return "discussions" if parts[-1] == "discussions" else "details"
        return "info"

    def _route(self, kind, path, query, base):
        parts = path.strip("/").split("/")
        if kind == "list":
            return self._list(parts[1].rstrip("s"), query, base, path)
        if kind == "members":
            return self._members(parts[2], query, base, path)
        repo_type, repo_id = parts[1].rstrip("s"), "/".join(parts[2:4])
        if (repo_type, repo_id) not in self.repos and kind != "leaderboard":
            return 404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"}
        if kind == "info":
            return self._info(repo_type, repo_id, query)
        if kind == "leaderboard":
            return self._leaderboard(repo_id, query)
        if (repo_type, repo_id) in self.disabled:
            return 403, {"error": "Discussions are disabled for this repo"}, {}
        if kind == "discussions":
            return self._discussions(repo_type, repo_id, query)
        return self._details(repo_type, repo_id, int(parts[-1]), query)

    # -- listings ------------------------------------------------------------------------------

    def _list(self, repo_type, query, base, path):
        expand = [v for k, v in query if k == "expand"]
        if repo_type == "model" and MODEL_INFO_ONLY & set(expand):
            return (
                400,
                {"error": f"expand {sorted(MODEL_INFO_ONLY & set(expand))} not allowed here"},
                {},
            )
        q = dict(query)
        filters = [v for k, v in query if k == "filter"]
        if filters:
            items = self.tagged(repo_type, filters[0])
        else:
            items = [r for (t, _), r in self.repos.items() if t == repo_type]
        if "author" in q:
            items = [r for r in items if r["author"].lower() == q["author"].lower()]
        for wanted in filters[1:]:
            items = [r for r in items if wanted in r.get("tags", [])]
        sort = {
            "lastModified": "lastModified",
            "createdAt": "createdAt",
            "downloads": "downloads",
            "likes": "likes",
        }.get(q.get("sort", ""))
        if sort:
            items.sort(key=lambda r: (r.get(sort) or 0, r["id"]), reverse=True)
        shown = [self._view(repo_type, r, expand) for r in items]
        return self._paged(shown, q, base, path, query)

    def _paged(self, items, q, base, path, query):
        size = min(int(q.get("limit", DEFAULT_PAGE)), MAX_PAGE)
        start = int(base64.urlsafe_b64decode(q["cursor"]).decode()) if "cursor" in q else 0
        page, headers = items[start : start + size], {}
        if start + size < len(items):
            params = [(k, v) for k, v in query if k != "cursor"]
            params.append(("cursor", base64.urlsafe_b64encode(str(start + size).encode()).decode()))
            headers["Link"] = f'<{base}{path}?{urlencode(params)}>; rel="next"'
        return 200, page, headers

    def _view(self, repo_type, repo, expand):
        fields = (["_id", "id", *expand]) if expand else [*DEFAULT_FIELDS, "_id"]
        view = {f: repo[f] for f in fields if f in repo}
        if "childrenModelCount" in fields:
            view["childrenModelCount"] = self.children_count(repo["id"])
        return view

    def children_count(self, model_id: str) -> dict:
        """Direct children by relation, as the Hub's childrenModelCount reports them."""
        counts = {}
        for relation in ("adapter", "finetune", "merge", "quantized"):
            n = len(self.tagged("model", f"base_model:{relation}:{model_id}"))
            if n:
                counts[relation] = n
        return counts

    def _info(self, repo_type, repo_id, query):
        expand = [v for k, v in query if k == "expand"]
        return (
            200,
            self._view(repo_type, self.repos[(repo_type, repo_id)], expand or DEFAULT_FIELDS),
            {},
        )

    def _members(self, org, query, base, path):
        if org not in self.members:
            return 404, {"error": "Organization not found"}, {}
        users = [
            {"user": u, "fullname": u.title(), "type": "user", "isPro": False}
            for u in self.members[org]
        ]
        return self._paged(users, dict(query), base, path, query)

    def _leaderboard(self, dataset_id, query):
        if dataset_id not in self.leaderboards:
            return 404, {"error": "no leaderboard for this dataset"}, {}
        entries = self.leaderboards[dataset_id]
        if dict(query).get("base_model") != "false":  # the default leaves derivatives out
            entries = [e for e in entries if not self._has_base(e["modelId"])]
        return 200, entries, {}

    def _has_base(self, model_id):
        repo = self.repos.get(("model", model_id))
        return bool(repo and any(t.startswith("base_model:") for t in repo["tags"]))

    # -- discussions ---------------------------------------------------------------------------

    def _discussions(self, repo_type, repo_id, query):
        threads = sorted(self.threads.get((repo_type, repo_id), []), key=lambda t: -t.num)
        p = int(dict(query).get("p", 0))
        page = threads[p * DISCUSSION_PAGE : (p + 1) * DISCUSSION_PAGE]
        body = {
            "discussions": [self._thread_item(repo_type, repo_id, t) for t in page],
            "count": len(threads),
            "start": p * DISCUSSION_PAGE,
            "numClosedDiscussions": sum(t.status != "open" for t in threads),
        }
        return 200, body, {}

    def _thread_item(self, repo_type, repo_id, t: Thread) -> dict:
        return {
            "num": t.num,
            "title": t.title,
            "status": t.status,
            "createdAt": t.created,
            "isPullRequest": t.is_pr,
            "pinned": False,
            "numComments": sum(e["type"] == "comment" for e in t.events),
            "author": self._user(t.author),
            "repo": {"name": repo_id, "type": repo_type},
        }

    def _user(self, name: str) -> dict:
        return {
            "name": name,
            "fullname": name.title(),
            "type": "user",
            "isPro": False,
            "isHf": False,
            "isMod": False,
        }

    def _details(self, repo_type, repo_id, num, query):
        thread = next((t for t in self.threads.get((repo_type, repo_id), []) if t.num == num), None)
        if thread is None:
            return 404, {"error": "Discussion not found"}, {}
        org = repo_id.split("/")[0]
        events = [
            {
                **e,
                "author": {
                    **self._user(e["author"]),
                    "isOwner": e["author"] == org,
                    "isOrgMember": e["author"] in self.members.get(org, []),
                },
            }
            for e in thread.events
        ]
        body = {**self._thread_item(repo_type, repo_id, thread), "events": events, "locked": False}
        if dict(query).get("diff") == "1":
            body["diff"] = "x" * 100_000  # what huggingface_hub's get_discussion_details asks for
        return 200, body, {}


class _Handler(BaseHTTPRequestHandler):
    hub: FakeHub
    protocol_version = "HTTP/1.1"  # keep-alive, as the real Hub
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK stall

    def do_GET(self):
        url = urlsplit(self.path)
        base = f"http://{self.headers['Host']}"
        self.server.hub.authorizations.add(self.headers.get("Authorization"))
        status, body, headers = self.server.hub.answer(url.path, parse_qsl(url.query), base)
        payload = b'[{"id": "org/trunc' if body is MALFORMED else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # quiet
        pass


@contextlib.contextmanager
def serve(hub: FakeHub):
    """Serve `hub` on 127.0.0.1 on a free port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.hub = hub
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
