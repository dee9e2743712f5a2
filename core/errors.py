"""Errors a user can act on: the CLI prints their message on one line and exits non-zero."""


class OnrampError(Exception):
    """A problem with the user's input or environment, worded for the user (no traceback shown)."""


class ConfigError(OnrampError):
    """`projects.toml` is invalid; the message names the file, the project and the key."""
