import duckdb
import pytest
from digestrows import build


@pytest.fixture(scope="session")
def raw_db(tmp_path_factory):
    """The hand-built warehouse of tests/digestrows.py; `--db` for it (published beside it)."""
    folder = tmp_path_factory.mktemp("digest")
    build(folder).close()
    return folder / "raw.duckdb"


@pytest.fixture(scope="session")
def marts(raw_db):
    con = duckdb.connect(str(raw_db.with_name("raw.published.duckdb")), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    yield con
    con.close()
