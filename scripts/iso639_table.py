"""Print the ISO 639 tables of sql/macros/languages.sql (`iso639_1_codes`, `iso639_3_to_1`).

Run with pycountry installed (not a dependency of On-ramp: the tables are vendored, and this is how
they were made, from pycountry 26.2.16, whose ISO 639-3 data is Debian's iso-codes, from SIL):

    pip install pycountry==26.2.16 && python scripts/iso639_table.py

then paste its output over the two macros in sql/macros/languages.sql.
"""

from __future__ import annotations


def tables() -> tuple[list[str], dict[str, str]]:
    import pycountry

    ones, threes = set(), {}
    for language in pycountry.languages:
        two = getattr(language, "alpha_2", None)
        if two:
            ones.add(two)
            threes[language.alpha_3] = two  # ISO 639-3 = ISO 639-2/T
            bibliographic = getattr(language, "bibliographic", None)
            if bibliographic:
                threes[bibliographic] = two  # ISO 639-2/B (fre, ger, chi, ...)
    return sorted(ones), dict(sorted(threes.items()))


def _wrap(items: list[str], per: int) -> str:
    return ",\n".join("        " + ", ".join(items[i : i + per]) for i in range(0, len(items), per))


def main() -> None:
    ones, threes = tables()
    print("create or replace temp macro iso639_1_codes() as [")
    print(_wrap([f"'{c}'" for c in ones], 14))
    print("];")
    print("create or replace temp macro iso639_3_to_1() as map {")
    print(_wrap([f"'{k}': '{v}'" for k, v in threes.items()], 7))
    print("};")


if __name__ == "__main__":
    main()
