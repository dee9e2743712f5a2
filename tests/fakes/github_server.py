"""A local fake of GitHub's REST API for collector tests and benchmarks.

Speaks the real shapes: list payloads, `Link` pagination with its own http://127.0.0.1:PORT, the
`since`/`sort`/`direction`/`state`/`per_page`/`page` parameters, X-RateLimit-* headers, weak ETags
with
304s (which, as on GitHub, spend no rate limit), 403 once the limit is spent, a renamed repository's
301 to /repositories/{id}, and scripted faults: 502, truncated JSON, 403 and 429 with Retry-After,
a plain 403, slow answers. Records every request for call-count assertions.

    server = FakeGitHub([generate("o/r", 1, items=250, comments=400)]).start()
    ... GITHUB_API_URL=server.url ...
    server.stop()

Run as a script (`python tests/fakes/github_server.py --items 5000 --comments 20000`) it serves
generated repositories from its own process and prints `PORT <n>`: the benchmark's honest setup.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fakes import github_graphql
from fakes.github_data import RepoData, generate, graphql_minimum_calls, minimum_calls

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
SECONDARY = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)
_REPOS = re.compile(r"^/repos/([^/]+/[^/]+)(/.*)?$")
_BY_ID = re.compile(r"^/repositories/(\d+)(/.*)?$")


@dataclass
class Request:
    path: str
    query: dict
    headers: dict
    status: int = 0


@dataclass
class Fault:
    kind: str  # 502 | truncated | secondary403 | 429 | forbidden | slow | went-wrong[-502]
    path: str  # applies to requests whose path contains this
    times: int = 1
    retry_after: int = 0
    delay: float = 0.0


@dataclass
class RateLimit:
    limit: int = 5000
    remaining: int = 5000
    reset: int = field(default_factory=lambda: int(time.time()) + 3600)


class FakeGitHub:
    def __init__(self, repos: list[RepoData], *, token: str | None = None, rate_limit: int = 5000,
                 points: int = 5000, graphql: bool = True):  # fmt: skip
        self.repos = {r.repo_id: r for r in repos}
        self.token = token
        self.rate = RateLimit(rate_limit, rate_limit)
        self.points = RateLimit(points, points)  # GraphQL's own budget, in points
        self.graphql = graphql  # False: POST /graphql is a 404, as on a server without GraphQL
        self.no_graphql_status = 404  # or 501 Not Implemented, as some servers answer
        self._graph_cache: dict = {}
        self.rate_limited_type = "RATE_LIMITED"  # or "RATE_LIMIT", GitHub's newer answer
        self.faults: list[Fault] = []
        self.graphql_errors: list[dict] = []  # queries GitHub would refuse: tests assert none
        self.requests: list[Request] = []
        self.hooks: list = []  # called with each answered Request (to change data mid-crawl)
        self.lock = threading.Lock()
        self._sorted: dict[tuple[int, str], tuple[list, list]] = {}
        self.httpd: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------------- lifecycle

    def start(self, port: int = 0) -> FakeGitHub:
        if self.graphql:
            github_graphql.schema()  # built before the first query, not during it
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.httpd.daemon_threads = True
        # shutdown() waits for the serve loop to notice: a short poll stops the server at once
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    # ------------------------------------------------------------------------- test controls

    def fail(self, kind: str, path: str = "", times: int = 1, **options) -> None:
        self.faults.append(Fault(kind, path, times, **options))

    def exhaust(self, reset_in: int = 30) -> None:
        self.rate.remaining, self.rate.reset = 0, int(time.time()) + reset_in

    def refill(self) -> None:
        self.rate.remaining, self.rate.reset = self.rate.limit, int(time.time()) + 3600

    def changed(self) -> None:
        """Call after editing a repository's lists: re-sorts them on the next request."""
        self._sorted.clear()
        self._graph_cache.clear()

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    # ------------------------------------------------------------------------- answering

    def answer(self, path: str, query: dict, headers: dict) -> tuple[int, dict, bytes]:
        with self.lock:
            request = Request(path, query, headers)
            self.requests.append(request)
            self._delay = 0.0
            status, extra, body = self._answer(path, query, headers)
            request.status, delay = status, self._delay
            for hook in self.hooks:
                hook(request)
        time.sleep(delay)  # a slow answer, outside the lock: other requests go on
        return status, extra, body

    def _answer(self, path: str, query: dict, headers: dict) -> tuple[int, dict, bytes]:
        if path == "/graphql" and "body" in query:
            return self._graphql(query["body"], headers)
        if self.token and headers.get("authorization") != f"Bearer {self.token}":
            return self._json(401, {"message": "Bad credentials"})
        fault = next((f for f in self.faults if f.times > 0 and f.path in path), None)
        if fault:
            fault.times -= 1
            early = self._fault(fault)
            if early:
                return early
        if self.rate.remaining <= 0:
            return self._json(403, {"message": "API rate limit exceeded for 127.0.0.1."})
        moved = _REPOS.match(path)
        if moved:
            return self._by_name(moved.group(1), moved.group(2) or "", query, headers)
        by_id = _BY_ID.match(path)
        repo = self.repos.get(int(by_id.group(1))) if by_id else None
        if repo is None:
            return self._json(404, {"message": "Not Found"})
        return self._route(repo, by_id.group(2) or "", path, query, headers)

    def _graphql(self, body: dict, headers: dict) -> tuple[int, dict, bytes]:
        """POST /graphql: needs a token; queries are validated and costed (github_graphql)."""
        if not self.graphql:
            reason = "Not Found" if self.no_graphql_status == 404 else "Not Implemented"
            return self._json(self.no_graphql_status, {"message": reason})
        auth = headers.get("authorization")
        if not auth or (self.token and auth != f"Bearer {self.token}"):
            return self._json(401, {"message": "This endpoint requires you to be authenticated."})
        fault = next((f for f in self.faults if f.times > 0 and f.path in "/graphql"), None)
        if fault:
            fault.times -= 1
            early = self._fault(fault)
            if early:
                return early
        if self.points.remaining <= 0:  # both answers seen from GitHub: github_graphql's notes
            error = {
                "type": self.rate_limited_type,
                "message": "API rate limit exceeded for user ID 1.",
            }
            if self.rate_limited_type == "RATE_LIMIT":
                error["code"] = "graphql_rate_limit"
            return self._json(200, {"errors": [error]})
        data = github_graphql.answer(self.repos, body, self.points, self._graph_cache)
        self.graphql_errors += [e for e in data.get("errors", []) if e.get("type") != "NOT_FOUND"]
        return self._json(200, data)

    def _fault(self, fault: Fault) -> tuple[int, dict, bytes] | None:
        if fault.kind == "502":
            return 502, {"Content-Type": "text/html"}, b"<html><body>502 Bad Gateway</body></html>"
        if fault.kind == "truncated":
            return 200, {"Content-Type": "application/json"}, b'[{"id": 1, "number": 1, "tit'
        if fault.kind == "secondary403":
            return self._json(403, {"message": SECONDARY}, {"Retry-After": str(fault.retry_after)})
        if fault.kind == "429":
            return self._json(429, {"message": SECONDARY}, {"Retry-After": str(fault.retry_after)})
        if fault.kind == "forbidden":
            return self._json(403, {"message": "Resource not accessible by integration"})
        if fault.kind in ("went-wrong", "went-wrong-502"):  # GitHub's timeout, a real body
            body = (REAL / "github_graphql_something_went_wrong.json").read_bytes()
            status = 502 if fault.kind == "went-wrong-502" else 200
            return status, {"Content-Type": "application/json"}, body
        if fault.kind == "slow":
            self._delay = fault.delay
        return None

    def _by_name(self, name: str, rest: str, query: dict, headers: dict):
        for repo in self.repos.values():
            if repo.full_name.lower() == name.lower():
                return self._route(repo, rest, f"/repos/{name}{rest}", query, headers)
            if name.lower() in (n.lower() for n in repo.old_names):
                location = f"{self.url}/repositories/{repo.repo_id}{rest}"
                location += f"?{urlencode(query)}" if query else ""
                return self._json(301, {"message": "Moved Permanently", "url": location},
                                  {"Location": location})  # fmt: skip
        return self._json(404, {"message": "Not Found"})

    def _route(self, repo: RepoData, rest: str, path: str, query: dict, headers: dict):
        endpoint = rest.strip("/")
        if endpoint.split("/")[0] in repo.hidden:
            return self._json(403, {"message": "Resource not accessible by integration"})
        if endpoint == "":
            return self._conditional(repo.meta(), None, headers)
        if endpoint == "issues":
            return self._since_list(repo, "issues", path, query, headers)
        if endpoint == "issues/comments":
            return self._since_list(repo, "issue_comments", path, query, headers)
        if endpoint == "pulls/comments":
            return self._since_list(repo, "review_comments", path, query, headers)
        if endpoint == "commits":
            since = query.get("since", "")
            items = [c for c in repo.commits if c["commit"]["committer"]["date"] >= since]
            return self._page(items, path, query, headers)
        if endpoint == "releases":
            return self._page(repo.releases, path, query, headers)
        if endpoint == "pulls":  # no `since` here, as on GitHub: sort and direction only
            state = query.get("state", "open")
            chosen = [p for p in repo.pulls if state == "all" or p["state"] == state]
            key = "updated_at" if query.get("sort") == "updated" else "created_at"
            chosen = sorted(chosen, key=lambda p: (p[key], p["id"]))
            if query.get("direction", "desc") == "desc":
                chosen = chosen[::-1]
            return self._page(chosen, path, query, headers)
        reviews = re.fullmatch(r"pulls/(\d+)/reviews", endpoint)
        if reviews and int(reviews.group(1)) in repo.reviews:
            return self._page(repo.reviews[int(reviews.group(1))], path, query, headers)
        return self._json(404, {"message": "Not Found"})

    def _since_list(self, repo: RepoData, kind: str, path: str, query: dict, headers: dict):
        items, keys = self._by_update(repo, kind)
        start = bisect.bisect_left(keys, query["since"]) if query.get("since") else 0
        chosen = items[start:]
        if kind == "issues" and query.get("state", "open") != "all":
            chosen = [i for i in chosen if i["state"] == query.get("state", "open")]
        if query.get("sort", "created") == "created":
            chosen = sorted(chosen, key=lambda i: (i["created_at"], i["id"]))
        if query.get("direction", "desc") == "desc":
            chosen = chosen[::-1]
        return self._page(chosen, path, query, headers)

    def _by_update(self, repo: RepoData, kind: str) -> tuple[list, list]:
        cached = self._sorted.get((repo.repo_id, kind))
        if cached is None:
            items = sorted(getattr(repo, kind), key=lambda i: (i["updated_at"], i["id"]))
            cached = self._sorted[(repo.repo_id, kind)] = (items, [i["updated_at"] for i in items])
        return cached

    def _page(self, items: list, path: str, query: dict, headers: dict):
        per_page = min(int(query.get("per_page", 30)), 100)
        page = int(query.get("page", 1))
        chunk = items[(page - 1) * per_page : page * per_page]
        last = max(1, -(-len(items) // per_page))
        links = []
        if page < last:
            links.append(f'<{self._link(path, query, page + 1)}>; rel="next"')
            links.append(f'<{self._link(path, query, last)}>; rel="last"')
        extra = {"Link": ", ".join(links)} if links else {}
        return self._conditional(chunk, extra, headers)

    def _link(self, path: str, query: dict, page: int) -> str:
        return f"{self.url}{path}?{urlencode({**query, 'page': page})}"

    def _conditional(self, data, extra: dict | None, headers: dict):
        body = json.dumps(data).encode()
        etag = f'W/"{hashlib.sha1(body).hexdigest()}"'
        if headers.get("if-none-match") == etag:
            return 304, {"ETag": etag, **(extra or {})}, b""  # costs no rate limit, as on GitHub
        self.rate.remaining -= 1
        return (
            200,
            {"Content-Type": "application/json; charset=utf-8", "ETag": etag, **(extra or {})},
            body,
        )

    def _json(self, status: int, data, extra: dict | None = None):
        return (
            status,
            {"Content-Type": "application/json; charset=utf-8", **(extra or {})},
            json.dumps(data).encode(),
        )


def _handler(server: FakeGitHub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the real API

        def setup(self):
            super().setup()
            # headers and body leave in two writes: without this, Nagle + delayed ACK add 40 ms
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self):
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query))
            headers = {k.lower(): v for k, v in self.headers.items()}
            self._send(*server.answer(parts.path, query, headers), server.rate, "core")

        def do_POST(self):
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            raw = self.rfile.read(int(headers.get("content-length") or 0))
            try:
                body = json.loads(raw)
            except ValueError:
                body = {"query": ""}
            query = {"body": body if isinstance(body, dict) else {"query": ""}}
            self._send(*server.answer(parts.path, query, headers), server.points, "graphql")

        def _send(self, status, extra, body, rate, resource):
            self.send_response(status)
            for name, value in {
                "X-RateLimit-Limit": rate.limit, "X-RateLimit-Remaining": max(rate.remaining, 0),
                "X-RateLimit-Reset": rate.reset,
                "X-RateLimit-Used": rate.limit - max(rate.remaining, 0),
                "X-RateLimit-Resource": resource, **extra, "Content-Length": len(body),
            }.items():  # fmt: skip
                self.send_header(name, str(value))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="serve generated repositories on 127.0.0.1")
    parser.add_argument("--repos", type=int, default=2)
    parser.add_argument("--items", type=int, default=5000, help="issues+PRs over all repositories")
    parser.add_argument(
        "--comments", type=int, default=20000, help="comments over all repositories"
    )
    parser.add_argument("--commits", type=int, default=500, help="commits per repository")
    args = parser.parse_args()
    repos = [
        generate(f"org/repo{k}", 1000 + k, items=args.items // args.repos,
                 comments=args.comments // args.repos, commits=args.commits)
        for k in range(args.repos)
    ]  # fmt: skip
    server = FakeGitHub(repos, rate_limit=1_000_000, points=1_000_000).start()
    items = sum(r.all_items() + len(r.commits) + len(r.releases) for r in repos)
    items += sum(1 for r in repos for v in r.reviews.values() for x in v if "submitted_at" in x)
    floor = sum(minimum_calls(r) for r in repos)
    prs = sum(len(r.reviews) for r in repos)
    port = server.httpd.server_address[1]
    graph = sum(graphql_minimum_calls(r) for r in repos)
    print(
        f"PORT {port} MINIMUM {floor} ITEMS {items} PRS {prs} GRAPHQL_MINIMUM {graph}", flush=True
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
