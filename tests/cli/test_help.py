"""Every command of DESIGN.md §2 exists, has --help that explains it, and is in the README."""

import re
from pathlib import Path

import pytest

from onramp.cli import build_parser, main

COMMANDS = [
    "demo",
    "collect",
    "import-discord",
    "import-slack",
    "build",
    "serve",
    "metrics",
    "status",
    "export",
    "digest",
    "identities",
]
README = Path(__file__).resolve().parents[2] / "README.md"


def test_no_command_prints_usage(capsys):
    assert main([]) == 2
    assert "usage: onramp" in capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: onramp {command}" in out
    assert "--config PATH" in out and "--db PATH" in out
    description = out.split("\n\n")[1]
    assert len(description.split()) >= 8, description


def test_parser_has_exactly_the_designed_commands():
    subparsers = next(
        a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction"
    )
    assert sorted(subparsers.choices) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_documents_the_command(command):
    assert re.search(rf"onramp {re.escape(command)}\b", README.read_text()), command


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (
            ["collect", "--project", "x", "--source", "github", "--full", "--max-wait", "5"],
            "--max-wait",
        ),
        (
            [
                "metrics",
                "--project",
                "x",
                "--month",
                "2024-01",
                "--indicator",
                "i",
                "--format",
                "csv",
            ],
            "--format",
        ),
        (["export", "--out", "d", "--format", "parquet"], "--out"),
        (["serve", "--host", "0.0.0.0", "--port", "8000"], "--port"),
        (["demo", "--no-serve", "--port", "8000"], "--no-serve"),
        (["import-discord", "--project", "x", "a.json", "b.json"], "files"),
        (["digest", "--project", "x", "--period", "30d", "--format", "html", "--post"], "--post"),
    ],
)
def test_designed_options_parse(argv, flag):
    args = build_parser().parse_args([*argv, "--config", "c.toml", "--db", "d.duckdb"])
    assert args.config == "c.toml" and args.db == "d.duckdb"


def test_top_level_help_names_every_source(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    for source in ("GitHub", "Hugging Face Hub", "Discord", "Slack"):
        assert source in out, source
