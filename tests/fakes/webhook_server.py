"""A local fake of Discord's and Slack's incoming webhooks, the receiving end of `digest --post`.

It speaks what the platforms answer (sources: /work/notes/issue-14/README.md §4 and PROVENANCE.md;
discord/discord-api-docs@c98d64bc webhook.mdx, message.mdx, rate-limits.mdx; slack_sdk 3.48.0
webhook docs and its mock server; Slack changelog 2016-05-17 on webhook errors):

- Discord, `POST /api/webhooks/{id}/{token}`: with `?wait=true` a 200 and the created message
  object, else 204; at least one of content/embeds, content at most 2,000 characters, else a 400
  `{"code": 50035, "message": "Invalid Form Body", "errors": …}` (or 50006 for an empty message);
  a 429 carries `Retry-After`, a JSON body `{"message", "retry_after", "global"}` and `Via`.
- Slack, `POST /services/T…/B…/…`: 200 and the plain text `ok`; errors are plain text codes
  (`invalid_payload`, `invalid_blocks`, `missing_text_or_fallback_or_attachments`); at most 50
  blocks, section text at most 3,000 characters, header text 150; a 429 with `Retry-After`.

Any route may be given a script of failures first: `fake.fail_next("discord", 429, retry_after=2)`
or `fake.fail_next("slack", 503)`. Every request is recorded, failures included.

    with WebhookServer() as fake:
        url = fake.discord_url            # or fake.slack_url
        ...
        fake.requests                     # [Request(kind, path, query, headers, body), ...]
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DISCORD_TOKEN = "fake-webhook-token-Zq8Xv3Lr7Nm2Kp5Ws9Ty4Ub6"
SLACK_SECRET = "fakeSlackSecret9Qw2Er4Ty6Ui8Op0"
CONTENT_LIMIT = 2000
EMBEDS_LIMIT = 10
BLOCKS_LIMIT = 50
SECTION_LIMIT = 3000
HEADER_LIMIT = 150


@dataclass
class Request:
    kind: str
    path: str
    query: dict
    headers: dict
    body: dict | None
    status: int


class WebhookServer:
    def __init__(self):
        self.requests: list[Request] = []
        self.delivered: list[tuple[str, dict]] = []  # (kind, payload) accepted
        self._script: dict[str, list[tuple[int, float | None, bool]]] = {"discord": [], "slack": []}
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # http.server's name for it
                fake._handle(self)

            def log_message(self, *args):  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def discord_url(self) -> str:
        return f"{self.base_url}/api/webhooks/112233445566778899/{DISCORD_TOKEN}"

    @property
    def slack_url(self) -> str:
        return f"{self.base_url}/services/T0001/B0002/{SLACK_SECRET}"

    def fail_next(
        self, kind: str, status: int, retry_after: float | None = None, header: bool = True
    ) -> None:
        self._script[kind].append((status, retry_after, header))

    def __enter__(self) -> WebhookServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- the two platforms -------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        kind = "discord" if parts.path.startswith("/api/webhooks/") else "slack"
        if kind == "slack" and not parts.path.startswith("/services/"):
            self._reply(handler, 404, "text/plain", b"no_service")
            return
        length = int(handler.headers.get("Content-Length", 0))
        raw = handler.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        with self._lock:
            scripted = self._script[kind].pop(0) if self._script[kind] else None
        query = parse_qs(parts.query)
        if scripted:
            status, content_type, answer, headers = self._failure(kind, *scripted)
        elif kind == "discord":
            status, content_type, answer, headers = self._discord(body, query)
        else:
            status, content_type, answer, headers = self._slack(body)
        self.requests.append(Request(kind, parts.path, query, dict(handler.headers), body, status))
        if status in (200, 204):
            self.delivered.append((kind, body))
        self._reply(handler, status, content_type, answer, headers)

    def _failure(self, kind, status, retry_after, header):
        headers = {}
        if status == 429:
            if header and retry_after is not None:
                headers["Retry-After"] = f"{retry_after:g}"
            if kind == "discord":
                headers["Via"] = "1.1 google"
                headers["X-RateLimit-Scope"] = "shared"
                body = {"message": "You are being rate limited.", "global": False}
                if retry_after is not None:
                    body["retry_after"] = retry_after
                return status, "application/json", json.dumps(body).encode(), headers
            return status, "text/plain", b"", headers
        if kind == "discord":
            return (
                status,
                "application/json",
                b'{"message": "Internal Server Error", "code": 0}',
                headers,
            )
        return status, "text/plain", b"rollup_error", headers

    def _discord(self, body, query):
        if not isinstance(body, dict):
            return (
                400,
                "application/json",
                b'{"message": "Cannot send an empty message", "code": 50006}',
                {},
            )
        content, embeds = body.get("content"), body.get("embeds") or []
        if not content and not embeds:
            return (
                400,
                "application/json",
                b'{"message": "Cannot send an empty message", "code": 50006}',
                {},
            )
        if (content and len(content) > CONTENT_LIMIT) or len(embeds) > EMBEDS_LIMIT:
            error = {
                "code": 50035,
                "message": "Invalid Form Body",
                "errors": {
                    "content": {
                        "_errors": [
                            {
                                "code": "BASE_TYPE_MAX_LENGTH",
                                "message": "Must be 2000 or fewer in length.",
                            }
                        ]
                    }
                },
            }
            return 400, "application/json", json.dumps(error).encode(), {}
        if query.get("wait") in (["true"], ["True"], ["1"]):
            message = {
                "id": str(1200000000000000000 + len(self.delivered)),
                "type": 0,
                "content": content or "",
                "channel_id": "1100000000000000000",
                "author": {"bot": True, "id": "112233445566778899", "username": "On-ramp"},
                "embeds": embeds,
                "mentions": [],
                "mention_roles": [],
                "mention_everyone": False,
                "webhook_id": "112233445566778899",
                "flags": body.get("flags", 0),
            }
            return 200, "application/json", json.dumps(message).encode(), {}
        return 204, "application/json", b"", {}

    def _slack(self, body):
        if not isinstance(body, dict):
            return 400, "text/plain", b"invalid_payload", {}
        blocks = body.get("blocks") or []
        if not body.get("text") and not blocks:
            return 400, "text/plain", b"missing_text_or_fallback_or_attachments", {}
        if len(blocks) > BLOCKS_LIMIT or not all(_block_ok(b) for b in blocks):
            return 400, "text/plain", b"invalid_blocks", {}
        return 200, "text/plain", b"ok", {}

    @staticmethod
    def _reply(handler, status, content_type, body, headers=None):
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)


def _block_ok(block: dict) -> bool:
    text = (block.get("text") or {}).get("text", "")
    if block.get("type") == "section":
        return 0 < len(text) <= SECTION_LIMIT
    if block.get("type") == "header":
        return 0 < len(text) <= HEADER_LIMIT and block["text"].get("type") == "plain_text"
    return block.get("type") in ("divider", "context")
