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


def test_every_two_letter_language_has_a_name(con):
    names = con.execute("select iso639_1_names()").fetchone()[0]
    ones = con.execute("select iso639_1_codes()").fetchone()[0]
    assert sorted(names) == sorted(ones)
    assert all(names.values())
    # ISO 639's qualifiers a reader does not need are left out; those that tell two apart stay
    assert not [n for n in names.values() if "macrolanguage" in n or "1453" in n or "1500" in n]
    assert names["to"] == "Tonga (Tonga Islands)"


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("sw", "Swahili (sw)"),  # ISO 639's 'Swahili (macrolanguage)', without its qualifier
        ("el", "Greek (el)"),  # 'Modern Greek (1453-)'
        ("jv", "Javanese (jv)"),
        ("yue", "yue"),  # no two-letter form: no vendored name, shown as the code
    ],
)
def test_a_language_reads_as_its_name_and_code(con, code, label):
    assert con.execute("select language_label(?)", [code]).fetchone()[0] == label
