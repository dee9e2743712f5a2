"""The language-code rule (sql/macros/languages.sql): one code per language, ISO 639-1 where the
language has one; the vendored ISO table is consistent (every three-letter code lands on a listed
two-letter code); tags that are libraries or topics are no languages."""

import duckdb
import pytest

from warehouse.build import create_macros


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    create_macros(con)
    yield con
    con.close()


def code(con, raw, from_card=False):
    return con.execute("select language_code(?, ?)", [raw, from_card]).fetchone()[0]


def test_the_vendored_table_is_consistent(con):
    ones = con.execute("select iso639_1_codes()").fetchone()[0]
    threes = con.execute("select map_values(iso639_3_to_1())").fetchone()[0]
    assert len(ones) == len(set(ones)) == 184  # ISO 639-1 has 184 codes (pycountry 26.2.16)
    assert set(threes) == set(ones)  # every two-letter language has its three-letter code(s)
    assert con.execute("select iso639_3_to_1()['ger'], iso639_3_to_1()['deu']").fetchone() == (
        "de",
        "de",
    )  # ISO 639-2/B and /T alike


@pytest.mark.parametrize(
    ("raw", "from_card", "expected"),
    [
        ("sw", False, "sw"),
        ("swa", False, "sw"),  # the two spellings: one language
        ("SW", False, "sw"),
        ("sw-KE", False, "sw"),
        ("pt_BR", True, "pt"),
        ("zh-Hans", True, "zh"),
        ("fre", False, "fr"),
        ("jav", True, "jv"),
        ("yue", True, "yue"),  # a card's ISO 639-3 language without a two-letter code stays
        ("pcm", True, "pcm"),
        ("yue", False, None),  # from tags only two-letter languages and their 3-letter forms
        ("trl", False, None),  # an ISO 639-3 code and a library: tags mix them
        ("jax", False, None),
        ("tf", False, None),
        ("ml-agents", False, None),
        ("text-generation", False, None),
        ("mul", True, None),  # codes naming no language
        ("und", True, None),
        ("qaa", True, None),
        ("multilingual", True, None),
        ("code", True, None),
        (None, True, None),
    ],
)
def test_language_code(con, raw, from_card, expected):
    assert code(con, raw, from_card) == expected
