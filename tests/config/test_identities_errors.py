"""identities.toml is loaded as strictly as the registry: every error names the file, the person
(or organisation) and the key; a raw Discord id is never echoed; `check` lists conflicts."""

import pytest

from core.errors import ConfigError
from core.identities import conflicts, load_identities
from warehouse.build import git_name_key


def _load(tmp_path, text):
    path = tmp_path / "identities.toml"
    path.write_text(text, encoding="utf-8")
    return load_identities(path, lambda platform, raw: f"pseudo-{platform}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[person]]\nname = "Ada"\ngithub = ["ada"]\nemail = ["a@b.org"]\n',
         "person 'Ada': unknown key 'email'"),
        ('[[person]]\ngithub = ["ada"]\n', "person #1: missing required key 'name'"),
        ('[[person]]\nname = "Ada"\n', "person 'Ada': lists no identity"),
        ('[[person]]\nname = "Ada"\ngithub = ["not a login"]\n',
         "person 'Ada': key 'github' has 'not a login'"),
        ('[[person]]\nname = "Ada"\ngithub = "ada"\n', "person 'Ada': key 'github' must be a list"),
        ('[[person]]\nname = "Ada"\ngithub = ["ada"]\nbot = "yes"\n',
         "person 'Ada': key 'bot' must be true or false"),
        ('[[person]]\nname = "Ada"\ngithub = ["ada", "ADA"]\n',
         "person 'Ada': key 'github' lists an item twice"),
        ('[[person]]\nname = "Ada"\ngithub = ["ada"]\n[[person.affiliation]]\norg = "X"\n'
         'from = "2024-05-01"\nto = "2024-01-01"\n',
         "person 'Ada': key 'affiliation.to' (2024-01-01) must come after"),
        ('[[person]]\nname = "Ada"\ngithub = ["ada"]\n[[person.affiliation]]\norg = "X"\n'
         'from = "May 2024"\n', "person 'Ada': key 'affiliation.from' is 'May 2024'"),
        ('[[person]]\nname = "Ada"\ngithub = ["ada"]\n[[person.affiliation]]\nfrom = 2024-01-01\n',
         "person 'Ada': affiliation is missing required key 'org'"),
        ('[[organisation]]\nname = "X"\ndomains = ["Example.ORG"]\n',
         "organisation 'X': key 'domains' has 'Example.ORG'"),
        ('[[organisation]]\nname = "X"\n', "organisation 'X': missing required key 'domains'"),
        ('[[people]]\nname = "Ada"\n', "unknown top-level key 'people'"),
    ],
)  # fmt: skip
def test_error_names_file_person_and_key(tmp_path, text, expected):
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, text)
    message = str(err.value)
    assert message.startswith(str(tmp_path / "identities.toml") + ":")
    assert expected in message
    assert "\n" not in message


def test_bad_discord_id_is_not_echoed(tmp_path):
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, '[[person]]\nname = "Ada"\ndiscord = ["8035111022467891x"]\n')
    assert "person 'Ada': key 'discord'" in str(err.value)
    assert "8035111022467891" not in str(err.value)


def test_discord_and_slack_ids_are_pseudonymised_on_load(tmp_path):
    text = '[[person]]\nname = "Ada"\ndiscord = ["80351110224678912"]\nslack = ["U024BE7LH"]\n'
    person = _load(tmp_path, text).people[0]
    assert person.discord == ("pseudo-discord",) and person.slack == ("pseudo-slack",)


def test_suggest_keys_are_accepted_and_dates_may_be_toml_dates(tmp_path):
    text = (
        '[[person]]\nname = "Ada"\ngithub = ["ada"]\nreason = "same login"\nconfidence = "medium"\n'
        '[[person.affiliation]]\norg = "X"\nfrom = 2024-01-01\n'
    )
    person = _load(tmp_path, text).people[0]
    assert str(person.affiliations[0].period.start) == "2024-01-01"


def test_conflicts_listed(tmp_path):
    text = """
[[person]]
name = "Ada"
github = ["ada"]
emails = ["1+bo@users.noreply.github.com"]
  [[person.affiliation]]
  org = "X"
  from = "2023-01-01"
  [[person.affiliation]]
  org = "Y"
  from = "2023-06-01"
  to = "2024-01-01"

[[person]]
name = "Bo"
github = ["Ada", "bo"]

[[organisation]]
name = "X"
domains = ["x.org"]

[[organisation]]
name = "X2"
domains = ["x.org"]
from = "2020-01-01"
"""
    found = conflicts(_load(tmp_path, text), git_name_key)
    assert len(found) == 4
    assert "person 'Bo': key 'github' claims 'ada', already claimed by person 'Ada'" in found[1]
    assert "claims 'bo'" in found[2]  # Ada's no-reply address names the login bo
    assert "person 'Ada': key 'affiliation' overlaps: 'X'" in found[0]
    assert "organisation 'X2': key 'domains' gives 'x.org'" in found[3]
