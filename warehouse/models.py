"""The SQL models under `sql/` and the order they must run in (by the tables each references)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import sqlglot
from sqlglot import exp

from core.errors import OnrampError

LAYERS = ("staging", "intermediate", "marts")
MACROS = "macros"  # sql/macros/*.sql: rules shared by several models, created before any model


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    path: Path
    sql: str


def load_models(root: Path) -> dict[str, Model]:
    models: dict[str, Model] = {}
    for layer in LAYERS:
        for path in sorted((root / layer).glob("*.sql")):
            if path.stem in models:
                raise OnrampError(f"{path}: a model named {path.stem} already exists")
            models[path.stem] = Model(path.stem, layer, path, path.read_text(encoding="utf-8"))
    return models


def load_macros(root: Path) -> list[Path]:
    """The macro files, in name order: each holds `create or replace temp macro` statements."""
    return sorted((root / MACROS).glob("*.sql"))


def dependencies(sql: str, *, path: Path | str = "<sql>") -> set[str]:
    """Unqualified table names a model reads (CTE names excluded; `raw.*` tables are not models)."""
    return set(_dependencies(sql, str(path)))


@cache  # parsing is most of a small build's time; a model's text decides its references
def _dependencies(sql: str, path: str) -> frozenset[str]:
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except sqlglot.errors.ParseError as exc:
        raise OnrampError(f"{path}: cannot parse SQL: {str(exc).splitlines()[0]}") from None
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    return frozenset(t.name for t in tree.find_all(exp.Table) if not t.db and t.name not in ctes)


def build_order(models: dict[str, Model]) -> list[str]:
    graph = {
        name: dependencies(model.sql, path=model.path) & models.keys()
        for name, model in models.items()
    }
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise OnrampError(
            f"SQL models reference each other in a cycle: {' -> '.join(exc.args[1])}"
        ) from None


def with_parents(models: dict[str, Model], targets: set[str] | frozenset[str]) -> set[str]:
    """`targets` (model names) and every model they read, directly or through others."""
    unknown = set(targets) - models.keys()
    if unknown:
        raise OnrampError(f"no SQL model named {', '.join(sorted(unknown))}")
    needed: set[str] = set()
    todo = list(targets)
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        model = models[name]
        todo.extend(dependencies(model.sql, path=model.path) & models.keys())
    return needed
