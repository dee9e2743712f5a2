"""HTTP plumbing for the Hub: one httpx2 client per run that counts every request, reads the
RateLimit headers, waits before the 5-minute window runs out, and retries 429 and 5xx with bounded
back-off (also on the calls huggingface_hub itself never retries: model_info, discussions,
leaderboards). Pages are followed by their `Link: rel="next"` cursor URL, verbatim.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx2
from huggingface_hub import HfApi, constants
from huggingface_hub.utils import build_hf_headers, parse_ratelimit_headers
from huggingface_hub.utils._http import hf_request_event_hook

from collectors.base import CollectionError, RateLimitWaitTooLong, RunContext
from collectors.network import CONNECT_TIMEOUT, classify, unreachable
from core.redact import redact

# Telemetry off: otherwise building headers fetches a registry from the *public* Hub, whatever
# endpoint we were given (reference/hub.md §12). Read by huggingface_hub at call time.
constants.HF_HUB_DISABLE_TELEMETRY = True

RETRY_STATUSES = (408, 429, 500, 502, 503, 504)
RETRY_ERRORS = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)


class Skipped(Exception):
    """A repository-level answer that means "nothing here": 403 discussions disabled, 404 gone."""


@dataclass
class Politeness:
    """How patient the client is. Waits go through `sleep` so tests inject a fake clock."""

    max_tries: int = 5
    backoff: tuple[float, ...] = (1, 2, 4, 8, 8)
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
        self._headers = build_hf_headers(token=self.api.token if self.api.token else False)
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
            self._sleep(wait, request.url.path)
        self.ctx.stats.api_calls += 1

    def _read_limit(self, response: httpx2.Response) -> None:
        info = parse_ratelimit_headers(response.headers)
        if info is None:
            return
        self.ctx.stats.rate_limit_remaining = info.remaining
        if info.remaining <= self.polite.reserve and response.status_code != 429:
            # the window is nearly spent: the next request waits for its reset
            self._wait_before_next = info.reset_in_seconds + 1

    def _sleep(self, seconds: float, path: str, *, rate_limit: bool = True) -> None:
        """Wait; --max-wait governs rate-limit waits only, not the bounded back-off of errors."""
        if rate_limit and self.ctx.max_wait is not None and seconds > self.ctx.max_wait:
            raise RateLimitWaitTooLong(
                f"{self.source_label}: the Hub rate limit resets in {seconds:.0f}s, more than "
                f"--max-wait {self.ctx.max_wait:.0f}s ({path})"
            )
        self.polite.sleep(seconds)

    # -- requests ------------------------------------------------------------------------------

    def get(self, url: str, params: dict | list | None = None) -> httpx2.Response:
        """GET with retries; returns the final response (any status the caller must judge)."""
        path = urlsplit(url).path
        for attempt in range(self.polite.max_tries):
            try:
                response = self.client.get(url, params=params, headers=self._headers)
            except RETRY_ERRORS as exc:
                failure = classify(exc)
                if failure.unreachable:  # the next request would not reach it either
                    host = urlsplit(str(exc.request.url) if _has_request(exc) else url).netloc
                    raise unreachable("hub", host, failure, path) from None
                if attempt == self.polite.max_tries - 1:
                    raise self._error(path, f"{failure.what} after {attempt + 1} tries") from None
                self._sleep(self._backoff(attempt), path, rate_limit=False)
                continue
            if response.status_code not in RETRY_STATUSES:
                return response
            if attempt == self.polite.max_tries - 1:
                raise self._error(path, f"HTTP {response.status_code} after {attempt + 1} tries")
            limited = response.status_code == 429 or "Retry-After" in response.headers
            self._sleep(self._retry_wait(response, attempt), path, rate_limit=limited)
        raise AssertionError("unreachable")

    def json(self, url: str, params: dict | list | None = None, *, skip_on=(404,)):
        """The JSON body of a GET; `Skipped` for the statuses that mean "not here"."""
        return self._json(url, params, skip_on)[1]

    def pages(
        self, url: str, params: dict | list | None = None, *, skip_on=(404,)
    ) -> Iterator[list]:
        """Every page of a Link-paginated listing, first page with `params`, then the next URLs."""
        while url:
            response, page = self._json(url, params, skip_on)
            if not isinstance(page, list):
                raise self._error(urlsplit(url).path, "expected a JSON list")
            yield page
            url, params = response.links.get("next", {}).get("url"), None

    def _json(self, url: str, params, skip_on) -> tuple[httpx2.Response, object]:
        """A GET's response and parsed body; a malformed body is retried like a 5xx."""
        path = urlsplit(url).path
        for attempt in range(self.polite.max_tries):
            response = self.get(url, params)
            if response.status_code in skip_on:
                raise Skipped(response.status_code)
            if response.status_code == 401:
                raise self._error(
                    path, "HTTP 401: the Hub rejected HF_TOKEN (unset it to go anonymous)"
                )
            if response.status_code >= 400:
                raise self._error(path, f"HTTP {response.status_code}")
            try:
                return response, response.json()
            except ValueError:
                if attempt == self.polite.max_tries - 1:
                    raise self._error(path, f"malformed JSON after {attempt + 1} tries") from None
                self._sleep(self._backoff(attempt), path, rate_limit=False)
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        return self.polite.backoff[min(attempt, len(self.polite.backoff) - 1)]

    def _retry_wait(self, response: httpx2.Response, attempt: int) -> float:
        info = parse_ratelimit_headers(response.headers)
        if response.status_code == 429 and info is not None and info.remaining == 0:
            return info.reset_in_seconds + 1
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.isdigit():
            return float(retry_after)
        return self._backoff(attempt)

    def _error(self, path: str, what: str) -> CollectionError:
        return CollectionError(redact(f"{self.source_label}: {what} on {path}"))


def _has_request(exc: Exception) -> bool:
    try:
        return exc.request is not None
    except RuntimeError:  # httpx raises when the error carries no request
        return False
