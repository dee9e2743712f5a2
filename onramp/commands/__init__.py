"""One module per `onramp` command, its argument parser beside its body.

Each module names the command (`NAME`), says what it does (`HELP`, `DESCRIPTION`), adds its own
arguments (`add_arguments`) and runs it (`run(args, paths) -> exit code`). `onramp.cli` lists them.
"""

from __future__ import annotations

import sys


def log(message: str) -> None:
    """Progress and outcomes go to stderr, so stdout stays the command's data."""
    print(message, file=sys.stderr, flush=True)
