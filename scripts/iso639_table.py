"""Print the ISO 639 tables of sql/macros/languages.sql (`iso639_1_codes`, `iso639_3_to_1`,
`iso639_1_names`).

Run with pycountry installed (not a dependency of On-ramp: the tables are vendored, and this is how
they were made, from pycountry 26.2.16, whose ISO 639-3 data is Debian's iso-codes, from SIL):

    pip install pycountry==26.2.16 && python scripts/iso639_table.py

then paste its output over the three macros in sql/macros/languages.sql.
"""

from __future__ import annotations

# ISO 639's reference names carry qualifiers a reader does not need on a card
_QUALIFIERS = (" (macrolanguage)", " (1453-)", " (post 1500)")


def english_name(language) -> str:
    """The language's English name as a card shows it: 'Swahili', not 'Swahili (macrolanguage)';
    'Greek', not 'Modern Greek (1453-)'."""
    name = language.name
    for qualifier in _QUALIFIERS:
        name = name.replace(qualifier, "")
    return name.removeprefix("Modern ")


def tables() -> tuple[list[str], dict[str, str], dict[str, str]]:
    import pycountry

    ones, threes, names = set(), {}, {}
    for language in pycountry.languages:
        two = getattr(language, "alpha_2", None)
        if two:
            ones.add(two)
            names[two] = english_name(language)
            threes[language.alpha_3] = two  # ISO 639-3 = ISO 639-2/T
            bibliographic = getattr(language, "bibliographic", None)
            if bibliographic:
                threes[bibliographic] = two  # ISO 639-2/B (fre, ger, chi, ...)
    return sorted(ones), dict(sorted(threes.items())), dict(sorted(names.items()))


def _wrap(items: list[str], per: int) -> str:
    return ",\n".join("        " + ", ".join(items[i : i + per]) for i in range(0, len(items), per))


def main() -> None:
    ones, threes, names = tables()
    print("create or replace temp macro iso639_1_codes() as [")
    print(_wrap([f"'{c}'" for c in ones], 14))
    print("];")
    print("create or replace temp macro iso639_3_to_1() as map {")
    print(_wrap([f"'{k}': '{v}'" for k, v in threes.items()], 7))
    print("};")
    print("create or replace temp macro iso639_1_names() as map {")
    print(_wrap([f"'{k}': '{v}'" for k, v in names.items()], 4))
    print("};")


if __name__ == "__main__":
    main()
