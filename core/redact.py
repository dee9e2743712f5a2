"""Keep secrets out of every message: tokens never appear in a log, an error or an export."""

from __future__ import annotations

import os
import re

SECRET_VARIABLES = (
    "GITHUB_TOKEN",
    "HF_TOKEN",
    "DISCORD_BOT_TOKEN",
    "SLACK_BOT_TOKEN",
    "ONRAMP_PSEUDONYM_KEY",
)
WEBHOOK_PREFIX = "ONRAMP_DIGEST_WEBHOOK"  # the digest's webhook URLs, shared and per project
_TOKEN_SHAPES = re.compile(
    r"(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|hf_[A-Za-z0-9]{20,}|"
    r"xox[abposer]-[A-Za-z0-9-]{10,}|"
    r"(?i:authorization:?\s*(?:bearer|token|bot)\s+)\S+)"
)


def redact(text: str) -> str:
    """`text` with every configured secret and anything shaped like a token replaced by ***."""
    names = [*SECRET_VARIABLES, *(n for n in os.environ if n.startswith(WEBHOOK_PREFIX))]
    for name in names:
        secret = os.environ.get(name, "").strip()
        if len(secret) >= 4:
            text = text.replace(secret, "***")
    return _TOKEN_SHAPES.sub("***", text)
