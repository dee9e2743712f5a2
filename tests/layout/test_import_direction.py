"""Imports between top-level packages run one way (README, "How it is built"):

    onramp (the application)  ->  collectors, warehouse, dashboard  ->  core (the kernel)
    onramp, dashboard  ->  digest (the weekly digest: composed from marts, rendered)  ->  core

Every module's imports are read from its source, function-level and `importlib` imports included,
so a backward import fails here before it becomes a cycle.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {
    "core": set(),
    "sql": set(),
    "collectors": {"core"},
    "warehouse": {"core"},
    "digest": {"core"},
    "dashboard": {"core", "digest"},
    "onramp": {"core", "collectors", "warehouse", "dashboard", "digest"},
}


def imported_names(source: str) -> set[str]:
    """Absolute module names a module imports, in any scope, by statement or importlib call."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Call) and _is_import_module(node.func) and node.args:
            names |= _literal_prefix(node.args[0])
    return names


def _is_import_module(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
        isinstance(func, ast.Name) and func.id == "import_module"
    )


def _literal_prefix(arg: ast.expr) -> set[str]:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return {arg.value}
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return {str(arg.values[0].value)}  # f"collectors.{source}" names its package
    return set()


def violations(root: Path) -> list[str]:
    found = []
    for package, allowed in ALLOWED.items():
        for path in sorted((root / package).rglob("*.py")):
            for name in imported_names(path.read_text(encoding="utf-8")):
                target = name.split(".")[0]
                if target in ALLOWED and target != package and target not in allowed:
                    found.append(f"{path.relative_to(root)} imports {name}")
    return found


def test_imports_between_packages_run_one_way():
    assert violations(ROOT) == []


def test_every_top_level_package_is_placed_in_the_graph():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages - {"bench", "tests"} == set(ALLOWED)


def test_a_backward_import_is_caught(tmp_path):
    for package in ALLOWED:
        (tmp_path / package).mkdir()
    (tmp_path / "core" / "settings.py").write_text("def f():\n    from warehouse import db\n")
    (tmp_path / "collectors" / "x.py").write_text(
        "import importlib\nimportlib.import_module(f'onramp.{name}')\n"
    )
    (tmp_path / "dashboard" / "ok.py").write_text("from core.catalog import load_catalog\n")
    assert violations(tmp_path) == [
        "core/settings.py imports warehouse",
        "collectors/x.py imports onramp.",
    ]
