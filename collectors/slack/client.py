"""A thin, counted client for the three Slack Web API methods On-ramp reads.

Why not slack_sdk: its WebClient has no request hook (counting every HTTP attempt needs a retry
handler that pretends to retry), its 429 handling is an uncapped `time.sleep` inside the client
that cannot honour `--max-wait`, it knows nothing of Slack's per-method tiers, and at DEBUG it
logs response bodies, message text included. Three read-only GET methods do not need it.

Every HTTP request counts into the run's statistics, retries included. Each method keeps under
its tier (Tier 2: 20 a minute for conversations.list; Tier 3: 50 a minute for history and
replies) with a sliding one-minute window, so a well-behaved run meets no 429. A 429 anyway, or an
`{"ok": false, "error": "ratelimited"}`, waits its `Retry-After`; one that comes while this run
has made only a call or two of the method in the last minute is Slack's 1-a-minute limit for
apps distributed outside the Slack Marketplace (conversations.history and .replies, 15 messages
a call): said in one line, and the method is then paced at one call a minute. 5xx, timeouts and
malformed bodies are retried with the back-off of the one retry policy (core.retry); other API
errors stop the run with the method named.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx2

from collectors.base import CollectionError, RunContext
from collectors.network import CONNECT_TIMEOUT, policy
from core.redact import redact
from core.retry import Request, Retry

TIERS = {  # requests a minute (docs.slack.dev/methods/*: rate_limits t2, t3)
    "conversations.list": 20,
    "conversations.history": 50,
    "conversations.replies": 50,
}
# methods that apps outside the Slack Marketplace get at 1 a minute, 15 messages a call
# (Slack's rate-limit changes of May 2025 for new installs, March 2026 for existing ones)
SLOW_TIER = ("conversations.history", "conversations.replies")
RETRY_STATUSES = (408, 500, 502, 503, 504)
RETRY_ERRORS = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)
RATE_LIMITED = ("ratelimited", "rate_limited")


def slow_tier_notice(label: str, method: str) -> str:
    return (
        f"{label}: Slack allows this app 1 {method} call a minute, 15 messages each (its limit "
        "for apps distributed outside the Slack Marketplace); collecting at that pace. An "
        "internal app created in your own workspace keeps 50 a minute (README, Slack)"
    )


class SlackApiError(CollectionError):
    """Slack answered `ok: false` with an error that retrying will not fix."""

    def __init__(self, message: str, error: str) -> None:
        super().__init__(message)
        self.error = error


@dataclass
class Politeness:
    """How patient the client is. Waits go through `sleep` and `clock`, so tests inject both."""

    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    attempts: int = 5
    backoff: float = 1.0  # then 2, 4, 8, 8 (core.retry)
    timeout: float = 30.0
    tiers: dict[str, int] = field(default_factory=lambda: dict(TIERS))


class SlackClient:
    def __init__(
        self, token: str, base_url: str, ctx: RunContext, label: str, polite: Politeness
    ) -> None:
        self.base_url, self.ctx, self.label, self.polite = base_url.rstrip("/"), ctx, label, polite
        self.policy = policy(
            ctx, sleep=polite.sleep, attempts=polite.attempts, backoff=polite.backoff
        )
        self._recent: dict[str, deque[float]] = {}
        self.http = httpx2.Client(  # a host that does not answer connects fails within seconds
            timeout=httpx2.Timeout(polite.timeout, connect=min(CONNECT_TIMEOUT, polite.timeout)),
            headers={"Authorization": f"Bearer {token}"},
            event_hooks={"request": [self._count]},
        )

    def close(self) -> None:
        self.http.close()

    def _count(self, request: httpx2.Request) -> None:
        self.ctx.stats.api_calls += 1

    # -- one call --------------------------------------------------------------------------------

    def call(self, method: str, params: dict) -> dict:
        """The `ok: true` body of one API call, under the retry policy."""
        return self.policy.run(
            lambda: self._attempt(method, params), self._request(method), transport=RETRY_ERRORS
        )

    def _attempt(self, method: str, params: dict) -> dict:
        self._keep_to_tier(method)
        response = self.http.get(f"{self.base_url}/{method}", params=params)
        if response.status_code == 429:
            raise self._limited(method, response, "HTTP 429")
        if response.status_code in RETRY_STATUSES:
            raise Retry(f"HTTP {response.status_code}")
        body = self._body(response)
        if body is None:  # not the JSON object Slack sends: a proxy page, a cut-off body
            raise Retry(f"malformed response (HTTP {response.status_code})")
        if body.get("ok") is True:
            return body
        error = str(body.get("error") or f"HTTP {response.status_code}")
        if error in RATE_LIMITED:
            raise self._limited(method, response, repr(error))
        raise SlackApiError(redact(f"{self.label}: Slack answered {error!r} to {method}"), error)

    def pages(self, method: str, params: dict, key: str) -> Iterator[list]:
        """Every page of a cursor-paged method: the list under `key`, page by page. An empty,
        null or missing `response_metadata.next_cursor` is the end (docs.slack.dev pagination)."""
        cursor = None
        while True:
            body = self.call(method, {**params, "cursor": cursor} if cursor else params)
            items = body.get(key)
            if not isinstance(items, list):
                raise self._error(method, f"the answer has no {key!r} list")
            yield items
            cursor = (body.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return

    # -- waiting ---------------------------------------------------------------------------------

    def _limited(self, method: str, response: httpx2.Response, what: str) -> Retry:
        """A rate-limit answer: wait its Retry-After. Met after a call or two of the method this
        minute, it is the 1-a-minute limit: said once, and the method paced to it."""
        recent = self._recent.get(method, ())
        slow = method in SLOW_TIER and len(recent) <= 2
        if slow and self.polite.tiers.get(method) != 1:
            self.polite.tiers[method] = 1
            self.ctx.say_once(slow_tier_notice(self.label, method))
        why = f"rate limited ({what}{', 1 call a minute for this app' if slow else ''})"
        return Retry(why, self._retry_after(response, slow))

    def _keep_to_tier(self, method: str) -> None:
        """Wait until one more call of `method` stays within its calls-a-minute."""
        limit = self.polite.tiers.get(method)
        recent = self._recent.setdefault(method, deque())  # kept with or without a tier
        now = self.polite.clock()
        while recent and now - recent[0] >= 60:
            recent.popleft()
        while limit and len(recent) >= limit:  # more than one over when the limit was just lowered
            wait = max(60 - (now - recent[0]) + 0.05, 0.0)  # a margin for clock skew
            self.policy.pause(
                self._request(method), wait, f"Slack's limit of {limit} calls a minute"
            )
            now += wait
            recent.popleft()
        recent.append(self.polite.clock())

    @staticmethod
    def _retry_after(response: httpx2.Response, slow: bool) -> float | None:
        """Retry-After plus a margin (Slack rounds the seconds); without one, a minute on the
        1-a-minute limit, else the policy's back-off."""
        value = response.headers.get("Retry-After", "").strip()
        try:
            return max(float(value), 0.0) + 0.5
        except ValueError:
            return 60.0 if slow else None

    @staticmethod
    def _body(response: httpx2.Response) -> dict | None:
        try:
            body = response.json()
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _request(self, method: str) -> Request:
        return Request(self.label, method, urlsplit(self.base_url).netloc)

    def _error(self, method: str, what: str) -> CollectionError:
        return CollectionError(redact(f"{self.label}: {what} on /api/{method}"))
