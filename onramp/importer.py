"""What `import-discord` and `import-slack` share: run an export collector as one collection run
of the project and say in one line what was loaded."""

from __future__ import annotations

from collections.abc import Callable

from core.registry import Project
from core.settings import Paths


def run_import(
    paths: Paths,
    project: Project,
    source: str,
    collector,
    log: Callable[[str], None],
    unit: str = "file",
) -> int:
    """Store what `collector` yields, each batch in its own transaction; returns the exit code
    (1 if any input failed)."""
    from onramp.orchestrator import run_collection
    from warehouse.store import open_store

    command = f"import-{source.removesuffix('-export')}"
    with open_store(paths.store) as store:
        outcome = run_collection(
            store, project, source, collector, progress=False, warn=log, warehouse=paths.raw_db
        )
    if outcome.status == "failed" and not outcome.failed_items:
        log(f"onramp: {command} {project.id}: {outcome.message}")
        return 1
    log(
        f"{command} {project.id}: {outcome.batches} {unit}(s) loaded, "
        f"{outcome.failed_items} failed, {outcome.rows:,} rows"
    )
    return 1 if outcome.failed_items else 0
