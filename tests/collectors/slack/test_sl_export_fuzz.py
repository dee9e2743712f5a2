"""Fuzzing the Slack export reader: whatever a file of the export holds, the answer is either a
clean load or one ExportError line naming that file, and a failed export leaves no row behind."""

import json
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonfuzz import json_values, places
from slackkit import import_into, small_workspace

from collectors.export_files import ExportError
from collectors.slack_export import read_export
from core.pseudonym import Pseudonymizer
from core.settings import Paths
from warehouse.db import connect

SW = small_workspace()
FILES = {name: json.dumps(doc) for name, doc in SW.export.files().items()}
# the files the importer reads: channels.json, users.json and the public channels' day files
READ = sorted(
    n
    for n in FILES
    if n in ("channels.json", "users.json") or n.startswith(("general/", "random/"))
)
PSEUDONYM = Pseudonymizer(b"fuzz-key-" * 4, "slack")


@st.composite
def broken_exports(draw) -> tuple[str, dict[str, bytes]]:
    """The export with one of its read files broken: a value replaced or deleted, or the file
    cut short or made binary."""
    member = draw(st.sampled_from(READ))
    files = {n: t.encode() for n, t in FILES.items()}
    how = draw(st.sampled_from(["replace", "delete", "truncate", "bytes"]))
    text = FILES[member]
    if how == "truncate":
        files[member] = text.encode()[: draw(st.integers(0, len(text) - 1))]
    elif how == "bytes":
        files[member] = draw(st.binary(max_size=40))
    else:
        document = json.loads(text)
        spots = [p for p in places(document) if p]
        if not spots:
            files[member] = json.dumps(draw(json_values)).encode()
            return member, files
        place = draw(st.sampled_from(spots))
        parent = document
        for key in place[:-1]:
            parent = parent[key]
        if how == "delete":
            del parent[place[-1]]
        else:
            parent[place[-1]] = draw(json_values)
        files[member] = json.dumps(document).encode()
    return member, files


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=broken_exports())
def test_a_broken_file_is_one_line_naming_it(tmp_path, case):
    member, files = case
    path = _zip(tmp_path / "export.zip", files)
    try:
        read_export(path, SW.project, PSEUDONYM)
    except ExportError as exc:
        message = str(exc)
        assert message.startswith(f"{path}:{member}: ") and "\n" not in message, message


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=broken_exports())
def test_a_broken_export_loads_nothing(tmp_path, monkeypatch, case):
    monkeypatch.setenv("ONRAMP_PSEUDONYM_KEY", "fuzz-key-0123456789abcdef0123456789")
    member, files = case
    path = _zip(tmp_path / "export.zip", files)
    db = tmp_path / "fuzz.duckdb"
    db.unlink(missing_ok=True)
    logs = []
    code = import_into(Paths(tmp_path / "p.toml", db), SW.project, path, log=logs.append)
    with connect(db) as con:
        stored = con.execute("select count(*) from slack_messages").fetchone()[0]
    if code == 0:
        return  # the change was harmless (a value we do not read)
    errors = [line for line in logs if line.startswith("onramp: ")]
    assert len(errors) == 1 and errors[0].startswith(f"onramp: {path}:{member}: "), errors
    assert stored == 0
