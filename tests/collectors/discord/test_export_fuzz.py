"""Fuzzing the export importer: whatever a file holds, the answer is either a clean load or one
ExportError line naming the file, and a failed file leaves no row behind."""

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonfuzz import json_values, places

from collectors.discord_export import ExportError, NotCounted, read_export
from core.pseudonym import Pseudonymizer
from core.settings import Paths
from onramp.commands.import_discord import import_files
from warehouse.db import connect

from discordkit import dce_document, small_guild

SG = small_guild()
VALID = dce_document(SG.fake, SG.general)
PSEUDONYM = Pseudonymizer(b"fuzz-key-" * 4)
PLACES = [p for p in places(VALID) if p]


@st.composite
def broken_texts(draw) -> str:
    document = json.loads(json.dumps(VALID))
    how = draw(st.sampled_from(["replace", "delete", "truncate"]))
    if how == "truncate":
        text = json.dumps(document)
        return text[: draw(st.integers(0, len(text) - 1))]
    place = draw(st.sampled_from(PLACES))
    parent = document
    for key in place[:-1]:
        parent = parent[key]
    if how == "delete":
        del parent[place[-1]]
    else:
        parent[place[-1]] = draw(json_values)
    return json.dumps(document)


def _check(path: Path, text: str) -> bool:
    """True when the file loads; otherwise its error must be one line naming it."""
    path.write_text(text, encoding="utf-8")
    try:
        read_export(path, SG.project, PSEUDONYM)
    except NotCounted:
        return False
    except ExportError as exc:
        message = str(exc)
        assert message.startswith(f"{path}: ") and "\n" not in message, message
        return False
    return True


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=broken_texts())
def test_broken_export_is_one_line_naming_the_file(tmp_path, text):
    _check(tmp_path / "export.json", text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=64) | st.text(max_size=64).map(str.encode))
def test_garbage_is_one_line_naming_the_file(tmp_path, data):
    path = tmp_path / "garbage.json"
    path.write_bytes(data)
    try:
        read_export(path, SG.project, PSEUDONYM)
    except ExportError as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=broken_texts())
def test_a_failed_file_loads_nothing(tmp_path, text):
    db = tmp_path / "fuzz.duckdb"
    path = tmp_path / "export.json"
    loads = _check(path, text)
    with connect(db) as con:
        before = con.execute("select count(*) from discord_messages").fetchone()[0]
        channels = con.execute("select count(*) from discord_channels").fetchone()[0]
    code = import_files(Paths(tmp_path / "p.toml", db), SG.project, [path], log=lambda line: None)
    with connect(db) as con:
        after = con.execute("select count(*) from discord_messages").fetchone()[0]
        channels_after = con.execute("select count(*) from discord_channels").fetchone()[0]
    if loads:
        assert code == 0
    else:
        assert (after, channels_after) == (before, channels)
