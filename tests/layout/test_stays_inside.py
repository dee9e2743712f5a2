"""Nothing in the repository reads a path outside it: a clone with nothing beside it runs its tests
and its command. Every Python file (packages, tests, fixtures' helpers, bench, scripts) is read as
source, and a path that climbs out of the repository or names the maintainers' `shared/` folder
fails here, unless it is one of the allowed exceptions below, each with its reason."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {".venv", ".git", "node_modules", "build", "dist", "__pycache__"}
ALLOWED = {
    # `make snapshot` rebuilds the demo snapshot from the maintainers' copy of the study's data
    # (../shared/data/real), or from a path given to it: maintainers only, never run by a test.
    "scripts/build_demo_snapshot.py": "rebuilds the demo snapshot from the maintainers' data",
    # checks the committed snapshot against that data; skips with a reason where it is absent
    "tests/demo/test_snapshot_reproducible.py": "skips without ../shared/data/real",
    # this file: the ways out it proves it catches
    "tests/layout/test_stays_inside.py": "its own examples",
}
OUTSIDE_NAMES = {"shared"}


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and _string(first.value) is not None:
            ids.add(id(first.value))
    return ids


def findings(source: str) -> list[tuple[int, str]]:
    """(line, what) for each way the source reaches outside the repository."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        text = _string(node)
        if text is not None and id(node) not in docs and "://" not in text:
            parts = text.replace("\\", "/").split("/")
            if ".." in parts and len(parts) > 1:
                found.append((node.lineno, f"relative path that climbs out: {text!r}"))
            elif any(name in parts for name in OUTSIDE_NAMES) and len(parts) > 1:
                found.append((node.lineno, f"path into a folder beside the repository: {text!r}"))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            right = _string(node.right)
            if right is not None and right.split("/")[0] in OUTSIDE_NAMES:
                found.append((node.lineno, f"joins {right!r} to a path"))
        if isinstance(node, ast.Call):
            args = [_string(a) for a in node.args]
            if ".." in args and any(a in OUTSIDE_NAMES for a in args):
                found.append((node.lineno, "joins '..' and a folder beside the repository"))
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in {"joinpath", "join"} and any(a in OUTSIDE_NAMES for a in args):
                found.append((node.lineno, f"{name}() into a folder beside the repository"))
    return sorted(found)


def python_files() -> list[Path]:
    return sorted(
        p for p in ROOT.rglob("*.py") if not SKIP_DIRS & set(p.relative_to(ROOT).parts[:-1])
    )


def test_no_module_reads_outside_the_repository():
    offenders = {}
    for path in python_files():
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED:
            continue
        hits = findings(path.read_text(encoding="utf-8"))
        if hits:
            offenders[rel] = hits
    assert not offenders, offenders


def test_each_allowed_exception_still_exists_and_still_needs_its_place():
    for rel in ALLOWED:
        assert findings((ROOT / rel).read_text(encoding="utf-8")), f"{rel} no longer reads outside"


def test_the_ways_out_are_caught():
    ways_out = [
        'SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "x"',
        'REAL = ROOT.parent / "shared/data/real"',
        'open("../shared/reference/github-schema.graphql")',
        'os.path.join(here, "..", "shared", "data")',
        'Path(here).joinpath("shared")',
        'data = "../../outside.json"',
    ]
    for line in ways_out:
        assert findings(line), line
    assert findings('"""A docstring may mention ../shared/data/real."""') == []
    assert findings('name = "shared"; url = "https://example.org/shared/a/../b"') == []
