"""TOML reading: tomli where installed (compiled, about three times faster than the
standard library's pure-Python tomllib on a ruleset), tomllib otherwise. Both
parse the same TOML 1.0 into the same values and raise the same error."""

from __future__ import annotations

try:
    from tomli import TOMLDecodeError, loads
except ImportError:  # pragma: no cover - tomli is a dependency; the standard library's parser stands in
    from tomllib import TOMLDecodeError, loads  # type: ignore[assignment]

__all__ = ["TOMLDecodeError", "loads"]
