"""The one pint registry, and cached lookups of the unit words planners write.

The registry is built from ``units.txt`` the first time a unit must be
resolved, so commands that never meet a unit never import pint. Every lookup is
memoised: a corpus of thousands of plans repeats a few dozen unit spellings.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

PERCENT = "percent"


@cache
def registry():
    """Build the registry once from the definitions file beside this module."""
    import pint

    ureg = pint.UnitRegistry(None, case_sensitive=False)
    with resources.as_file(resources.files(__package__) / "units.txt") as path:
        ureg.load_definitions(str(path))
    return ureg


@lru_cache(maxsize=4096)
def unit_name(word: str) -> str | None:
    """Canonical pint name of a unit as written (``Lap`` → ``laporan``), or None.

    A trailing full stop (``kec.``) is an abbreviation mark, not part of the unit.
    """
    word = " ".join(word.strip().rstrip(".").split())
    if not word:
        return None
    if word in ("%", "persen", "Persen", "PERSEN"):
        return PERCENT
    import pint

    try:
        units = registry().parse_units(word)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, SyntaxError, KeyError, ZeroDivisionError):
        return None
    except Exception:  # pint's tokenizer raises a zoo of errors on odd text
        return None
    name = str(units)
    return name if name and name != "dimensionless" else None


@lru_cache(maxsize=1024)
def conversion_factor(source: str, target: str) -> float | None:
    """How many ``target`` one ``source`` is, or None when they do not convert."""
    if source == target:
        return 1.0
    import pint

    try:
        return float(registry().Quantity(1, source).to(target).magnitude)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError):
        return None


def convert(value: float, source: str | None, target: str | None) -> float | None:
    """``value`` in ``source`` expressed in ``target``; a bare number passes unchanged."""
    if source == target:
        return value
    if target is None or source is None:
        return None
    factor = conversion_factor(source, target)
    return None if factor is None else value * factor
