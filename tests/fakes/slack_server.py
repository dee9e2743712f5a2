"""A local fake Slack Web API speaking the real API's shapes (/work/notes/issue-14/README.md §2):

- `conversations.list` (types, limit under 1000), `conversations.history` (newest first; oldest
  and latest exclusive unless `inclusive`; thread parents and top-level messages only, thread
  broadcasts too), `conversations.replies` (the parent first, then its replies oldest first;
  `oldest` filters the replies) — cursor-paged: `response_metadata.next_cursor` set while more
  remain, `has_more` on history, and on the last page `response_metadata` left out, as the
  slack_sdk fixtures (web_response_conversations_list_pagination_has_page3.json) do;
- `Authorization: Bearer` checked: a wrong token answers `{"ok": false, "error": "invalid_auth"}`
  with HTTP 200, as Slack does;
- Slack's per-method tiers on a shared clock: more calls of a method in a minute than its tier
  allows answer HTTP 429 with `Retry-After` and `{"ok": false, "error": "ratelimited"}` (the body
  of slack_sdk's mock_web_api_handler.py and of a real report, sgratzl/slack_cleaner2#54);
- injected faults: a 429, a 5xx HTML page, a cut-off body, an `ok: false` error.

    slack = FakeSlack(clock); slack.add_channel("C0GENERAL1", "general"); with serve(slack) as url:
"""

from __future__ import annotations

import base64
import contextlib
import json
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

TOKEN = "xoxb-test-0000000000-abcdefghijklmnop"
TIERS = {"conversations.list": 20, "conversations.history": 50, "conversations.replies": 50}


class FakeClock:
    """Seconds that pass only when the client sleeps: the client's `sleep` and `clock`."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@dataclass
class Channel:
    id: str
    name: str
    created: int = 1_600_000_000
    is_private: bool = False
    messages: list[dict] = field(default_factory=list)  # top level and parents
    replies: dict[str, list[dict]] = field(default_factory=dict)  # parent ts -> replies


def _ts_key(ts: str) -> tuple[int, int]:
    seconds, _, fraction = ts.partition(".")
    return int(seconds), int(fraction.ljust(6, "0"))


class FakeSlack:
    def __init__(self, clock: FakeClock | None = None, tiers: dict[str, int] | None = None):
        self.clock = clock or FakeClock()
        self.tiers = TIERS if tiers is None else tiers
        self.channels: dict[str, Channel] = {}
        self.extra_channels = 0  # other channels of the workspace, listed but not configured
        self.calls: Counter = Counter()
        self.statuses: Counter = Counter()
        self.faults: deque[tuple[str, object]] = deque()  # (method, fault) served first
        self.page_cap = 999  # Slack may return fewer than asked for (15 for some apps)
        self._recent: dict[str, deque[float]] = {}
        self._seq = 0
        self.lock = threading.Lock()

    # -- building the workspace ----------------------------------------------------------------

    def add_channel(self, channel_id: str, name: str, **kw) -> Channel:
        self.channels[channel_id] = Channel(channel_id, name, **kw)
        return self.channels[channel_id]

    def ts(self, seconds: float) -> str:
        self._seq += 1
        return f"{int(seconds)}.{self._seq:06d}"

    def post(self, channel_id: str, user: str | None, seconds: float, **extra) -> dict:
        m = {"type": "message", "text": f"text {self._seq}", "ts": self.ts(seconds), **extra}
        if user:
            m["user"] = user
        self.channels[channel_id].messages.append(m)
        return m

    def reply(self, channel_id: str, parent: dict, user: str, seconds: float, **extra) -> dict:
        channel = self.channels[channel_id]
        r = {"type": "message", "text": "a reply", "ts": self.ts(seconds), "user": user,
             "thread_ts": parent["ts"], "parent_user_id": parent.get("user"), **extra}  # fmt: skip
        channel.replies.setdefault(parent["ts"], []).append(r)
        replies = channel.replies[parent["ts"]]
        parent.update(thread_ts=parent["ts"], reply_count=len(replies),
                      latest_reply=replies[-1]["ts"],
                      reply_users=sorted({x["user"] for x in replies}))  # fmt: skip
        if extra.get("subtype") == "thread_broadcast":
            channel.messages.append(r)
        return r

    # -- answering -----------------------------------------------------------------------------

    def answer(self, method: str, query: dict, auth: str | None):
        with self.lock:
            self.calls[method] += 1
            status, body, headers = self._answer(method, query, auth)
            self.statuses[status] += 1
            return status, body, headers

    def _answer(self, method, query, auth):
        if self.faults and self.faults[0][0] == method:
            return self._fault(self.faults.popleft()[1])
        limited = self._over_tier(method)
        if limited is not None:
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(limited)}
        if auth != f"Bearer {TOKEN}":
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        handler = {
            "conversations.list": self._list,
            "conversations.history": self._history,
            "conversations.replies": self._replies,
        }.get(method)
        if handler is None:
            return 404, "<html>Not Found</html>", {}
        return handler(query)

    def _fault(self, fault):
        if fault == 429:
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "3"}
        if fault in (500, 502, 503, 504):
            return fault, "<html><title>Server Error | Slack</title></html>", {}
        if fault == "cut":
            return 200, '{"ok": true, "messages": [{"type": "mess', {}
        return 200, {"ok": False, "error": fault}, {}

    def _over_tier(self, method: str) -> int | None:
        """Seconds to wait when this call exceeds the method's calls-a-minute, else None."""
        limit = self.tiers.get(method)
        if not limit:
            return None
        recent = self._recent.setdefault(method, deque())
        now = self.clock()
        while recent and now - recent[0] >= 60:
            recent.popleft()
        if len(recent) >= limit:
            return max(int(60 - (now - recent[0])) + 1, 1)
        recent.append(now)
        return None

    def _limit(self, query) -> int:
        limit = int(query.get("limit", 100))
        return max(1, min(limit, self.page_cap))

    def _paged(self, items: list, query: dict, key: str, extra: dict | None = None):
        start = int(base64.b64decode(query["cursor"]).decode()) if query.get("cursor") else 0
        end = start + self._limit(query)
        body = {"ok": True, key: items[start:end], **(extra or {})}
        if end < len(items):
            body["response_metadata"] = {
                "next_cursor": base64.b64encode(str(end).encode()).decode()
            }
            body["has_more"] = True
        else:
            body["has_more"] = False
        return 200, body, {}

    def _list(self, query):
        types = set(query.get("types", "public_channel").split(","))
        listed = [
            {
                "id": c.id,
                "name": c.name,
                "is_channel": True,
                "is_private": c.is_private,
                "is_archived": False,
                "created": c.created,
                "context_team_id": "T0FAKETEAM",
                "topic": {"value": "a topic", "creator": "U0ANN00001", "last_set": 0},
                "purpose": {"value": "a purpose", "creator": "U0ANN00001", "last_set": 0},
                "num_members": 3,
            }
            for c in self.channels.values()
            if ("private_channel" if c.is_private else "public_channel") in types
        ]
        listed += [
            {"id": f"C0EXTRA{i:04d}", "name": f"extra-{i}", "is_private": False, "created": 1}
            for i in range(self.extra_channels)
        ]
        return self._paged(listed, query, "channels")

    def _channel(self, query) -> Channel | None:
        return self.channels.get(query.get("channel", ""))

    def _window(self, messages: list[dict], query) -> list[dict]:
        inclusive = query.get("inclusive") in ("1", "true")
        oldest, latest = query.get("oldest"), query.get("latest")
        out = []
        for m in messages:
            key = _ts_key(m["ts"])
            if oldest and (key < _ts_key(oldest) or (key == _ts_key(oldest) and not inclusive)):
                continue
            if latest and (key > _ts_key(latest) or (key == _ts_key(latest) and not inclusive)):
                continue
            out.append(m)
        return out

    def _history(self, query):
        channel = self._channel(query)
        if channel is None:
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        newest_first = sorted(channel.messages, key=lambda m: _ts_key(m["ts"]), reverse=True)
        return self._paged(self._window(newest_first, query), query, "messages")

    def _replies(self, query):
        channel = self._channel(query)
        parent = (
            next((m for m in channel.messages if m["ts"] == query.get("ts")), None)
            if channel
            else None
        )
        if parent is None:
            return 200, {"ok": False, "error": "thread_not_found"}, {}
        replies = self._window(channel.replies.get(parent["ts"], []), query)
        return self._paged([parent, *replies], query, "messages")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self):
        url = urlsplit(self.path)
        method = url.path.rsplit("/", 1)[-1]
        status, body, headers = self.server.slack.answer(
            method, dict(parse_qsl(url.query)), self.headers.get("Authorization")
        )
        payload = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        is_json = not isinstance(body, str) or body.startswith("{")
        self.send_header("Content-Type", "application/json" if is_json else "text/html")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(slack: FakeSlack):
    """Serve `slack` on 127.0.0.1 on a free port; yields the base URL (…/api)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.slack = slack
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api"
    finally:
        server.shutdown()
        server.server_close()
