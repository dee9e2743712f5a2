"""Posting a digest to an incoming webhook (DESIGN.md §2): Discord or Slack, told apart by the URL's
path whatever the host, the URL read from ONRAMP_DIGEST_WEBHOOK_<ID> or ONRAMP_DIGEST_WEBHOOK.

The URL is a secret (its path holds the webhook's token): it appears in no message, error or log
line, urllib3's own debug lines included. 429s, 5xx and dropped connections are retried under the
one retry policy (core.retry), the collectors' own: five attempts, back-off 1, 2, 4, 8 s, a 429
waiting as long as Retry-After (or Discord's `retry_after`) says, up to a ceiling; a host that
cannot be reached (refused, DNS, TLS) fails at once, named.

Why not urllib3's `Retry`, though urllib3 is the transport: it cannot read Discord's `retry_after`
from the body, it has no ceiling on a Retry-After it honours, and its attempts happen inside one
`request` call where the count of requests made is lost.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import urllib3

from core.errors import OnrampError
from core.retry import Errors, Policy, Request, Retry

VARIABLE = "ONRAMP_DIGEST_WEBHOOK"
ATTEMPTS = 5  # per message
MAX_WAIT = 60.0  # seconds: a longer Retry-After fails the post rather than hang the run
BACKOFF = 1.0  # after a 5xx or a dropped connection, doubled each time up to 8 s
TIMEOUT = urllib3.Timeout(connect=10, read=30)
USER_AGENT = "onramp-digest (https://github.com/onramp, 0.1)"
_SLACK_CODE = re.compile(r"^[a-z_]{1,60}$")
_DISCORD_PATH = re.compile(r"/api(?:/v\d+)?/webhooks/")


class PostError(OnrampError):
    """A post that failed for good; the message names the variable, never the URL."""


@dataclass(frozen=True)
class Webhook:
    variable: str  # where the URL came from, safe to show
    url: str  # the secret
    kind: str  # "discord" or "slack"


def variable_for(project: str) -> str:
    return f"{VARIABLE}_{project.upper().replace('-', '_')}"


def kind_of(url: str) -> str | None:
    """Discord for `…/api/webhooks/…` (or `/api/v10/webhooks/…`), Slack for `…/services/…`."""
    path = urlsplit(url).path
    if _DISCORD_PATH.search(path):
        return "discord"
    if "/services/" in path:
        return "slack"
    return None


def webhook_for(project: str, environ=os.environ) -> Webhook:
    """The project's own webhook if set, else the shared one; if neither, an error naming both."""
    for name in (variable_for(project), VARIABLE):
        url = environ.get(name, "").strip()
        if url:
            kind = kind_of(url)
            if kind is None or urlsplit(url).scheme not in ("http", "https"):
                raise OnrampError(
                    f"{name}: not a Discord (…/api/webhooks/…) or Slack (…/services/…) "
                    "incoming-webhook URL"
                )
            return Webhook(name, url, kind)
    raise OnrampError(
        f"--post for {project}: no webhook; set {variable_for(project)} or {VARIABLE}"
    )


def post(
    hook: Webhook,
    payloads: list[dict],
    *,
    http: urllib3.PoolManager | None = None,
    sleep: Callable[[float], None] | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> int:
    """Send each payload in order; the number of HTTP requests made. Raises PostError."""
    http = http or urllib3.PoolManager(timeout=TIMEOUT, retries=False)
    policy = Policy(
        attempts=ATTEMPTS, backoff=BACKOFF, max_wait=MAX_WAIT, max_wait_name="the ceiling of",
        sleep=sleep or time.sleep, warn=log, say_from=0.0,
        errors=Errors(gave_up=PostError, too_long=PostError, unreachable=PostError),
    )  # fmt: skip
    url = _with_wait(hook.url) if hook.kind == "discord" else hook.url
    requests = 0
    with _url_hidden_in_logs(hook.url):
        for index, payload in enumerate(payloads, start=1):
            part = f"message {index} of {len(payloads)}"
            sent = _Sender(http, hook, url, payload, part)
            where = Request(hook.variable, part, urlsplit(url).hostname or "")
            try:
                policy.run(sent.attempt, where, transport=(urllib3.exceptions.HTTPError,))
            finally:
                requests += sent.requests
    return requests


@dataclass
class _Sender:
    """One payload's attempts: "classify this response" for the retry policy."""

    http: urllib3.PoolManager
    hook: Webhook
    url: str
    payload: dict
    part: str  # 'message 2 of 3'
    requests: int = 0

    def attempt(self) -> None:
        body = json.dumps(self.payload).encode()
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
        self.requests += 1
        response = self.http.request("POST", self.url, body=body, headers=headers, redirect=False)
        if _succeeded(self.hook.kind, response):
            return
        problem = _describe(self.hook.kind, response)
        if response.status == 429:
            raise Retry(f"{problem}, rate limited", _retry_after(response))
        if response.status >= 500:
            raise Retry(problem)
        raise PostError(f"{self.hook.variable}: {self.part}: {problem}")


def _succeeded(kind: str, response) -> bool:
    if kind == "discord":
        return response.status in (200, 204)
    # Slack answers 200 and the plain text "ok"; anything else is a failure
    return response.status == 200


def _describe(kind: str, response) -> str:
    """The status and the platform's own error code, never the request or the URL."""
    text = response.data[:2000].decode("utf-8", "replace").strip()
    detail = ""
    if kind == "slack" and _SLACK_CODE.match(text):
        detail = f" {text}"
    elif kind == "discord":
        try:
            error = json.loads(text)
        except ValueError:
            error = None
        if isinstance(error, dict) and isinstance(error.get("code"), int):
            message = str(error.get("message", ""))[:80]
            detail = f" (Discord error {error['code']}: {message})"
    if response.status == 404:
        return f"HTTP 404{detail}: the webhook no longer exists; make a new one"
    return f"HTTP {response.status}{detail}"


def _retry_after(response) -> float | None:
    """Seconds to wait: the Retry-After header, else Discord's JSON `retry_after`."""
    header = response.headers.get("Retry-After")
    try:
        if header is not None:
            return max(0.0, float(header))
    except ValueError:
        pass  # an HTTP date: rare from these two; fall back to the body or the back-off
    try:
        value = json.loads(response.data).get("retry_after")
        return max(0.0, float(value)) if value is not None else None
    except (ValueError, AttributeError, TypeError):
        return None


def _with_wait(url: str) -> str:
    """Discord answers `?wait=true` posts with the stored message or an error, not a blind 204."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "wait"] + [("wait", "true")]
    return urlunsplit(parts._replace(query=urlencode(query)))


class _HideURL(logging.Filter):
    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in self.secrets:
            message = message.replace(secret, "***")
        record.msg, record.args = message, ()
        return True


@contextmanager
def _url_hidden_in_logs(url: str) -> Iterator[None]:
    """urllib3 logs each request line (path and query) at debug level: mask the secret parts."""
    parts = urlsplit(url)
    secrets = sorted(
        {url, parts.path, parts.query, parts.netloc + parts.path}, key=len, reverse=True
    )
    hider = _HideURL(secrets)
    loggers = [logging.getLogger(name) for name in ("urllib3", "urllib3.connectionpool")]
    for logger in loggers:
        logger.addFilter(hider)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(hider)
