"""The one pint registry, and cached lookups of the unit words planners write.

The registry is built from ``units.txt`` the first time a unit must be
resolved, so commands that never meet a unit never import pint. Every lookup is
memoised: a corpus of thousands of plans repeats a few dozen unit spellings.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..errors import InstallError

PERCENT = "percent"
LETTERS = re.compile(r"[A-Za-z_]+")
HERE = Path(__file__).parent  # units.txt and the table generated from it sit beside this module
TABLE = "units_table.json"


@cache
def registry():
    """Build the registry once from the definitions file beside this module.

    A missing pint or a broken units.txt is the installation's fault, never a
    plan's: it stops the run with one line instead of turning every target into
    "unknown unit"."""
    try:
        import pint
    except ImportError as error:
        raise InstallError("pint-missing", reason=str(error)) from None
    try:
        ureg: Any = pint.UnitRegistry(None, case_sensitive=False)
        ureg.load_definitions(str(HERE / "units.txt"))
    except (OSError, pint.errors.PintError, ValueError, TypeError) as error:
        raise InstallError("units-broken", path=HERE / "units.txt", reason=" ".join(str(error).split())) from None
    return ureg


def _not_a_unit_errors() -> tuple[type[BaseException], ...]:
    """What pint's parser raises on text that is no unit expression (found by fuzzing
    parse_units): these, and only these, mean "not a unit" (RecursionError: a chain of operators
    deeper than the interpreter's stack, which MAX_UNIT_PARTS keeps from reaching pint)."""
    import tokenize

    import pint

    return (pint.errors.PintError, tokenize.TokenError, ValueError, TypeError, AssertionError, ZeroDivisionError, OverflowError, RecursionError)


def definition_words() -> list[str]:
    """Every unit name and alias defined in units.txt, as written there."""
    words = []
    text = (HERE / "units.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line and not line.startswith("@"):
            parts = [part.strip() for part in line.split("=")]
            words += [parts[0]] + [alias for alias in parts[2:] if alias and alias != "_"]
    return words


def build_table() -> dict[str, dict]:
    """Resolved by pint itself from units.txt: each defined word (lowercased) → its
    canonical unit, and each canonical unit → [its base unit, how many of the base one is]."""
    parsed = {word.lower(): _parse(word) for word in sorted(definition_words(), key=str.lower)}
    words = {word: unit for word, unit in parsed.items() if unit}
    bases = {}
    for unit in sorted(set(words.values())):
        base = registry().Quantity(1, unit).to_base_units()
        bases[unit] = [str(base.units), float(base.magnitude)]
    return {"words": words, "bases": bases}


def table_text() -> str:
    """The table as committed: `make tables` writes it, a test keeps it current."""
    import json

    return json.dumps(build_table(), indent=1, sort_keys=True) + "\n"


@cache
def _table() -> dict[str, dict]:
    """The committed table (tests keep it equal to ``build_table()``): no pint for known words and units."""
    import json

    try:
        return json.loads((HERE / TABLE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InstallError("units-broken", path=HERE / TABLE, reason=" ".join(str(error).split())) from None


@lru_cache(maxsize=4096)
def unit_name(word: str) -> str | None:
    """Canonical pint name of a unit as written (``Lap`` → ``laporan``), or None.

    A trailing full stop (``kec.``) is an abbreviation mark, not part of the unit.
    Words defined in units.txt come from the table; anything else (``Rupiah
    Miliar``, a product of two units) is parsed by pint.
    """
    word = " ".join(word.strip().rstrip(".").split())
    if not word:
        return None
    words = _table()["words"]
    lowered = word.lower()
    known = words.get(lowered)
    if known is not None:
        return known
    if not word.endswith("s") and LETTERS.fullmatch(word):  # one name: pint knows only what units.txt defines (and plurals in -s)
        return None
    if " " in word:  # several known words (Kel Desa, Rupiah Miliar): their product, as pint writes it
        parts = [words.get(part) or "" for part in lowered.split()]
        if all(parts) and len(set(parts)) == len(parts):
            return " * ".join(sorted(parts))
    if len(_OPERATORS.findall(word)) > MAX_UNIT_PARTS:  # `kec/kec/kec/…`: no unit a plan writes, and pint recurses on it
        return None
    return _parse(word)


MAX_UNIT_PARTS = 8  # operators in one unit as written: `jiwa/km2`, `per 100.000 KH` have one or two
_OPERATORS = re.compile(r"[*/^]|\s+")


def _parse(word: str) -> str | None:
    ureg = registry()  # outside the try: a broken registry is an error, not "no unit"
    try:
        units = ureg.parse_units(word)
    except _not_a_unit_errors():
        return None
    name = str(units)
    return name if name and name != "dimensionless" else None


@lru_cache(maxsize=1024)
def conversion_factor(source: str, target: str) -> float | None:
    """How many ``target`` one ``source`` is, or None when they do not convert.

    Units defined in units.txt convert through their base units in the committed
    table (comparing a percent with a count must not cost importing pint); only
    units composed at run time (``miliar * rupiah``) ask pint."""
    if source == target:
        return 1.0
    bases = _table()["bases"]
    if source in bases and target in bases:
        (source_base, source_factor), (target_base, target_factor) = bases[source], bases[target]
        return source_factor / target_factor if source_base == target_base else None
    return _pint_factor(source, target)


def _pint_factor(source: str, target: str) -> float | None:
    import pint

    ureg = registry()
    try:
        return float(ureg.Quantity(1, source).to(target).magnitude)
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



COUNTS_SECTION = "# Counts of things"  # the block of units.txt whose units are things counted one by one


@cache
def count_units() -> frozenset[str]:
    """The units of things counted one by one (``dokumen``, ``orang``): units.txt's counts block."""
    names: set[str] = set()
    inside = False
    for line in (HERE / "units.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(COUNTS_SECTION):
            inside = True
        elif inside and not line.strip():
            break
        elif inside and "=" in line and not line.startswith("#"):
            names.add(line.split("=", 1)[0].strip())
    return frozenset(names)
