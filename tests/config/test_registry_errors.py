"""A bad projects.toml is a one-line error naming the file, the project and the key."""

import pytest

from core.errors import ConfigError
from core.registry import load_registry
from onramp.cli import main

GOOD = """
[[project]]
id = "eleutherai"
name = "EleutherAI"
organizational_model = "nonprofit-grassroots"
github_repos = ["EleutherAI/gpt-neox"]
"""


def _write(tmp_path, text):
    path = tmp_path / "projects.toml"
    path.write_text(text)
    return path


def test_the_shipped_registry_loads_the_study_projects():
    registry = load_registry("projects.toml")
    assert len(registry.projects) == 14
    assert registry.get("eleutherai").github_repos == (
        "EleutherAI/lm-evaluation-harness",
        "EleutherAI/gpt-neox",
        "EleutherAI/pythia",
    )


def test_defaults_for_optional_keys(tmp_path):
    project = load_registry(_write(tmp_path, GOOD)).get("eleutherai")
    assert project.organization_type == ""
    assert project.hub_authors == () and project.discord_guilds == ()
    assert project.slack_channels == ()
    with_slack = load_registry(_write(tmp_path, GOOD + 'slack_channels = ["C024BE91L"]\n'))
    assert with_slack.get("eleutherai").slack_channels == ("C024BE91L",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD + 'colour = "blue"\n', "project 'eleutherai': unknown key 'colour'"),
        (
            GOOD.replace("EleutherAI/gpt-neox", "gpt-neox"),
            "project 'eleutherai': key 'github_repos' has 'gpt-neox'",
        ),
        (GOOD.replace("EleutherAI/gpt-neox", "a/b/c"), "key 'github_repos' has 'a/b/c'"),
        (GOOD + GOOD, "project 'eleutherai': key 'id' is used by another project"),
        (
            GOOD.replace("nonprofit-grassroots", "cooperative"),
            "key 'organizational_model' is 'cooperative'",
        ),
        (
            GOOD.replace('name = "EleutherAI"\n', ""),
            "project 'eleutherai': missing required key 'name'",
        ),
        (
            GOOD.replace('id = "eleutherai"', 'id = "Eleuther AI"'),
            "key 'id' must be a lowercase slug",
        ),
        (
            GOOD + "discord_guilds = [1234567890123456789]\n",
            "key 'discord_guilds' has 1234567890123456789",
        ),
        (
            GOOD + 'slack_channels = ["#general"]\n',
            "key 'slack_channels' has '#general', expected a Slack channel id such as 'C024BE91L'",
        ),
        (GOOD + "hub_authors = 'EleutherAI'\n", "key 'hub_authors' must be a list"),
        ("[[project]\n", "not valid TOML"),
        ("[settings]\nx = 1\n", "unknown top-level key 'settings'"),
    ],
)
def test_errors_name_the_place(tmp_path, text, expected):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_registry(path)
    assert str(error.value).startswith(str(path))
    assert expected in str(error.value)


def test_cli_prints_one_line_and_exits_1(tmp_path, capsys):
    path = _write(tmp_path, GOOD + 'colour = "blue"\n')
    assert main(["collect", "--config", str(path), "--db", str(tmp_path / "x.duckdb")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}: project 'eleutherai': unknown key 'colour'" in err


def test_missing_file(tmp_path, capsys):
    assert (
        main(["build", "--config", str(tmp_path / "nope.toml"), "--db", str(tmp_path / "x.duckdb")])
        == 1
    )
    assert "nope.toml: project registry not found" in capsys.readouterr().err
