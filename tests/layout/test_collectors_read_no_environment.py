"""Issue 23: settings (tokens, endpoints, limits) are read once, by the command, into
core.settings.Settings and handed to every collector; no collector module reads the environment,
and none changes another module's state (process-wide: Discord's `Route.BASE`, the Hub's
telemetry flag, a "said once" set), so two runs in one process cannot see each other."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLLECTORS = sorted((ROOT / "collectors").rglob("*.py"))
ENVIRONMENT = {"environ", "getenv", "environb", "putenv", "unsetenv", "load_dotenv", "env"}


def environment_reads(source: str) -> list[str]:
    """`os.environ`, `os.getenv`, `from os import environ`, core.settings' `env()`, dotenv."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ENVIRONMENT - {"env"}:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in ("os", "core.settings", "dotenv"):
            names = {a.name for a in node.names} & ENVIRONMENT
            found += [f"line {node.lineno}: from {node.module} import {n}" for n in sorted(names)]
    return found


def module_state_writes(source: str) -> list[str]:
    """Assignments to an attribute of an imported module (`constants.X = …`, `Route.BASE = …`)
    and module-level mutable sets: state shared by every run in the process."""
    tree = ast.parse(source)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported |= {a.asname or a.name for a in node.names}
    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        targets += [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
        for target in targets:
            root = target
            while isinstance(root, ast.Attribute):
                root = root.value
            if target is not root and isinstance(root, ast.Name) and root.id in imported:
                found.append(f"line {node.lineno}: {ast.unparse(target)} = …")
    for node in tree.body:  # module level: a set or dict that runs would fill
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Call) and ast.unparse(value.func) in ("set", "dict", "list"):
            found.append(f"line {node.lineno}: module-level {ast.unparse(value)}")
    return found


def test_the_walk_finds_what_it_looks_for():
    assert environment_reads("import os\nx = os.environ.get('A')") == ["line 2: .environ"]
    assert environment_reads("from core.settings import env") == [
        "line 1: from core.settings import env"
    ]
    assert module_state_writes("import discord.http\ndiscord.http.Route.BASE = 'x'") == [
        "line 2: discord.http.Route.BASE = …"
    ]
    assert module_state_writes("from huggingface_hub import constants\nconstants.X = 1") == [
        "line 2: constants.X = …"
    ]
    assert module_state_writes("_said: set[str] = set()") == ["line 1: module-level set()"]
    assert module_state_writes("def f(http):\n    http.request = 1") == []


def test_no_collector_module_reads_the_environment():
    assert len(COLLECTORS) > 30  # the walk sees the collectors
    found = {
        str(p.relative_to(ROOT)): hits
        for p in COLLECTORS
        if (hits := environment_reads(p.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_no_collector_module_keeps_process_wide_state():
    found = {
        str(p.relative_to(ROOT)): hits
        for p in COLLECTORS
        if (hits := module_state_writes(p.read_text(encoding="utf-8")))
    }
    assert found == {}
