"""Cross-document and cross-indicator matching: does the Secretariat support the
commission, do twin indicators agree, does a document repeat itself?

Matching is deterministic and explainable: indicator texts become sets of
stems (textnorm), weighted by rarity within the two documents, scored with a
weighted Dice coefficient; the best candidate wins, the earliest on a tie. A
plan in TOML may pair indicators explicitly (``supports = ["4.2"]``) and such a
pairing wins over any score. Scores and shared stems go into the evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol, Sequence, TypeVar

from ...model import REPORT_TYPES, DocumentKind, Plan, PlanDocument, Target
from ...read.textnorm import WORD, content_words, opposite, rarity_weights, stem, stems, unit_words
from ...vocabulary import derived, load
from ...read.units import convert
from . import Bilingual, Hit, Options, Site, Unevaluated, check, each, goal_label, indicator_sites, memo_for, phrase
from .document import institution
from .wording import measure_word_set

if TYPE_CHECKING:
    from ...sets import PlanSet

class _HasOffice(Protocol):
    """A PlanDocument, or its Card (rkt_rules.sets): what pairing reads of a document."""

    @property
    def kind(self) -> str: ...
    @property
    def unit(self) -> str | None: ...


_Document = TypeVar("_Document", bound=_HasOffice)
GRADES = ("AA", "A", "BB", "B", "CC", "C", "D", "E")


class Match(NamedTuple):
    parent: Site
    child: Site | None
    score: float
    explicit: bool
    shared: tuple[str, ...]


def document_pairs(plan: Plan, parent: DocumentKind, child: DocumentKind) -> list[tuple[PlanDocument, PlanDocument]]:
    """Parent and child documents of the same office (a Secretariat and its commission).
    A lone pair whose unit is unreadable is paired (identity-readable says the unit is
    missing); a lone pair of two named, different offices never is (see ``pairable``)."""
    return _pairs(plan.documents, parent, child)


def _pairs(documents: Sequence[_Document], parent: DocumentKind, child: DocumentKind) -> list[tuple[_Document, _Document]]:
    """``document_pairs`` over documents or their cards (both have ``kind`` and ``unit``); plans only, never
    a report (an LKj of a Secretariat is not the plan that supports its commission's)."""
    documents = [d for d in documents if getattr(d, "document_type", getattr(d, "type", None)) not in REPORT_TYPES]
    parents = [d for d in documents if d.kind == parent]
    children = [d for d in documents if d.kind == child]
    pairs = [(p, c) for p in parents for c in children if p.unit and c.unit and institution(p.unit) == institution(c.unit)]
    if not pairs and len(parents) == 1 and len(children) == 1 and not _different_offices(parents[0], children[0]):
        pairs = [(parents[0], children[0])]
    return pairs


def paired_documents(visited: "Site | PlanSet", parent: DocumentKind, child: DocumentKind) -> list[tuple[Site, Site]]:
    """The (parent, child) documents the alignment rules compare.

    For a plan or a file's own set, the file's own pairs; for the run's set, each
    document with no partner in its own file and the one partner of its office and
    year in another file (none where there are several: ``distinct`` says so)."""
    if isinstance(visited, Site) or not visited.across:
        plan = visited.plan if isinstance(visited, Site) else visited.own
        if plan is None:
            return []
        return [(Site(plan, p), Site(plan, c)) for p, c in document_pairs(plan, parent, child)]
    alone: dict[tuple, tuple[list, list]] = {}
    for cards in visited.by_file().values():
        partnered = {card for pair in _pairs(cards, parent, child) for card in pair}
        for card in cards:
            if card.kind in (parent, child) and card.unit and card not in partnered:
                sides = alone.setdefault((institution(card.unit), card.year), ([], []))
                sides[card.kind == child].append(card)
    return [(Site(*visited.document(parents[0])), Site(*visited.document(children[0]))) for _, (parents, children) in sorted(alone.items(), key=lambda item: str(item[0]))
            if len(parents) == 1 and len(children) == 1 and parents[0].path != children[0].path]


def _different_offices(parent: _Document, child: _Document) -> bool:
    return bool(parent.unit and child.unit) and institution(parent.unit) != institution(child.unit)


class PairableOptions(Options):
    parent: DocumentKind = "kpu"
    child: DocumentKind = "secretariat"


@check("pairable", PairableOptions, visits=("plan",), placeholders=("parent_unit", "child_unit", "reason"))
@each
def pairable(site: Site, options: PairableOptions):
    """A supporting document that the alignment checks cannot compare with the document it supports: another office's, or too large."""
    plan = site.plan
    parents = [d for d in plan.documents if d.kind == options.parent]
    children = [d for d in plan.documents if d.kind == options.child]
    if len(parents) == 1 and len(children) == 1 and _different_offices(parents[0], children[0]):
        yield Hit({"parent_unit": parents[0].unit, "child_unit": children[0].unit, "reason": phrase("phrase.different-offices")},
                  Site(plan, children[0]))
    for parent_doc, child_doc in document_pairs(plan, options.parent, options.child):
        pairs = sum(len(g.indicators) for g in parent_doc.goals) * sum(len(g.indicators) for g in child_doc.goals)
        if pairs > MAX_PAIRS:
            yield Hit({"parent_unit": parent_doc.unit or "?", "child_unit": child_doc.unit or "?",
                       "reason": phrase("phrase.too-many-pairs", pairs=pairs, limit=MAX_PAIRS)}, Site(plan, child_doc))


def matches(parent: Site, child: Site, mode: str = "similar") -> list[Match]:
    """For every indicator of the parent document, its best indicator of the child document
    (memoised per check and mode). Each side keeps its own plan: the two may be different files."""
    key = ("matches", id(parent.document), id(child.document), mode)
    memo = memo_for(parent.plan)
    if key not in memo:
        memo[key] = (_match_exact if mode == "exact" else _match)(parent, child)
    return memo[key]


def normal_text(text: str) -> str:
    """Case and spacing folded: the key under which two indicators are 'the same text'."""
    return " ".join(text.casefold().split())


def _explicit(site: Site, children: list[Site]) -> Site | None:
    reference = f"{site.goal.number}.{site.position}"
    return next((c for c in children if reference in c.indicator.supports), None)


def _match_exact(parent: Site, child: Site) -> list[Match]:
    """Pairs whose texts are the same once case and spacing are folded; the earliest twin wins."""
    children = indicator_sites(child.plan, child.document)
    # normal_text, inlined here and below: this runs for every indicator of every plan
    by_text = {" ".join(twin.indicator.text.casefold().split()): twin for twin in reversed(children)}
    if not any([twin.indicator.supports for twin in children]):
        children = []  # no explicit pairing to look for
    result, new = [], tuple.__new__
    for site in indicator_sites(parent.plan, parent.document):
        explicit = _explicit(site, children) if children else None
        if explicit is not None:
            result.append(Match(site, explicit, 1.0, True, ()))
            continue
        twin = by_text.get(" ".join(site.indicator.text.casefold().split()))
        result.append(new(Match, (site, twin, 1.0, False, ()) if twin is not None else (site, None, 0.0, False, ())))
    return result


MAX_PAIRS = 1_000_000  # parent x child indicators scored at most; beyond it matching is refused, not slow


def _match(parent: Site, child: Site) -> list[Match]:
    parents, children = indicator_sites(parent.plan, parent.document), indicator_sites(child.plan, child.document)
    if len(parents) * len(children) > MAX_PAIRS:
        return []
    return match_sites(parents, children, unit_words(parent.document.unit) | unit_words(child.document.unit))


def match_sites(parents: list[Site], children: list[Site], ignore: frozenset[str], explicit: bool = True) -> list[Match]:
    """For every parent indicator, the child indicator most alike (weighted Dice over stems,
    rarity within these indicators; the earliest on a tie), with its score; an explicit
    ``supports`` pairing wins where ``explicit``. Only children sharing a stem are scored."""
    parent_stems = [stems(s.indicator.text, ignore) for s in parents]
    child_stems = [stems(s.indicator.text, ignore) for s in children]
    weights = rarity_weights(parent_stems + child_stems)
    # fsum over sorted stems: the same float whatever order a set iterates in (which PYTHONHASHSEED decides)
    child_totals = [math.fsum(sorted(weights[w] for w in theirs)) for theirs in child_stems]
    postings: dict[str, list[int]] = {}
    for j, theirs in enumerate(child_stems):
        for word in theirs:
            postings.setdefault(word, []).append(j)
    has_explicit = explicit and any(c.indicator.supports for c in children)
    result = []
    for site, mine in zip(parents, parent_stems):
        paired = _explicit(site, children) if has_explicit else None
        if paired is not None:
            result.append(Match(site, paired, 1.0, True, ()))
            continue
        total = math.fsum(sorted(weights[w] for w in mine))
        best: Site | None = None
        best_score, best_stems = 0.0, frozenset[str]()
        for j in sorted({j for word in mine for j in postings.get(word, ())}):  # only children sharing a stem can score
            theirs = child_stems[j]
            if opposite(mine, theirs):
                continue  # one negates the other: it measures the opposite
            score = 2 * math.fsum(sorted(weights[w] for w in mine & theirs)) / (total + child_totals[j])
            if score > best_score:
                best, best_score, best_stems = children[j], score, theirs
        result.append(Match(site, best, round(best_score, 3), False, tuple(sorted(mine & best_stems))))
    return result


@lru_cache(maxsize=16384)
def lower_is_better(text: str, words: tuple[str, ...] | None = None, unless: tuple[str, ...] | None = None) -> bool:
    """*Jumlah pengaduan* is better low; *pengaduan yang ditindaklanjuti* is better high.

    Whole words, case folded (``temuan`` is not in ``pertemuan``; stems would make
    them one, *temu*). Lists left out come from vocabulary/words.toml [polarity]."""
    polarity = load("words")["polarity"]
    found = " " + " ".join(WORD.findall(text.casefold())) + " "
    def has(phrases):
        return any(f" {' '.join(WORD.findall(p.casefold()))} " in found for p in phrases)
    return has(polarity["lower_is_better"] if words is None else words) and not has(polarity["unless"] if unless is None else unless)


def _rank(target: Target, unit: str | None, grades: tuple[str, ...]) -> float | None:
    """A comparable number for a target: its value in ``unit``, or minus a grade's position."""
    if target.kind == "grade":
        return -grades.index(target.grade) if target.grade in grades else None
    if target.kind in ("percent", "number", "quantity") and target.value is not None:
        return convert(target.value, target.unit, unit)
    return None


class AlignedOptions(Options):
    parent: DocumentKind = "kpu"
    child: DocumentKind = "secretariat"
    relation: Literal["supported", "target"]
    match: Literal["similar", "exact"] = "similar"
    threshold: float = 0.2
    lower_is_better: tuple[str, ...] | None = None  # None: the vocabulary's [polarity] words
    unless: tuple[str, ...] | None = None
    grades: tuple[str, ...] = GRADES


@check("aligned", AlignedOptions, visits=("plan", "set"),
       placeholders=("score", "candidate", "candidate_goal", "best", "parent_target", "parent_goal", "parent_indicator", "child_target", "relation"))
@each
def aligned(visited: "Site | PlanSet", options: AlignedOptions):
    """Child indicators support parent indicators; matched twins' targets do not fall short."""
    supported, threshold = options.relation == "supported", options.threshold
    for parent, child in paired_documents(visited, options.parent, options.child):
        if options.match == "similar":
            pairs = sum(len(g.indicators) for g in parent.document.goals) * sum(len(g.indicators) for g in child.document.goals)
            if pairs > MAX_PAIRS:
                yield Unevaluated(phrase("phrase.too-many-pairs", pairs=pairs, limit=MAX_PAIRS), parent)
                continue
        for match in matches(parent, child, options.match):
            if supported:
                if not match.explicit and match.score < threshold:
                    best = match.child
                    yield Hit({"score": match.score, "candidate": best.indicator.text if best else "",
                               "candidate_goal": best.goal.number if best else "", "shared": list(match.shared),
                               "best": _best(match)}, match.parent)
            elif match.child is not None and (match.explicit or match.score >= threshold):
                hit = _target_falls_short(match, options)
                if hit is not None:
                    yield hit


def _best(match: Match) -> Bilingual:
    """The closest candidate in words, for a message: which indicator, and how close."""
    if match.child is None or match.score == 0:
        return phrase("phrase.nothing-alike")
    score = f"{match.score:.2f}"
    return phrase("phrase.closest", where=f"{match.child.goal.number}.{match.child.position}", score=Bilingual(score.replace(".", ","), score))


def _target_falls_short(match: Match, options: AlignedOptions) -> Hit | Unevaluated | None:
    assert match.child is not None  # only matched pairs are compared
    parent, child = match.parent.indicator, match.child.indicator
    mine = _rank(parent.target, parent.target.unit, options.grades)
    theirs = _rank(child.target, parent.target.unit, options.grades)
    if mine is None or theirs is None or (parent.target.kind == "grade") != (child.target.kind == "grade"):
        return Unevaluated(phrase("phrase.targets-incomparable", first=parent.target.raw, second=child.target.raw), match.child)
    lower = lower_is_better(parent.text, options.lower_is_better, options.unless)
    if (theirs < mine) if not lower else (theirs > mine):
        return Hit({
            "parent_target": parent.target.raw, "child_target": child.target.raw, "parent_goal": match.parent.goal.number,
            "parent_indicator": parent.text, "score": "explicit" if match.explicit else match.score,
            "relation": "<=" if lower else ">=", "shared": list(match.shared),
        }, match.child)
    return None


class UniqueOptions(Options):
    threshold: float = 0.8


@check("unique", UniqueOptions, visits=("document",), placeholders=("other_goal", "other_indicator", "score"))
@each
def unique(site: Site, options: UniqueOptions):
    """No indicator repeats, word for word or nearly, an earlier one in the same document.

    Plain (unweighted) overlap of the words as written: rarity weights mean
    little within one short document, two indicators sharing most of their
    words is the point, and a document repeats its own wording (no stemmer needed).
    """
    document = site.document
    ignore = unit_words(document.unit) | _time_limits()
    for sites in _numbered_lists(indicator_sites(site.plan, document)):
        yield from _repeats(sites, ignore, options.threshold)


def _numbered_lists(sites: list[Site]) -> list[list[Site]]:
    """The indicators by numbered list of goals: numbering that starts again at 1 begins another table
    (a long Renja's Tujuan, Sasaran and program tables), where the same indicator measures another level."""
    lists: list[list[Site]] = []
    goal = None
    for site in sites:
        if site.goal is not goal:
            if goal is None or site.goal.number == "1":
                lists.append([])
            goal = site.goal
        lists[-1].append(site)
    return lists


def _repeats(sites: list[Site], ignore: frozenset[str], threshold: float):
    """Each indicator of one list that repeats an earlier one, word for word or nearly."""
    texts = [content_words(s.indicator.text, ignore) for s in sites]
    frequency = Counter(word for text in texts for word in text)
    first_seen: dict[str, int] = {}
    index: dict[str, list[int]] = {}
    for later, (here, mine) in enumerate(zip(sites, texts)):
        exact = first_seen.setdefault(normal_text(here.indicator.text), later)
        best, best_score = (exact, 1.0) if exact != later else (None, 0.0)
        if mine:
            # Prefix filtering: sets with Dice >= t share at least t*n/(2-t) stems, so
            # they must meet among each one's rarest n - that + 1 stems. Only those
            # candidates are compared: linear in practice, not quadratic.
            tokens = sorted(mine, key=lambda word: (frequency[word], word))
            overlap = math.ceil(threshold * len(tokens) / (2 - threshold) - 1e-9)
            prefix = tokens[: max(1, len(tokens) - overlap + 1)]
            for earlier in sorted({j for word in prefix for j in index.get(word, ())}):
                if best is not None and earlier >= best:
                    break
                theirs = texts[earlier]
                score = 2 * len(mine & theirs) / (len(mine) + len(theirs))
                if score >= threshold and not breakdown(here.indicator.text, sites[earlier].indicator.text):
                    best, best_score = earlier, score
                    break
            if exact == later:
                for word in prefix:
                    index.setdefault(word, []).append(later)
        if best is not None:
            yield _duplicate(here, sites[best], best_score)


@derived
@cache
def _time_limits() -> frozenset[str]:
    return frozenset(load("words")["matching"].get("time_limits", []))


@derived
@cache
def _breakdown_words() -> tuple[tuple[str, ...], frozenset[str], frozenset[str], frozenset[frozenset[str]], frozenset[str]]:
    data = load("words")["breakdown"]
    opposites = frozenset(frozenset(pair) for pair in data.get("opposites", []))
    measures = measure_word_set()
    return (tuple(f" {' '.join(WORD.findall(m.lower()))} " for m in data["markers"]), frozenset(data["groups"]),
            frozenset(data.get("negations", [])), opposites, measures)


_CLASS = re.compile(r"^(?:[a-z]|[ivx]{1,4}|\d{1,2})$")  # a class written as a letter or a numeral: A, B, II, 3


_BRACKETED = re.compile(r"\(([^()]*)\)")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _acronyms(text: str) -> set[str]:
    """The acronyms a text defines in brackets: ``approach time (AT)``, ``(Effective Time/ET)``."""
    return {word for inside in _BRACKETED.findall(text) for word in _ACRONYM.findall(inside)}


SPELLING = 0.8  # two words this alike (normalised Levenshtein) are one word misspelt, not two


def _swapped(mine: list[str], theirs: list[str]) -> bool:
    """One word swapped for an unlike one at the same place, the rest word for word: two items of a list
    (``Dokumen Perencanaan Strategis`` / ``Dokumen Perencanaan Tahunan``), not a repeat; a misspelt
    word (``Perencanaan`` / ``Perencanan``) or the same stem is still the same indicator."""
    if len(mine) != len(theirs):
        return False
    differing = [(a, b) for a, b in zip(mine, theirs) if a != b]
    if len(differing) != 1:
        return False
    from rapidfuzz.distance import Levenshtein

    a, b = differing[0]
    return not a.isdigit() and not b.isdigit() and stem(a) != stem(b) and Levenshtein.normalized_similarity(a, b) < SPELLING


def breakdown(text: str, other: str) -> bool:
    """Two rows that are two sides of one thing, not one indicator written twice: broken down per place,
    sub-unit or group (per kecamatan, per bidang, for perempuan and for pemilih pemula), or told apart by a
    negation (``tidak tepat waktu``), a pair of opposites (``dalam negeri`` / ``luar negeri``), a class
    (``kelas A`` / ``kelas B``) or what they measure (``Jumlah X`` / ``Persentase X``)."""
    markers, groups, negations, opposites, measures = _breakdown_words()
    mine, theirs = WORD.findall(text.lower()), WORD.findall(other.lower())
    differ = set(mine) ^ set(theirs)
    if not differ:
        return False
    if differ & groups or differ & negations:
        return True
    if any(pair <= differ for pair in opposites) or (differ and all(_CLASS.match(word) for word in differ)):
        return True
    if mine and theirs and mine[0] != theirs[0] and mine[0] in measures and theirs[0] in measures:
        return True
    if _swapped(mine, theirs):
        return True
    named, other_named = _acronyms(text), _acronyms(other)
    if named and other_named and named != other_named:
        return True  # each names what it measures by its own acronym: approach time (AT), Effective Time (ET)
    spaced, other_spaced = f" {' '.join(mine)} ", f" {' '.join(theirs)} "
    return any(marker in spaced and marker in other_spaced for marker in markers)


def _duplicate(site: Site, other: Site, score: float) -> Hit:
    return Hit({"other_goal": goal_label(other.document, other.goal), "other_indicator": other.indicator.text, "score": round(score, 3)}, site)
