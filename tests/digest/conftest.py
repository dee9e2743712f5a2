import pytest
from digestrows import build


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    """The hand-built warehouse of digestrows.py, published, read-only."""
    con = build(tmp_path_factory.mktemp("digest"))
    yield con
    con.close()
