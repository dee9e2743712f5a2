"""A thin GitHub REST client: one counted HTTP request at a time, with exact control of headers.

Why not PyGithub's Requester: it follows a 301 internally (an uncounted request that drops the query
string, github.md §8) and its urllib3 retries are invisible to the call count. This client sends
every request itself, so `stats.api_calls` is exact, redirects keep their query, conditional
requests (ETag -> 304) are explicit, and every wait goes through an injectable `sleep`.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode, urljoin, urlsplit

import certifi
import urllib3
from urllib3.exceptions import HTTPError as TransportError  # timeouts, resets, refused connections

from collectors.base import CollectionError, RateLimitWaitTooLong, RunStats
from collectors.network import CONNECT_TIMEOUT, classify, unreachable
from core.redact import redact

RETRY_STATUSES = frozenset({500, 502, 503, 504})
MAX_REDIRECTS = 5
SECONDARY_WAIT = 60.0  # GitHub: without Retry-After, wait at least a minute (github.md §6)


@dataclass
class Page:
    status: int  # 200 or 304
    data: object  # parsed JSON (None on 304)
    headers: urllib3.HTTPHeaderDict  # case-insensitive
    url: str

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    @property
    def next_url(self) -> str | None:
        return _link_next(self.headers.get("Link", ""))


class NotVisible(Exception):
    """404, 409, 410 or a plain 403: the resource does not exist or the token cannot see it."""

    def __init__(self, status: int, path: str):
        super().__init__(f"HTTP {status} on {path}")
        self.status = status


class GitHubClient:
    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        stats: RunStats,
        warn: Callable[[str], None] = print,
        max_wait: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        timeout: float = 30.0,
        retries: int = 5,
        backoff: float = 1.0,
    ):
        self.base_url = base_url.rstrip("/")
        self.stats = stats
        self.warn = warn
        self.max_wait = max_wait
        self.sleep = sleep
        self.clock = clock
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.rate_reset: float | None = None
        self.pool = _pool(self.base_url)
        self.headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "onramp-collector",
        }
        if token:  # kept in this header only: never in a URL, a message or a row
            self.headers["Authorization"] = f"Bearer {token}"
        self.redirected: list[tuple[str, str]] = []  # (from path, to path) of followed 301s

    def url(self, path: str, params: dict | None = None) -> str:
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        return f"{url}?{urlencode(params)}" if params else url

    def get(self, path: str, params: dict | None = None, *, etag: str | None = None) -> Page:
        """GET with retries: a 200 Page with parsed JSON, or a 304 Page when `etag` matches."""
        url = self.url(path, params)
        failures = hops = 0
        while True:
            self._wait_if_exhausted(url)
            outcome = self._attempt(url, etag)
            if isinstance(outcome, Page):
                return outcome
            if isinstance(outcome, _Redirect):
                hops += 1
                if hops > MAX_REDIRECTS:
                    raise CollectionError(f"GET {_path(url)}: more than {MAX_REDIRECTS} redirects")
                url = outcome.url
                continue
            failures += 1
            if failures > self.retries:
                raise CollectionError(
                    f"GET {_path(url)}: gave up after {failures} attempts ({outcome.why})"
                )
            if outcome.wait is not None:  # the server said how long: a rate-limit wait
                self._pause(outcome.wait, url, outcome.why)
            else:  # a flaky answer: bounded back-off, which --max-wait does not govern
                self._pause(self.backoff_after(failures), url, outcome.why, rate_limit=False)

    # ---------------------------------------------------------------------------------- internals

    def _attempt(self, url: str, etag: str | None) -> Page | _Redirect | _Retry:
        headers = {**self.headers, "If-None-Match": etag} if etag else self.headers
        self.stats.api_calls += 1
        try:
            response = self.pool.request(
                "GET", url, headers=headers, retries=False, redirect=False,
                timeout=urllib3.Timeout(connect=min(CONNECT_TIMEOUT, self.timeout),
                                        read=self.timeout),
            )  # fmt: skip
        except TransportError as exc:
            failure = classify(exc)
            if failure.unreachable:  # no retry: the next request would not reach it either
                raise unreachable("github", urlsplit(url).netloc, failure, _path(url)) from None
            return _Retry(failure.what)
        self._track_rate(response.headers)
        status = response.status
        if status == 304:
            return Page(304, None, response.headers, url)
        if status == 200:
            try:
                return Page(200, json.loads(response.data), response.headers, url)
            except ValueError:
                return _Retry("malformed JSON")
        if status in (301, 302, 307, 308) and "Location" in response.headers:
            return self._redirect(url, response.headers["Location"])
        if status in (403, 429):
            return self._limited(status, response, url)
        if status in RETRY_STATUSES:
            return _Retry(f"HTTP {status}")
        if status in (404, 409, 410):  # 409: an empty repository has no commits
            raise NotVisible(status, _path(url))
        if status == 401:
            raise CollectionError(
                f"GET {_path(url)}: HTTP 401, bad credentials (check GITHUB_TOKEN)"
            )
        raise CollectionError(f"GET {_path(url)}: HTTP {status} {redact(_message(response))}")

    def _redirect(self, url: str, location: str) -> _Redirect:
        target = urljoin(url, location)
        if urlsplit(target).netloc != urlsplit(url).netloc:  # the token goes to GitHub only
            raise CollectionError(f"GET {_path(url)}: redirected to another host; not followed")
        if not urlsplit(target).query and urlsplit(url).query:
            target = f"{target}?{urlsplit(url).query}"  # keep state/since/per_page (github.md §8)
        self.redirected.append((_path(url), _path(target)))
        return _Redirect(target)

    def _limited(self, status: int, response: urllib3.BaseHTTPResponse, url: str) -> _Retry:
        retry_after = response.headers.get("Retry-After")
        if retry_after is not None:
            wait = float(retry_after) if retry_after.isdigit() else SECONDARY_WAIT
            return _Retry(f"HTTP {status} secondary rate limit", wait)
        if response.headers.get("X-RateLimit-Remaining") == "0":
            self.stats.rate_limit_remaining = None  # the retry's wait is the wait for the reset
            return _Retry(f"HTTP {status} rate limit exhausted", self._until_reset())
        if status == 429 or "rate limit" in _message(response).lower():
            return _Retry(f"HTTP {status} secondary rate limit", SECONDARY_WAIT)
        raise NotVisible(status, _path(url))

    def _track_rate(self, headers) -> None:
        remaining = headers.get("X-RateLimit-Remaining")
        if remaining is not None and remaining.isdigit():
            self.stats.rate_limit_remaining = int(remaining)
        reset = headers.get("X-RateLimit-Reset")
        if reset is not None and reset.isdigit():
            self.rate_reset = float(reset)

    def _until_reset(self) -> float:
        if self.rate_reset is None:
            return SECONDARY_WAIT
        return max(0.0, self.rate_reset - self.clock()) + 1.0

    def _wait_if_exhausted(self, url: str) -> None:
        """The last response said nothing is left: wait for the reset instead of spending a 403."""
        if (
            self.stats.rate_limit_remaining == 0
            and self.rate_reset
            and self.rate_reset > self.clock()
        ):
            self._pause(self._until_reset(), url, "rate limit exhausted")
            self.stats.rate_limit_remaining = None

    def backoff_after(self, failures: int) -> float:
        """Seconds to wait after the `failures`-th failed attempt (the GraphQL client's too)."""
        return min(self.backoff * 2 ** (failures - 1), 60.0)

    def _pause(self, seconds: float, url: str, why: str, *, rate_limit: bool = True) -> None:
        self.pause(f"GET {_path(url)}", seconds, why, rate_limit=rate_limit)

    def pause(self, request: str, seconds: float, why: str, *, rate_limit: bool = True) -> None:
        """Sleep `seconds` for `why`, saying so when it is long; a rate-limit wait beyond
        --max-wait fails instead, naming `request` (the GraphQL client waits here too)."""
        if rate_limit and self.max_wait is not None and seconds > self.max_wait:
            raise RateLimitWaitTooLong(
                f"{request}: {why}; waiting {seconds:.0f} s would exceed "
                f"--max-wait {self.max_wait:g} s"
            )
        if seconds >= 5:
            until = datetime.fromtimestamp(self.clock() + seconds, UTC).strftime("%H:%M:%S UTC")
            self.warn(f"github: {why}; waiting {seconds:.0f} s (until {until})")
        self.sleep(seconds)


@dataclass
class _Redirect:
    url: str


@dataclass
class _Retry:
    why: str
    wait: float | None = None


def _pool(base_url: str) -> urllib3.PoolManager:
    """Keep-alive connections, through the environment's proxy (HTTPS_PROXY, NO_PROXY) if any.

    urllib3 directly rather than requests: requests re-reads the environment on every call, about
    1 ms of CPU each, more than parsing a 100-item page.
    """
    parts = urlsplit(base_url)
    ca_certs = (
        os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("SSL_CERT_FILE") or certifi.where()
    )
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and not urllib.request.proxy_bypass(parts.hostname or ""):
        return urllib3.ProxyManager(proxy, ca_certs=ca_certs)
    return urllib3.PoolManager(ca_certs=ca_certs)


def _path(url: str) -> str:
    return urlsplit(url).path


def _message(response: urllib3.BaseHTTPResponse) -> str:
    try:
        return str(json.loads(response.data).get("message", ""))
    except (ValueError, AttributeError):
        return ""


def _link_next(link: str) -> str | None:
    for part in link.split(","):
        if 'rel="next"' in part:
            start, end = part.find("<"), part.find(">")
            if start != -1 and end > start:
                return part[start + 1 : end]
    return None
