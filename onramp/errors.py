"""Errors a user can act on: the CLI prints their message on one line and exits non-zero."""


class OnrampError(Exception):
    """A problem with the user's input or environment, worded for the user (no traceback shown)."""


class ConfigError(OnrampError):
    """`projects.toml` (or another config file) is invalid; the message names file, project and key."""
