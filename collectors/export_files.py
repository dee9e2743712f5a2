"""What the export importers share (`import-discord`, `import-slack`): the error that names a file
and a place in it, JSON decoding that says where a file breaks, and short quotes of bad values.

An error message is stored with its run, so it quotes a value only where the caller says it may:
never a raw user id.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.errors import OnrampError


class ExportError(OnrampError):
    """A file that cannot be imported; the message names the file and what is wrong."""


class Place:
    """A position in one export file, for errors that name the file and the JSON path. `file` is
    a path, or a member of an archive written `archive.zip:member`."""

    def __init__(self, file: Path | str, prefix: str = "") -> None:
        self.path, self.prefix = file, prefix

    def at(self, key: str) -> Place:
        return type(self)(self.path, f"{self.prefix}.{key}" if self.prefix else key)

    def item(self, index: int) -> Place:
        return type(self)(self.path, f"{self.prefix}[{index}]")

    def error(self, key: str, problem: str) -> ExportError:
        where = self.at(key).prefix if key else self.prefix
        return ExportError(f"{self.path}: {where or 'top level'}: {problem}")

    def need(self, obj: dict, key: str, kind: type | tuple[type, ...]):
        """obj[key], which must be present and of `kind` (a bool is never a number here)."""
        value = obj.get(key) if isinstance(obj, dict) else None
        if value is None or not is_a(value, kind):
            raise self.error(key, f"missing or not {kind_name(kind)}")
        return value

    def optional(self, obj: dict, key: str, kind: type | tuple[type, ...]):
        """obj[key] when present and not null, which must then be of `kind`; else None."""
        value = obj.get(key)
        if value is not None and not is_a(value, kind):
            raise self.error(key, f"not {kind_name(kind)}")
        return value


def is_a(value, kind: type | tuple[type, ...]) -> bool:
    return isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool)


def parse_json(text: str, where: Path | str):
    """The document in `text`; an ExportError naming `where`, the line and column otherwise."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = " (the file is truncated)" if exc.pos >= len(text.rstrip()) else ""
        raise ExportError(
            f"{where}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}{hint}"
        ) from None
    except RecursionError:
        raise ExportError(f"{where}: invalid JSON: nested too deeply") from None


def kind_name(kind) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        int: "a number",
        bool: "true or false",
    }
    return names.get(kind, "the right type")


def short(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if value is not None else "nothing"
    return text if len(text) <= 40 else text[:37] + "..."
