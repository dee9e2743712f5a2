"""A raw Discord id in identities.toml never reaches the database or an export (DESIGN.md §5):
the loader pseudonymises it with the collectors' key, and the built files are scanned for it."""

import subprocess
import sys
from pathlib import Path

from identkit import ADA_DISCORD, PROJECT, ROWS, identities

from sqlkit import build_over

ROOT = Path(__file__).resolve().parents[2]


def test_raw_discord_id_absent_from_database_and_export(tmp_path):
    con = build_over(tmp_path, ROWS, [PROJECT], identities(tmp_path), publish=True)
    # the link took: Ada's Discord messages are hers
    assert con.execute(
        "select count(*) from fct_journeys where person_key = 'person-00001' and platforms = 3"
    ).fetchone() == (1,)
    con.close()
    out = tmp_path / "export"
    subprocess.run(
        [sys.executable, "-m", "onramp", "export", "--db", str(tmp_path / "raw.duckdb"),
         "--out", str(out), "--format", "csv", "--config", str(ROOT / "projects.toml")],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    files = [*tmp_path.glob("*.duckdb*"), *out.rglob("*")]
    assert any(f.suffix == ".csv" for f in files)
    for f in files:
        if f.is_file():
            assert ADA_DISCORD.encode() not in f.read_bytes(), f
