"""Read Compare's side-by-side HTML table back in AppTest: one dict per project row."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

from dashboard.components.compare_table import CLASS


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.headers: dict[str, str] = {}  # indicator id -> tooltip
        self._row: dict | None = None
        self._field: str | None = None
        self._parts: list[str] = []
        self._in_svg = 0
        self._model = ""  # the organisational model of the rows that follow its group row
        self._in_model = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self._in_svg += 1
        elif tag == "th" and "data-indicator" in a:
            self.headers[a["data-indicator"]] = a.get("title", "")
        elif tag == "tr" and a.get("class") == "model":
            self._in_model, self._model = True, ""
        elif tag == "tr" and "data-project" in a:
            self._row = {
                "project": a["data-project"],
                "organizational_model": self._model,
                "picked": "picked" in a.get("class", ""),
            }
        elif self._row is not None and tag == "th":
            self._field, self._parts = "name", []
        elif self._row is not None and tag == "td":
            self._field, self._parts = a["data-indicator"], []
        elif self._row is not None and tag == "a":
            self._row["link"] = a["href"]

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg -= 1
        elif tag in ("th", "td") and self._row is not None and self._field:
            self._row[self._field] = " · ".join(p for p in self._parts if p.strip())
            self._field = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "tr":
            self._in_model = False

    def handle_data(self, data):
        if self._in_model:
            self._model += data
        elif self._field and not self._in_svg:
            self._parts.append(data)


def side_by_side(at) -> tuple[pd.DataFrame, dict[str, str]]:
    """The table's rows (project, picked, name, link and a column per indicator, each cell's
    text as the CSV has it) and its headers' tooltips by indicator id."""
    found = [m.value for m in at.markdown if f'class="{CLASS}"' in m.value]
    assert len(found) == 1, "no side-by-side table on the page"
    parser = _Rows()
    parser.feed(found[0])
    return pd.DataFrame(parser.rows), parser.headers
