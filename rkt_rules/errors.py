"""Every error rkt-rules raises on purpose, under one base class.

Third-party errors (pydantic, pint, TOML, decoding) are translated into these
at the boundary, so callers catch one type and the CLI prints one line.
"""

from __future__ import annotations

from pathlib import Path


class RktError(Exception):
    """Base class: something the user gave us is wrong, said in one line."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.one_line())

    def one_line(self, lang: str = "en") -> str:
        """``path:line: message`` on one line, the message in ``lang`` where a translation exists."""
        from .messages import translate

        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + translate(" ".join(self.message.split()), lang)


class PlanError(RktError):
    """A plan file cannot be read: empty, binary, undecodable or holding no plan table."""


class RulesetError(RktError):
    """A ruleset is invalid: bad TOML, unknown key, check kind, option or placeholder."""


class UsageError(RktError):
    """The command line asks for something impossible (unknown format, output over an input)."""


class HelperError(RktError):
    """A helper process of a batch stopped before sending its results (killed, interrupted, crashed)."""


def toml_error(error: Exception, path: str, kind: type[RktError]) -> RktError:
    """Translate a TOMLDecodeError, moving its ``(at line L, column C)`` into our location."""
    import re

    text = str(error)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", text)
    line = int(found.group(1)) if found else None
    message = text[: found.start()] + f" (column {found.group(2)})" if found else text
    return kind(f"invalid TOML: {message}", path=path, line=line)
