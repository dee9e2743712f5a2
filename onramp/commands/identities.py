"""`onramp identities suggest|check`: candidate cross-platform links to review, and the conflicts
in identities.toml. Suggestions are never applied: a maintainer edits them and copies them in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import OnrampError
from core.settings import Paths
from onramp.commands import log

NAME = "identities"
HELP = "suggest cross-platform links to review; check identities.toml for conflicts"
DESCRIPTION = (
    "suggest: write candidate [[person]] entries (TOML, each with a reason and a confidence) "
    "from the raw warehouse, for a maintainer to review and copy into identities.toml; nothing is "
    "applied. check: list conflicts in identities.toml (an id claimed by two people, overlapping "
    "affiliations, a domain given to two organisations at once). The file sits beside "
    "projects.toml, or at $ONRAMP_IDENTITIES."
)


def add_arguments(parser) -> None:
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action")
    suggest = actions.add_parser(
        "suggest",
        help="write candidate links for review (never applied)",
        description="Write candidate [[person]] entries for review; nothing is applied.",
    )
    _common_after_action(suggest)
    suggest.add_argument(
        "--out", metavar="FILE", type=Path, help="write the TOML here (default: stdout)"
    )
    check = actions.add_parser(
        "check",
        help="list conflicts in identities.toml",
        description="List conflicts in identities.toml; exits 1 when there are any.",
    )
    _common_after_action(check)


def _common_after_action(parser) -> None:
    """--config and --db also after the action (`onramp identities check --config X`); SUPPRESS
    keeps a value given before the action when none is given after it."""
    parser.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS, help="as above")
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="as above")
    parser.add_argument("--published", metavar="PATH", default=argparse.SUPPRESS, help="as above")


def run(args, paths: Paths) -> int:
    if args.action == "suggest":
        return _suggest(args, paths)
    if args.action == "check":
        return _check(paths)
    raise OnrampError("identities: say which action: `onramp identities suggest` or `check`")


def _suggest(args, paths: Paths) -> int:
    from onramp.identity_suggestions import render_toml, suggest

    listed = _listed(paths)
    candidates = suggest(paths.store, listed, _project_hub_accounts(paths))
    text = render_toml(candidates)
    if args.out:
        try:
            args.out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise OnrampError(f"--out {args.out}: cannot write: {exc.strerror}") from None
        log(f"wrote {len(candidates)} candidate links to {args.out}; review them before copying")
    else:
        sys.stdout.write(text)
        log(f"{len(candidates)} candidate links; review them before copying into identities.toml")
    return 0


def _project_hub_accounts(paths: Paths) -> set[str]:
    from core.registry import load_registry

    if not paths.config.exists():
        return set()
    return {a for p in load_registry(paths.config).projects for a in p.hub_authors}


def _listed(paths: Paths):
    from core.identities import NO_IDENTITIES, identities_path, load_identities

    path, named = identities_path(paths.config)
    if not path.exists():
        if named:
            raise OnrampError(f"{path}: identities file not found (ONRAMP_IDENTITIES names it)")
        return NO_IDENTITIES
    return load_identities(path, pseudonymize=None)  # raw ids stay in memory, never written


def _check(paths: Paths) -> int:
    from core.identities import check_projects, conflicts, identities_path, load_identities
    from core.registry import load_registry
    from warehouse.build import git_name_key

    path, _ = identities_path(paths.config)
    if not path.exists():
        raise OnrampError(
            f"{path}: no identities file to check (write one, or start from "
            "`onramp identities suggest --out identities.toml`)"
        )
    identities = load_identities(path, pseudonymize=None)
    if paths.config.exists():  # an organisation's `projects` must name the registry's projects
        check_projects(identities, {p.id for p in load_registry(paths.config).projects})
    problems = conflicts(identities, git_name_key)
    for problem in problems:
        print(problem)
    unmatched = sum(
        1
        for p in identities.people
        for e in p.emails
        if not e.lower().endswith("noreply.github.com")
    )
    if unmatched:
        log(
            f"note: {unmatched} email address(es) can link no commit yet: On-ramp keeps only "
            "commit email domains; list the person's GitHub login too"
        )
    people, orgs = len(identities.people), len(identities.organisations)
    if problems:
        log(f"{len(problems)} conflict(s) in {path} ({people} people, {orgs} organisations)")
        return 1
    log(f"no conflicts in {path} ({people} people, {orgs} organisations)")
    return 0
