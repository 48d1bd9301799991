"""An LKj's table (*Laporan Kinerja*, the year's report against the PK): which columns measure, and the
measures of each indicator moved from the row's other columns (``extra``) into its typed fields.

The same recogniser reads it as it reads a plan: a header naming an indicator and a target, the goal carried
down, group rows (``KEGIATAN 3355: …``) above the rows. What differs is only the columns it measures by, named
in vocabulary/layout.toml ``[lkj]``: ``Realisasi``, ``Capaian``, ``Kategori``. A column naming another year
than the report's (``REALISASI 2020``) is last year's, kept as written."""

from __future__ import annotations

from functools import cache

from ...model import Goal
from ...vocabulary import derived
from ..targets import is_percent_indicator, read_target
from .words import layout, same_word, word_phrases, words_of

MEASURES = ("realisation", "achievement", "category")


@derived
@cache
def _measure_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    return {measure: word_phrases(layout()["lkj"][measure]) for measure in MEASURES}


def measure_of(name: str) -> str | None:
    """Which measure a column header names (``Realisasi`` → realisation), or None."""
    words = words_of(name)
    found = [(len(phrase), measure) for measure, phrases in _measure_words().items() for phrase in phrases
             if len(words) >= len(phrase) and all(map(same_word, words, phrase))]  # misspelt as report columns may be
    return max(found)[1] if found else None


def measures_only(report_columns: tuple[str, ...]) -> bool:
    """A table's report columns are all an LKj's measures (not a worksheet's Tanggapan or Tindak lanjut)."""
    return bool(report_columns) and all(measure_of(name) in ("realisation", "achievement") for name in report_columns)


def measured(goals: tuple[Goal, ...], year: int | None) -> tuple[Goal, ...]:
    """The goals with each indicator's measures in its own fields, taken from its other columns."""
    done = tuple(goal.model_copy(update={"indicators": tuple(_measured(indicator, year) for indicator in goal.indicators)})
                 for goal in goals)
    if not any(indicator.realisation is not None for goal in done for indicator in goal.indicators):
        return done
    blank = read_target("")  # the report has a Realisasi column: an empty cell is a realisation not reported
    return tuple(goal.model_copy(update={"indicators": tuple(indicator if indicator.realisation is not None else
                                                             indicator.model_copy(update={"realisation": blank})
                                                             for indicator in goal.indicators)}) for goal in done)


def _measured(indicator, year: int | None):
    extra, found = dict(indicator.extra), {}
    for name, value in indicator.extra.items():
        measure = measure_of(name)
        if measure is None or measure in found:
            continue
        years = {int(word) for word in words_of(name) if word.isdigit() and len(word) == 4}
        if year is not None and years and year not in years:
            continue  # last year's realisation beside this year's: kept as written
        found[measure] = value
        del extra[name]
    if not found:
        return indicator
    percent = is_percent_indicator(indicator.text)
    update: dict = {"extra": extra}
    if "realisation" in found:
        update["realisation"] = read_target(found["realisation"], percent)
    if "achievement" in found:
        update["achievement"] = read_target(found["achievement"], True)
    if "category" in found:
        update["category"] = found["category"]
    return indicator.model_copy(update=update)
