"""Every mart states its key under its grain line (`-- key: col, …`), and the key holds: unique and
never null, on the demo and on a hand-built warehouse (tests/digestrows.py). A key that breaks is
caught: the check is shown failing on duplicated and on null keys."""

import re

import duckdb
import pytest
from dashkit import demo_warehouse
from digestrows import build

from core.settings import published_path
from warehouse.paths import MODELS_DIR

KEY_LINE = re.compile(r"^-- key: (.+)$", re.MULTILINE)


def _header(sql: str) -> str:
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    return "\n".join(lines)


def mart_keys() -> dict[str, list[str]]:
    """Each mart's key columns, as its header states them."""
    keys = {}
    for path in sorted((MODELS_DIR / "marts").glob("*.sql")):
        found = KEY_LINE.findall(_header(path.read_text(encoding="utf-8")))
        keys[path.stem] = [c.strip() for c in found[0].split(",")] if len(found) == 1 else []
    return keys


KEYS = mart_keys()


def key_problems(con: duckdb.DuckDBPyConnection, table: str, key: list[str]) -> list[str]:
    """What breaks `key` in `table`: duplicated key values, nulls in a key column."""
    columns = ", ".join(f'"{c}"' for c in key)
    problems = []
    duplicated = con.execute(
        f"select count(*) from (select {columns} from {table} group by all having count(*) > 1)"
    ).fetchone()[0]
    if duplicated:
        problems.append(f"{table}: {duplicated} key values ({', '.join(key)}) on more than one row")
    for column in key:
        nulls = con.execute(f'select count(*) from {table} where "{column}" is null').fetchone()[0]
        if nulls:
            problems.append(f"{table}: {nulls} rows with a null {column}")
    return problems


@pytest.mark.parametrize("mart", sorted(KEYS))
def test_every_mart_states_one_key_under_its_grain(mart):
    header = _header((MODELS_DIR / "marts" / f"{mart}.sql").read_text(encoding="utf-8"))
    assert header.startswith("-- grain:"), f"{mart}: the header starts with its grain"
    assert KEYS[mart], f"{mart}: one `-- key: col, …` line in the header"


@pytest.fixture(scope="module")
def demo():
    con = duckdb.connect(str(published_path(demo_warehouse())), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def hand_built(tmp_path_factory):
    con = build(tmp_path_factory.mktemp("keys"))
    yield con
    con.close()


def _check(con, mart: str) -> None:
    columns = {
        r[0]
        for r in con.execute(
            "select column_name from duckdb_columns() where table_name = ?", [mart]
        ).fetchall()
    }
    assert columns, f"{mart}: not in the warehouse"
    assert set(KEYS[mart]) <= columns, f"{mart}: key columns {KEYS[mart]} not all in {columns}"
    assert key_problems(con, mart, KEYS[mart]) == []


@pytest.mark.parametrize("mart", sorted(KEYS))
def test_key_holds_on_the_demo(demo, mart):
    _check(demo, mart)


@pytest.mark.parametrize("mart", sorted(KEYS))
def test_key_holds_on_a_hand_built_warehouse(hand_built, mart):
    _check(hand_built, mart)


def test_hand_built_warehouse_fills_most_marts(hand_built):
    # a key checked on empty tables proves little: most marts hold rows here
    empty = [m for m in KEYS if hand_built.execute(f"select count(*) from {m}").fetchone()[0] == 0]
    assert len(empty) <= len(KEYS) // 3, empty


def test_the_check_fails_on_a_broken_key(hand_built):
    # fct_indicators as built, then broken: a row duplicated, or a key value nulled
    built = hand_built.execute("select * from fct_indicators").df()
    key = KEYS["fct_indicators"]
    with duckdb.connect() as con:
        con.register("built", built)
        con.execute("create table fct_indicators as select * from built")
        _check(con, "fct_indicators")  # whole: passes
        con.execute("insert into fct_indicators select * from built limit 1")
        assert key_problems(con, "fct_indicators", key) == [
            "fct_indicators: 1 key values (project, indicator, month) on more than one row"
        ]
        with pytest.raises(AssertionError):
            _check(con, "fct_indicators")
        con.execute("create or replace table fct_indicators as select * from built")
        con.execute("update fct_indicators set month = null where rowid = 0")
        assert key_problems(con, "fct_indicators", key) == [
            "fct_indicators: 1 rows with a null month"
        ]
        with pytest.raises(AssertionError):
            _check(con, "fct_indicators")
