"""projects.toml may name help channels (discord_help_channels, slack_help_channels), checked as
strictly as the other keys; without them, every counted channel is a help channel."""

import pytest

from core.errors import ConfigError
from core.registry import load_registry

GOOD = """
[[project]]
id = "masakhane"
name = "Masakhane"
organizational_model = "nonprofit-grassroots"
"""


def _load(tmp_path, text):
    path = tmp_path / "projects.toml"
    path.write_text(text)
    return load_registry(path).get("masakhane")


def test_help_channels_are_optional_lists_of_channel_ids(tmp_path):
    assert _load(tmp_path, GOOD).slack_help_channels == ()
    project = _load(
        tmp_path,
        GOOD
        + 'slack_help_channels = ["C024BE91L"]\ndiscord_help_channels = ["123456789012345678"]\n',
    )
    assert project.slack_help_channels == ("C024BE91L",)
    assert project.discord_help_channels == ("123456789012345678",)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            'slack_help_channels = ["#help"]',
            "key 'slack_help_channels' has '#help', expected a Slack",
        ),
        ("discord_help_channels = ['help']", "key 'discord_help_channels' has 'help', expected a"),
        ('slack_help_channel = ["C024BE91L"]', "unknown key 'slack_help_channel'"),
    ],
)
def test_a_bad_help_channel_names_the_key(tmp_path, line, expected):
    with pytest.raises(ConfigError) as error:
        _load(tmp_path, GOOD + line + "\n")
    assert expected in str(error.value) and "masakhane" in str(error.value)
