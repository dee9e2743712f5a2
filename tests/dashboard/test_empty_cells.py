"""An empty cell reads "—", never "None": every table of every page goes through
`dashboard.cards.dataframe`, which sets the placeholder (issue 20: "None" in Profile, Link, newest
activity and cursor dates on Drop-off, Project and Data status)."""

import ast
from pathlib import Path

from dashkit import PAGES, ROOT

from dashboard.format import DASH

PERIOD = {"from_": "2024-09", "to": "2026-08"}


def _raw_dataframe_calls() -> list[str]:
    """`st.dataframe(...)` calls outside dashboard/cards.py, the one place that sets the rule."""
    found = []
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        if path.name == "cards.py" and path.parent.name == "dashboard":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            on_st = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            if on_st and func.attr == "dataframe" and func.value.id == "st":
                found.append(f"{Path(path).relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_page_calls_st_dataframe_itself():
    assert _raw_dataframe_calls() == []


def test_every_table_on_every_page_shows_empty_as_a_dash(make_app):
    at = make_app(project="eleutherai", **PERIOD).run()
    seen = 0
    for page in ("project", "drop-off", "status"):
        at.switch_page(PAGES[page]).run()
        assert not at.exception, (page, at.exception)
        tables = list(at.dataframe)
        assert tables, page
        assert [t.proto.placeholder for t in tables] == [DASH] * len(tables), page
        seen += len(tables)
    assert seen >= 4
