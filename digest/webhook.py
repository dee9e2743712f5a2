"""Posting a digest to an incoming webhook (DESIGN.md §2): Discord or Slack, told apart by the URL's
path whatever the host, the URL read from ONRAMP_DIGEST_WEBHOOK_<ID> or ONRAMP_DIGEST_WEBHOOK.

The URL is a secret (its path holds the webhook's token): it appears in no message, error or log
line, urllib3's own debug lines included. 429s and 5xx are retried a bounded number of times,
waiting as long as Retry-After (or Discord's `retry_after`) says, up to a ceiling.
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

VARIABLE = "ONRAMP_DIGEST_WEBHOOK"
ATTEMPTS = 5  # per message
MAX_WAIT = 60.0  # seconds: a longer Retry-After fails the post rather than hang the run
BACKOFF = (1.0, 2.0, 4.0, 8.0)  # after a 5xx or a dropped connection
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
    sleep = sleep or time.sleep  # looked up per call, so a test can stand in for it
    url = _with_wait(hook.url) if hook.kind == "discord" else hook.url
    requests = 0
    with _url_hidden_in_logs(hook.url):
        for index, payload in enumerate(payloads, start=1):
            part = f"message {index} of {len(payloads)}"
            requests += _send(http, hook, url, payload, part, sleep, log)
    return requests


def _send(http, hook: Webhook, url: str, payload: dict, part: str, sleep, log) -> int:
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    for attempt in range(1, ATTEMPTS + 1):
        try:
            response = http.request("POST", url, body=body, headers=headers, redirect=False)
        except urllib3.exceptions.HTTPError as exc:
            problem, wait = f"no answer ({type(exc).__name__})", _backoff(attempt)
        else:
            if _succeeded(hook.kind, response):
                return attempt
            problem = _describe(hook.kind, response)
            if response.status == 429:
                wait = _retry_after(response)
                if wait is None:
                    wait = _backoff(attempt)
                elif wait > MAX_WAIT:
                    raise PostError(
                        f"{hook.variable}: {part}: rate limited for {wait:.0f} s, more than "
                        f"{MAX_WAIT:.0f} s; try again later"
                    )
            elif response.status >= 500:
                wait = _backoff(attempt)
            else:
                raise PostError(f"{hook.variable}: {part}: {problem}")
        if attempt == ATTEMPTS:
            break
        log(f"{hook.variable}: {part}: {problem}; retrying in {wait:g} s")
        sleep(wait)
    raise PostError(f"{hook.variable}: {part}: {problem}, {ATTEMPTS} attempts")


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


def _backoff(attempt: int) -> float:
    return BACKOFF[min(attempt, len(BACKOFF)) - 1]


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
