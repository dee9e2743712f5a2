"""A thin, counted client for the three Slack Web API methods On-ramp reads.

Why not slack_sdk: its WebClient has no request hook (counting every HTTP attempt needs a retry
handler that pretends to retry), its 429 handling is an uncapped `time.sleep` inside the client
that cannot honour `--max-wait`, it knows nothing of Slack's per-method tiers, and at DEBUG it
logs response bodies, message text included. Three read-only GET methods do not need it.

Every HTTP request counts into the run's statistics, retries included. Each method keeps under
its tier (Tier 2: 20 a minute for conversations.list; Tier 3: 50 a minute for history and
replies) with a sliding one-minute window, so a well-behaved run meets no 429; a 429 anyway (a
workspace shared with other apps, or the 1-a-minute limit of non-Marketplace apps) waits its
`Retry-After`, as does an `{"ok": false, "error": "ratelimited"}`. 5xx, timeouts and malformed
bodies are retried with bounded back-off; other API errors stop the run with the method named.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx2

from collectors.base import CollectionError, RateLimitWaitTooLong, RunContext
from core.redact import redact

TIERS = {  # requests a minute (docs.slack.dev/methods/*: rate_limits t2, t3)
    "conversations.list": 20,
    "conversations.history": 50,
    "conversations.replies": 50,
}
RETRY_STATUSES = (408, 500, 502, 503, 504)
RETRY_ERRORS = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)
RATE_LIMITED = ("ratelimited", "rate_limited")


class SlackApiError(CollectionError):
    """Slack answered `ok: false` with an error that retrying will not fix."""

    def __init__(self, message: str, error: str) -> None:
        super().__init__(message)
        self.error = error


@dataclass
class Politeness:
    """How patient the client is. Waits go through `sleep` and `clock`, so tests inject both."""

    max_tries: int = 5
    backoff: tuple[float, ...] = (1, 2, 4, 8, 8)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    timeout: float = 30.0
    tiers: dict[str, int] = field(default_factory=lambda: dict(TIERS))


class SlackClient:
    def __init__(
        self, token: str, base_url: str, ctx: RunContext, label: str, polite: Politeness
    ) -> None:
        self.base_url, self.ctx, self.label, self.polite = base_url.rstrip("/"), ctx, label, polite
        self._recent: dict[str, deque[float]] = {}
        self.http = httpx2.Client(
            timeout=polite.timeout,
            headers={"Authorization": f"Bearer {token}"},
            event_hooks={"request": [self._count]},
        )

    def close(self) -> None:
        self.http.close()

    def _count(self, request: httpx2.Request) -> None:
        self.ctx.stats.api_calls += 1

    # -- one call --------------------------------------------------------------------------------

    def call(self, method: str, params: dict) -> dict:
        """The `ok: true` body of one API call, after retries."""
        for attempt in range(self.polite.max_tries):
            last = attempt == self.polite.max_tries - 1
            self._keep_to_tier(method)
            try:
                response = self.http.get(f"{self.base_url}/{method}", params=params)
            except RETRY_ERRORS as exc:
                if last:
                    raise self._error(method, type(exc).__name__) from None
                self._wait(self._backoff(attempt), method)
                continue
            if response.status_code == 429:
                if last:
                    raise self._error(method, f"still rate limited after {attempt + 1} tries")
                self._wait(self._retry_after(response, attempt), method)
                continue
            if response.status_code in RETRY_STATUSES:
                if last:
                    raise self._error(
                        method, f"HTTP {response.status_code} after {attempt + 1} tries"
                    )
                self._wait(self._backoff(attempt), method)
                continue
            body = self._body(response, method)
            if body is None:  # not the JSON object Slack sends: a proxy page, a cut-off body
                if last:
                    raise self._error(method, f"malformed response after {attempt + 1} tries")
                self._wait(self._backoff(attempt), method)
                continue
            if body.get("ok") is True:
                return body
            error = str(body.get("error") or f"HTTP {response.status_code}")
            if error in RATE_LIMITED and not last:
                self._wait(self._retry_after(response, attempt), method)
                continue
            raise SlackApiError(
                redact(f"{self.label}: Slack answered {error!r} to {method}"), error
            )
        raise AssertionError("unreachable")

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

    def _keep_to_tier(self, method: str) -> None:
        """Wait until one more call of `method` stays within its calls-a-minute."""
        limit = self.polite.tiers.get(method)
        if not limit:
            return
        recent = self._recent.setdefault(method, deque())
        now = self.polite.clock()
        while recent and now - recent[0] >= 60:
            recent.popleft()
        if len(recent) >= limit:
            self._wait(60 - (now - recent[0]) + 0.05, method)  # a margin for clock skew
            recent.popleft()
        recent.append(self.polite.clock())

    def _wait(self, seconds: float, method: str) -> None:
        if self.ctx.max_wait is not None and seconds > self.ctx.max_wait:
            raise RateLimitWaitTooLong(
                f"{self.label}: {method} would wait {seconds:.0f} s for Slack's rate limit, more "
                f"than --max-wait {self.ctx.max_wait:.0f} s"
            )
        if seconds > 0:
            self.polite.sleep(seconds)

    def _retry_after(self, response: httpx2.Response, attempt: int) -> float:
        value = response.headers.get("Retry-After", "").strip()
        try:
            return max(float(value), 0.0) + 0.5  # a margin: Slack rounds the seconds
        except ValueError:
            return self._backoff(attempt)

    def _backoff(self, attempt: int) -> float:
        return self.polite.backoff[min(attempt, len(self.polite.backoff) - 1)]

    @staticmethod
    def _body(response: httpx2.Response, method: str) -> dict | None:
        try:
            body = response.json()
        except ValueError:
            return None
        return body if isinstance(body, dict) else None

    def _error(self, method: str, what: str) -> CollectionError:
        return CollectionError(redact(f"{self.label}: {what} on /api/{method}"))
