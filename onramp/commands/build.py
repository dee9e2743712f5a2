"""`onramp build`: the SQL models over the raw warehouse, published by atomic rename."""

from __future__ import annotations

from core.settings import Paths
from onramp.commands import log

NAME = "build"
HELP = "run the SQL models and publish the result"
DESCRIPTION = (
    "Run sql/staging -> sql/intermediate -> sql/marts over the raw warehouse into a new file, "
    "then publish it by atomic rename: a running dashboard keeps reading the old file until "
    "the new one is complete. People listed in identities.toml (beside projects.toml, or "
    "$ONRAMP_IDENTITIES) count once across platforms in the cross-platform indicators."
)


def add_arguments(parser) -> None:
    """No options beyond --config and --db."""


def run(args, paths: Paths) -> int:
    from onramp.demo.run import build_published

    result = build_published(paths, log)
    log(
        f"built {len(result.models)} models in {result.seconds:.1f} s; published {result.published}"
    )
    return 0
