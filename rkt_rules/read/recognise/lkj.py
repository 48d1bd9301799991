"""An LKj's table (*Laporan Kinerja*, the year's report against the PK): which columns measure, and the
measures of each indicator moved from the row's other columns (``extra``) into its typed fields.

The same recogniser reads it as it reads a plan: a header naming an indicator and a target, the goal carried
down, group rows (``KEGIATAN 3355: …``) above the rows. What differs is only the columns it measures by, named
in vocabulary/layout.toml ``[lkj]``: ``Realisasi``, ``Capaian``, ``Kategori``; beside this year's Realisasi, a
column naming another year (``REALISASI 2020``) is last year's, and a ``TARGET RENSTRA`` the Renstra's: both
kept as written."""

from __future__ import annotations

import re
from functools import cache

from ...model import Band, Goal, StatedAverage
from ...vocabulary import derived
from ..targets import is_percent_indicator, read_target
from .words import layout, same_word, starts_with_any, word_phrases, words_of

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


def measured(goals: tuple[Goal, ...], year: int | None, columns: tuple, target_at: int | None) -> tuple[Goal, ...]:
    """The goals of one table with each indicator's measures in its own fields, from the columns its header
    (``columns``) gives each measure. Of several Realisasi columns, this year's (or the one naming no year) is
    the realisation, the others last years' kept as written; a single one is this year's whatever year it
    names (a report's slip). A target column of the Renstra (``TARGET RENSTRA``) is kept as written: the year's
    capaian is not measured against it."""
    chosen = _chosen([column.name for column in columns], year)
    target_name = columns[target_at].name if target_at is not None and target_at < len(columns) else ""
    renstra = target_name if _names_plan_target(target_name) else None
    done = tuple(goal.model_copy(update={"indicators": tuple(_measured(indicator, chosen, renstra) for indicator in goal.indicators)})
                 for goal in goals)
    if "realisation" not in chosen:
        return done
    blank = read_target("")  # the table has a Realisasi column: an empty cell is a realisation not reported
    return tuple(goal.model_copy(update={"indicators": tuple(indicator if indicator.realisation is not None else
                                                             indicator.model_copy(update={"realisation": blank})
                                                             for indicator in goal.indicators)}) for goal in done)


def names_average(text: str) -> bool:
    """A cell naming the unit's average capaian (``Rata-rata capaian kinerja``): the vocabulary's [lkj] average words."""
    return starts_with_any(words_of(text), word_phrases(layout()["lkj"]["average"])) is not None


def stated_average(goals: tuple[Goal, ...]) -> tuple[tuple[Goal, ...], StatedAverage | None]:
    """The goals without the row that states the unit's average capaian (``Rata-rata capaian kinerja | | | 98,5%``),
    and that average: a row whose goal or indicator names an average (the vocabulary's [lkj] average words),
    with a capaian and neither target nor realisation. A goal left with no indicator by it is no goal."""
    found: StatedAverage | None = None
    kept: list[Goal] = []
    for goal in goals:
        indicators = []
        for indicator in goal.indicators:
            named = indicator.text if indicator.text else goal.text
            blank = not indicator.target.raw.strip() and (indicator.realisation is None or not indicator.realisation.raw.strip())
            if found is None and blank and indicator.achievement is not None and indicator.achievement.raw.strip() \
                    and names_average(named):
                found = StatedAverage.model_construct(achievement=indicator.achievement, text=named, line=indicator.line,
                                                      cell=indicator.cell)
                continue
            indicators.append(indicator)
        if indicators or not goal.indicators:
            kept.append(goal if len(indicators) == len(goal.indicators) else goal.model_copy(update={"indicators": tuple(indicators)}))
    return tuple(kept), found


def _chosen(names: list[str], year: int | None) -> dict[str, str]:
    """Measure → the column name that gives it."""
    chosen: dict[str, str] = {}
    for measure in MEASURES:
        candidates = [name for name in names if measure_of(name) == measure]
        if len(candidates) > 1:
            named = [name for name in candidates if year is not None and str(year) in words_of(name)]
            plain = [name for name in candidates if not any(word.isdigit() and len(word) == 4 for word in words_of(name))]
            candidates = named or plain
        if candidates:
            chosen[measure] = candidates[0]
    return chosen


def _names_plan_target(name: str) -> bool:
    """A target column of a longer plan than the year's (``TARGET RENSTRA``, ``Target Jangka Menengah``)."""
    words = set(words_of(name))
    return any(set(phrase) <= words for phrase in word_phrases(layout()["lkj"]["plan_target"]))


def _measured(indicator, chosen: dict[str, str], renstra_target: str | None):
    extra = dict(indicator.extra)
    found = {measure: extra.pop(name) for measure, name in chosen.items() if name in extra}
    update: dict = {"extra": extra}
    if renstra_target is not None and indicator.target.raw.strip():
        extra[renstra_target] = indicator.target.raw
        update["target"] = read_target("")
    if not found and renstra_target is None:
        return indicator
    percent = is_percent_indicator(indicator.text)
    if "realisation" in found:
        update["realisation"] = read_target(found["realisation"], percent)
    if "achievement" in found:
        update["achievement"] = read_target(found["achievement"], True)
    if "category" in found:
        update["category"] = found["category"]
    return indicator.model_copy(update=update)


_BOUND = re.compile(r"(<=|>=|≤|≥|<|>)?\s*(\d+(?:[.,]\d+)?)\s*%?")
MAX_BANDS = 12  # a scale of categories is a short table; a longer one is something else


def scale_of(rows: list) -> list[Band]:
    """The bands of a table that is an LKj's scale of categories: every row (but a header) one interval of
    capaian beside one category (``91 % ≤ 100 % | Sangat Baik``, ``≤ 50 % | Sangat Kurang``, ``85 - 100 |
    Baik``); [] for any other table."""
    bands = [band_of(row) for row in rows]
    found = [band for band in bands if band is not None]
    header = bands[0] is None and len(rows) > 1
    if len(found) < 3 or len(found) > MAX_BANDS or len(found) < len(rows) - int(header):
        return []
    return found


def band_of(row) -> Band | None:
    """One row of a scale table: its interval cell and its category cell (a number in front is the row's No)."""
    cells = [cell.strip() for cell in row.cells if cell.strip()]
    if cells and cells[0].rstrip(".").isdigit() and len(cells) > 2:
        cells = cells[1:]
    intervals = [(cell, interval(cell)) for cell in cells]
    numeric = [(cell, found) for cell, found in intervals if found is not None]
    words = [cell for cell, found in intervals if found is None and re.search(r"[^\W\d_]{3}", cell)]
    if len(numeric) != 1 or len(words) != 1:
        return None
    raw, (low, high) = numeric[0]
    return Band.model_construct(low=low, high=high, category=words[0], raw=raw, line=row.line, cell=row.where if row.line is None else None)


def interval(text: str) -> tuple[float | None, float | None] | None:
    """The capaian (%) an interval cell covers: ``91 % ≤ 100 %``, ``85 - 100``, ``≤ 50 %``, ``> 100``; None
    for a cell that is no interval (words, or no number)."""
    if re.search(r"[^\W\d_]{3}", text.replace("s.d", "").replace("s/d", "")):
        return None
    bounds = [(sign, float(number.replace(",", "."))) for sign, number in _BOUND.findall(text)]
    if len(bounds) == 2:
        low, high = sorted(value for _, value in bounds)
        return low, high
    if len(bounds) == 1:
        sign, value = bounds[0]
        if sign in ("<", "<=", "≤"):
            return None, value
        if sign in (">", ">=", "≥"):
            return value, None
    return None
