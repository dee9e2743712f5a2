"""HTTP plumbing for the Hub: one httpx2 client per run that counts every request, reads the
RateLimit headers, waits before the 5-minute window runs out, and retries 429, 5xx and malformed
bodies under the one retry policy (core.retry), in one loop: also on the calls huggingface_hub
itself never retries (model_info, discussions, leaderboards). Pages are followed by their
`Link: rel="next"` cursor URL, verbatim.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx2
from huggingface_hub import HfApi, __version__
from huggingface_hub.utils import parse_ratelimit_headers
from huggingface_hub.utils._http import hf_request_event_hook

from collectors.base import CollectionError, RunContext
from collectors.network import CONNECT_TIMEOUT, policy
from core.redact import redact
from core.retry import Request, Retry

RETRY_STATUSES = (408, 429, 500, 502, 503, 504)
RETRY_ERRORS = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)


class Skipped(Exception):
    """A repository-level answer that means "nothing here": 403 discussions disabled, 404 gone."""


@dataclass
class Politeness:
    """How patient the client is. Waits go through `sleep` so tests inject a fake clock."""

    attempts: int = 5
    backoff: float = 1.0  # then 2, 4, 8, 8 (core.retry)
    reserve: int = 10  # requests kept in hand: wait for the window reset below this many left
    sleep: Callable[[float], None] = time.sleep
    timeout: float = 30.0


@dataclass
class HubHttp:
    api: HfApi
    ctx: RunContext
    source_label: str  # 'project/hub', for error messages
    polite: Politeness = field(default_factory=Politeness)

    def __post_init__(self) -> None:
        self._headers = _headers(self.api.token)
        self.policy = policy(
            self.ctx, sleep=self.polite.sleep, attempts=self.polite.attempts,
            backoff=self.polite.backoff,
        )  # fmt: skip
        self.client = httpx2.Client(
            follow_redirects=True,
            timeout=httpx2.Timeout(
                self.polite.timeout, connect=min(CONNECT_TIMEOUT, self.polite.timeout)
            ),
            event_hooks={
                "request": [hf_request_event_hook, self._count],
                "response": [self._read_limit],
            },
        )
        self._wait_before_next = 0.0

    def close(self) -> None:
        self.client.close()

    # -- hooks ---------------------------------------------------------------------------------

    def _count(self, request: httpx2.Request) -> None:
        if self._wait_before_next:
            wait, self._wait_before_next = self._wait_before_next, 0.0
            self.policy.pause(self._request(str(request.url)), wait, "the Hub rate limit window")
        self.ctx.stats.api_calls += 1

    def _read_limit(self, response: httpx2.Response) -> None:
        info = parse_ratelimit_headers(response.headers)
        if info is None:
            return
        self.ctx.stats.rate_limit_remaining = info.remaining
        if info.remaining <= self.polite.reserve and response.status_code != 429:
            # the window is nearly spent: the next request waits for its reset
            self._wait_before_next = info.reset_in_seconds + 1

    # -- requests ------------------------------------------------------------------------------

    def get(self, url: str, params: dict | list | None = None) -> httpx2.Response:
        """GET under the retry policy; the final response (any status the caller must judge)."""
        return self._fetch(url, params, skip_on=(), parse=False)[0]

    def json(self, url: str, params: dict | list | None = None, *, skip_on=(404,)):
        """The JSON body of a GET; `Skipped` for the statuses that mean "not here"."""
        return self._fetch(url, params, skip_on)[1]

    def pages(
        self, url: str, params: dict | list | None = None, *, skip_on=(404,)
    ) -> Iterator[list]:
        """Every page of a Link-paginated listing, first page with `params`, then the next URLs."""
        while url:
            response, page = self._fetch(url, params, skip_on)
            if not isinstance(page, list):
                raise self._error(urlsplit(url).path, "expected a JSON list")
            yield page
            url, params = response.links.get("next", {}).get("url"), None

    def _fetch(self, url: str, params, skip_on, *, parse: bool = True):
        """(response, parsed body) of a GET: one retry loop for statuses, bodies and networks."""
        return self.policy.run(
            lambda: self._attempt(url, params, skip_on, parse),
            self._request(url),
            transport=RETRY_ERRORS,
        )

    def _attempt(self, url: str, params, skip_on, parse: bool) -> tuple[httpx2.Response, object]:
        response = self.client.get(url, params=params, headers=self._headers)
        status = response.status_code
        if status in RETRY_STATUSES:
            raise Retry(f"HTTP {status}", _server_wait(response))
        if not parse:
            return response, None
        if status in skip_on:
            raise Skipped(status)
        path = urlsplit(url).path
        if status == 401:
            raise self._error(
                path, "HTTP 401: the Hub rejected HF_TOKEN (unset it to go anonymous)"
            )
        if status >= 400:
            raise self._error(path, f"HTTP {status}")
        try:
            return response, response.json()
        except ValueError:
            raise Retry("malformed JSON") from None

    def _request(self, url: str) -> Request:
        parts = urlsplit(url)
        return Request(self.source_label, f"GET {parts.path}", parts.netloc)

    def _error(self, path: str, what: str) -> CollectionError:
        return CollectionError(redact(f"{self.source_label}: {what} on {path}"))


def _headers(token: str | bool | None) -> dict[str, str]:
    """Our own headers, not huggingface_hub's `build_hf_headers`: with its telemetry on, that
    fetches a registry from the *public* Hub whatever endpoint we were given (reference/hub.md
    §12), and switching telemetry off is a process-wide flag."""
    headers = {"user-agent": f"onramp-collector; hf_hub/{__version__}"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return headers


def _server_wait(response: httpx2.Response) -> float | None:
    """The wait a 429 or 5xx asks for: the window's reset when a 429 says none is left, else a
    numeric Retry-After; None: the policy's back-off."""
    info = parse_ratelimit_headers(response.headers)
    if response.status_code == 429 and info is not None and info.remaining == 0:
        return info.reset_in_seconds + 1
    retry_after = response.headers.get("Retry-After", "")
    return float(retry_after) if retry_after.isdigit() else None
