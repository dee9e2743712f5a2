"""A thin GitHub REST client: one counted HTTP request at a time, with exact control of headers.

Why not PyGithub's Requester: it follows a 301 internally (an uncounted request that drops the query
string, github.md §8) and its urllib3 retries are invisible to the call count. This client sends
every request itself, so `stats.api_calls` is exact, redirects keep their query, conditional
requests (ETag -> 304) are explicit, and every wait goes through an injectable `sleep`.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

import certifi
import urllib3
from urllib3.exceptions import HTTPError as TransportError  # timeouts, resets, refused connections

from collectors.base import CollectionError, RunStats
from collectors.network import CONNECT_TIMEOUT, ERRORS
from core.redact import redact
from core.retry import Policy, Request, Retry

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
        retries: int = 4,
        backoff: float = 1.0,
        ca_bundle: str | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.stats = stats
        self.clock = clock
        self.timeout = timeout
        self.policy = Policy(
            attempts=retries + 1, backoff=backoff, max_wait=max_wait, sleep=sleep, clock=clock,
            warn=warn, errors=ERRORS,
        )  # fmt: skip
        self.rate_reset: float | None = None
        self.pool = _pool(self.base_url, ca_bundle)
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
        """GET under the retry policy: a 200 Page with parsed JSON, or a 304 Page when `etag`
        matches. Redirects are followed (not retries), each hop under the policy anew."""
        url = self.url(path, params)
        for _ in range(MAX_REDIRECTS + 1):
            outcome = self.policy.run(
                lambda url=url: self._attempt(url, etag), self.request("GET", url),
                transport=(TransportError,),
            )  # fmt: skip
            if isinstance(outcome, Page):
                return outcome
            url = outcome.url
        raise CollectionError(f"GET {_path(url)}: more than {MAX_REDIRECTS} redirects")

    def request(self, method: str, url: str) -> Request:
        """How messages name a request to `url`."""
        return Request("github", f"{method} {_path(url)}", urlsplit(url).netloc)

    # ---------------------------------------------------------------------------------- internals

    def _attempt(self, url: str, etag: str | None) -> Page | _Redirect:
        """One GET: a Page, a redirect to follow, `Retry` for an answer worth another try."""
        self._wait_if_exhausted(url)
        headers = {**self.headers, "If-None-Match": etag} if etag else self.headers
        self.stats.api_calls += 1
        response = self.pool.request(
            "GET", url, headers=headers, retries=False, redirect=False,
            timeout=urllib3.Timeout(connect=min(CONNECT_TIMEOUT, self.timeout), read=self.timeout),
        )  # fmt: skip
        self._track_rate(response.headers)
        status = response.status
        if status == 304:
            return Page(304, None, response.headers, url)
        if status == 200:
            try:
                return Page(200, json.loads(response.data), response.headers, url)
            except ValueError:
                raise Retry("malformed JSON") from None
        if status in (301, 302, 307, 308) and "Location" in response.headers:
            return self._redirect(url, response.headers["Location"])
        if status in (403, 429):
            raise self._limited(status, response, url)
        if status in RETRY_STATUSES:
            raise Retry(f"HTTP {status}")
        if status in (404, 409, 410):  # 409: an empty repository has no commits
            raise NotVisible(status, _path(url))
        if status == 401:
            raise CollectionError(
                f"GET {_path(url)}: HTTP 401, bad credentials (check GITHUB_TOKEN)"
            )
        raise CollectionError(f"GET {_path(url)}: HTTP {status} {redact(message_of(response))}")

    def _redirect(self, url: str, location: str) -> _Redirect:
        target = urljoin(url, location)
        if urlsplit(target).netloc != urlsplit(url).netloc:  # the token goes to GitHub only
            raise CollectionError(f"GET {_path(url)}: redirected to another host; not followed")
        if not urlsplit(target).query and urlsplit(url).query:
            target = f"{target}?{urlsplit(url).query}"  # keep state/since/per_page (github.md §8)
        self.redirected.append((_path(url), _path(target)))
        return _Redirect(target)

    def _limited(self, status: int, response: urllib3.BaseHTTPResponse, url: str) -> Retry:
        retry = limited(status, response)
        if retry is None:
            raise NotVisible(status, _path(url))
        if response.headers.get("X-RateLimit-Remaining") == "0":
            self.stats.rate_limit_remaining = None  # the retry's wait is the wait for the reset
            retry.wait = self._until_reset()
        return retry

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
            self.policy.pause(self.request("GET", url), self._until_reset(), "rate limit exhausted")
            self.stats.rate_limit_remaining = None


def limited(status: int, response) -> Retry | None:
    """A 403 or 429 that is a rate limit, as a Retry with its wait (REST and GraphQL alike); None
    for a plain refusal. An exhausted primary limit's wait is the caller's reset time."""
    retry_after = response.headers.get("Retry-After")
    if retry_after is not None:
        wait = float(retry_after) if retry_after.isdigit() else SECONDARY_WAIT
        return Retry(f"HTTP {status} secondary rate limit", wait)
    if response.headers.get("X-RateLimit-Remaining") == "0":
        return Retry(f"HTTP {status} rate limit exhausted", SECONDARY_WAIT)
    if status == 429 or "rate limit" in message_of(response).lower():
        return Retry(f"HTTP {status} secondary rate limit", SECONDARY_WAIT)
    return None


@dataclass
class _Redirect:
    url: str


def _pool(base_url: str, ca_bundle: str | None) -> urllib3.PoolManager:
    """Keep-alive connections, through the environment's proxy (HTTPS_PROXY, NO_PROXY) if any,
    trusting `ca_bundle` (REQUESTS_CA_BUNDLE or SSL_CERT_FILE, from the run's settings).

    urllib3 directly rather than requests: requests re-reads the environment on every call, about
    1 ms of CPU each, more than parsing a 100-item page.
    """
    parts = urlsplit(base_url)
    ca_certs = ca_bundle or certifi.where()
    proxy = urllib.request.getproxies().get(parts.scheme)
    if proxy and not urllib.request.proxy_bypass(parts.hostname or ""):
        return urllib3.ProxyManager(proxy, ca_certs=ca_certs)
    return urllib3.PoolManager(ca_certs=ca_certs)


def _path(url: str) -> str:
    return urlsplit(url).path


def message_of(response) -> str:
    """GitHub's own words in an error body: REST's `message`, or GraphQL's first error's."""
    try:
        body = json.loads(response.data)
        if not body.get("message") and body.get("errors"):
            return str(body["errors"][0].get("message", ""))
        return str(body.get("message", ""))
    except (ValueError, AttributeError, TypeError, IndexError, KeyError):
        return ""


def _link_next(link: str) -> str | None:
    for part in link.split(","):
        if 'rel="next"' in part:
            start, end = part.find("<"), part.find(">")
            if start != -1 and end > start:
                return part[start + 1 : end]
    return None
