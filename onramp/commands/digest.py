"""`onramp digest`: what changed for each project in a period, from the published marts, printed
as Markdown, HTML or JSON and, with --post, sent to the project's Discord or Slack webhook."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from core.errors import OnrampError
from core.redact import redact
from core.settings import Paths, env
from onramp.commands import log

NAME = "digest"
HELP = "what changed for each project in a period; --post sends it to a webhook"
DESCRIPTION = (
    "Newcomers to welcome, the items waiting longest for a first answer, people going quiet, "
    "indicators that slipped, new derivative models and benchmark results, and one line of "
    "headline numbers, per project, read from the published warehouse. The period is the 7 days "
    "ending with the data cut-off unless --period says otherwise. --post sends each project's "
    "digest to the incoming webhook in ONRAMP_DIGEST_WEBHOOK_<ID> (id upper-cased, - as _) or "
    "ONRAMP_DIGEST_WEBHOOK: Discord (…/api/webhooks/…) or Slack (…/services/…). Links to the "
    "dashboard need ONRAMP_DASHBOARD_URL."
)


def add_arguments(parser) -> None:
    from digest.compose import LIMIT
    from digest.formats import FORMATS

    parser.add_argument(
        "--project",
        metavar="ID",
        action="append",
        help="only this project (repeat for more; default: every published project)",
    )
    parser.add_argument(
        "--period",
        default="7d",
        metavar="7d|30d|FROM..TO",
        help="the last N days to the data cut-off, or YYYY-MM-DD..YYYY-MM-DD, both days included "
        "(default: 7d)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="markdown", help="output format (default: markdown)"
    )
    parser.add_argument("--out", metavar="FILE", help="write the digest here instead of stdout")
    parser.add_argument(
        "--limit",
        type=int,
        default=LIMIT,
        metavar="N",
        help=f"items shown per list; counts keep the full lengths (default: {LIMIT})",
    )
    parser.add_argument(
        "--post", action="store_true", help="also send each project's digest to its webhook"
    )


def run(args, paths: Paths) -> int:
    from digest.compose import compose, projects
    from digest.formats import render
    from digest.period import check_spec
    from warehouse.published import open_published

    _check_config(args, paths)
    check_spec(args.period)
    if args.limit < 1:
        raise OnrampError(f"--limit {args.limit}: must be 1 or more")
    with open_published(paths.published_db) as con:
        known = projects(con)
        ids = args.project or list(known)
        for pid in ids:
            if pid not in known:
                raise OnrampError(
                    f"--project {pid!r}: not in the published warehouse (known: {', '.join(known)})"
                )
        hooks = _webhooks(ids) if args.post else {}  # every URL checked before anything is sent
        digests = [
            compose(
                con, pid, args.period, limit=args.limit, dashboard_url=env("ONRAMP_DASHBOARD_URL")
            )
            for pid in ids
        ]
    _write(render(digests, args.format), args.out)
    if args.post:
        return _post_all(digests, hooks)
    return 0


def _check_config(args, paths: Paths) -> None:
    """A registry named by --config or ONRAMP_CONFIG, or lying at the default path, must load."""
    from core.registry import load_registry

    if args.config or os.environ.get("ONRAMP_CONFIG") or paths.config.exists():
        load_registry(paths.config)


def _webhooks(ids: list[str]) -> dict:
    from digest.webhook import webhook_for

    return {pid: webhook_for(pid) for pid in ids}


def _write(text: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OnrampError(f"--out {out}: {exc.strerror or exc}") from None
    log(f"digest written to {path}")


def _post_all(digests: list[dict], hooks: dict) -> int:
    from digest import discord_messages, slack_blocks
    from digest.webhook import PostError, post

    failed = []
    for digest in digests:
        hook = hooks[digest["project"]]
        build = discord_messages.messages if hook.kind == "discord" else slack_blocks.messages
        payloads = build(digest)
        try:
            post(hook, payloads, log=lambda line: log(redact(line)))
        except PostError as exc:
            failed.append(digest["project"])
            log(redact(f"onramp: digest for {digest['project']} not posted: {exc}"))
            continue
        kind = "Discord" if hook.kind == "discord" else "Slack"
        noun = "message" if len(payloads) == 1 else "messages"
        log(
            f"digest for {digest['project']} posted to {kind} ({hook.variable}): "
            f"{len(payloads)} {noun}"
        )
    if failed:
        raise OnrampError(f"digest post failed for {', '.join(failed)} (see above)")
    return 0
