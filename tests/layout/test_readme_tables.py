"""Every Markdown table in the README renders as a table: each row has as many cells as its
header. A paragraph or a stray line inside a table splits it, and GitHub then shows the rest as
raw pipes."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def cells(line: str) -> int:
    """Cells of a table row: pipes that are not escaped (`\\|`) and not inside `code`."""
    text = re.sub(r"`[^`]*`", "code", line.strip())
    text = text.replace("\\|", "")
    return len(text.strip("|").split("|"))


def tables(markdown: str) -> list[list[tuple[int, str]]]:
    """The tables of a Markdown text (outside fenced code), each as its numbered lines: a header,
    its separator row, and every row after until the first line that is not a row."""
    lines = markdown.splitlines()
    found, fenced = [], False
    for n, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced or n == 0 or not SEPARATOR.match(line.strip()):
            continue
        if not lines[n - 1].strip().startswith("|"):
            continue
        rows = [(n, lines[n - 1]), (n + 1, line)]
        for m in range(n + 1, len(lines)):
            if not lines[m].strip().startswith("|"):
                break
            rows.append((m + 1, lines[m]))
        found.append(rows)
    return found


def stray_rows(markdown: str) -> list[int]:
    """Lines that look like table rows but belong to no table (a table split by a paragraph)."""
    in_table = {n for table in tables(markdown) for n, _ in table}
    lines, fenced, stray = markdown.splitlines(), False, []
    for n, line in enumerate(lines, start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and line.strip().startswith("|") and n not in in_table:
            stray.append(n)
    return stray


def test_every_row_has_its_headers_cells():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = tables(readme)
    assert len(found) >= 3  # variables, commands, indicators
    for table in found:
        width = cells(table[0][1])
        bad = [(n, cells(line)) for n, line in table if cells(line) != width]
        assert not bad, f"table at line {table[0][0]}, {width} columns; (line, cells): {bad}"


def test_no_row_outside_a_table():
    assert stray_rows((ROOT / "README.md").read_text(encoding="utf-8")) == []


def test_a_split_table_is_caught():
    split = "| a | b |\n|---|---|\n| 1 | 2 |\n\nA paragraph.\n| 3 | 4 |\n"
    assert stray_rows(split) == [6]
    short = "| a | b |\n|---|---|\n| 1 |\n"
    assert [cells(line) for _, line in tables(short)[0]] == [2, 2, 1]
    assert cells("| `a|b` | c \\| d |") == 2
