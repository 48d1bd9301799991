"""Plan sets: a unit's documents (Renstra, RKT, PK, IKU) and those of the units it
supports or answers to, checked together.

Reviewers put a unit's documents side by side (LKE 1.b.8 cascading, 1.b.9
crosscutting): does the PK promise what the RKT plans, does the RKT take the
Renstra's target for the year, does the Secretariat support its commission.
Documents are grouped by unit (names compared after ``unit_key``) and linked
through a hierarchy of units (``[hierarchy]`` in rkt-rules.toml, a PK's second
party, KPU names). Units with no link are never compared.

Each document is summed up by a ``Card`` (where it is, whose, which year, which
type): sets and pairings are worked out from cards alone, so a batch's workers
send back cards, not plans, and only files whose documents are compared across
files are read again. A document's counterparts come from its own file when it
holds any (the file's own check compares them, as it always has); only a
document with none there is compared with documents of other files, and then
only with the one document of each type that fits (two RKTs of one unit and
year in different files are ambiguous: ``distinct`` says so, nothing is
compared with either).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Literal, NamedTuple

from ..vocabulary import derived, load

from ..model import REPORT_TYPES

if TYPE_CHECKING:
    from ..model import Plan, PlanDocument

Link = Literal["same-year", "previous-year", "renstra-period", "parent-unit"]
TYPE_NAMES = {"rkt": "RKT", "pk": "PK", "iku": "IKU", "renja": "Renja", "renstra": "Renstra", "rencana-aksi": "Rencana Aksi", "lkj": "LKj"}


class Card(NamedTuple):
    """One document, as much as forming sets needs: sent back by workers instead of the plan."""

    path: str
    position: int  # the document's index in its file
    unit: str | None
    key: str | None  # the unit's name compared (``unit_key``)
    year: int | None
    type: str | None
    kind: str  # kpu / secretariat / other
    parent: str | None  # the key of the unit a PK's second party heads
    period: tuple[int, int] | None
    line: int | None


def cards_of(plan: "Plan") -> tuple[Card, ...]:
    """The cards of a plan's documents (an annexed action plan is no member of a set)."""
    return tuple(Card(plan.path, position, d.unit, unit_key(d.unit), d.fiscal_year, d.document_type, d.kind,
                      unit_key(d.parent_unit), d.period, d.line)
                 for position, d in enumerate(plan.documents) if d.document_type != "rencana-aksi")


@derived
@cache
def _name_words() -> tuple[tuple[tuple[re.Pattern, str], ...], tuple[str, ...], frozenset[str]]:
    data = load("layout")["unit_names"]
    abbreviations = tuple((re.compile(rf"\b{re.escape(short.lower())}\b"), long.lower()) for short, long in data["abbreviations"])
    return abbreviations, tuple(w.lower() + " " for w in data["drop_leading"]), frozenset(n.lower() for n in data["kpu_national"])


@lru_cache(maxsize=4096)
def unit_key(name: str | None) -> str | None:
    """A unit's name as sets compare it: ``Pemerintah Kab. Contoh`` and ``KABUPATEN CONTOH`` are one key."""
    if not name:
        return None
    abbreviations, leading, _ = _name_words()
    text = " ".join(re.findall(r"[^\W_]+", name.casefold()))
    for pattern, long in abbreviations:
        text = pattern.sub(long, text)
    for word in leading:
        if text.startswith(word):
            text = text[len(word):]
    return " ".join(text.split()) or None


def _kpu_parent(key: str, keys: Iterable[str]) -> str | None:
    """The commission a KPU unit answers to, by name: Sekretariat KPU X → KPU X; KPU Kabupaten/Kota →
    the one KPU Provinsi among the documents; KPU Provinsi → KPU RI, where it is among them."""
    secretariat = re.match(r"^sekretariat(?: jenderal)? (kpu(?: .*)?)$", key)
    if secretariat:
        return secretariat.group(1)
    national = _name_words()[2]
    if re.match(r"^kpu (kabupaten|kota) ", key):
        provinces = sorted({k for k in keys if k.startswith("kpu provinsi ")})
        return provinces[0] if len(provinces) == 1 else None
    if key.startswith("kpu provinsi "):
        return next((k for k in sorted(keys) if k in national), None)
    return None


class Parent(NamedTuple):
    unit: str  # its key
    source: Literal["config", "pk", "kpu-name"]


def hierarchy(cards: Iterable[Card], declared: dict[str, str] | None = None) -> dict[str, Parent]:
    """Each unit's parent, from three sources in this order: declared in ``[hierarchy]``, a PK's
    second party, the names of KPU units. The first source to name a unit's parent wins."""
    cards = list(cards)
    parents: dict[str, Parent] = {}
    for child, name in (declared or {}).items():
        child_key, parent_key = unit_key(child), unit_key(name)
        if child_key and parent_key:
            parents.setdefault(child_key, Parent(parent_key, "config"))
    for card in sorted(cards):
        if card.key and card.parent and card.parent != card.key:
            parents.setdefault(card.key, Parent(card.parent, "pk"))
    keys = {card.key for card in cards if card.key}
    for key in sorted(keys):
        parent: str | None = _kpu_parent(key, keys)
        if parent and parent != key:
            parents.setdefault(key, Parent(parent, "kpu-name"))
    return parents


def declared_cycle(declared: dict[str, str]) -> list[str] | None:
    """A cycle in a ``[hierarchy]`` table (names as written), or None."""
    parent_of = {unit_key(child): unit_key(parent) for child, parent in declared.items()}
    shown: dict[str | None, str] = {}
    for pair in declared.items():
        for name in pair:
            shown.setdefault(unit_key(name), name)
    for start in sorted(k for k in parent_of if k):
        path, here = [start], parent_of.get(start)
        while here is not None:
            if here in path:
                cycle = path[path.index(here):] + [here]
                return [shown.get(k) or k or "" for k in cycle]
            path.append(here)
            here = parent_of.get(here)
    return None


def undeclared_units(declared: dict[str, str], cards: Iterable[Card]) -> list[str]:
    """Names in ``[hierarchy]`` that no document of the run has (as written, in order)."""
    keys = {card.key for card in cards if card.key}
    names = [name for pair in declared.items() for name in pair]
    return list(dict.fromkeys(name for name in names if unit_key(name) not in keys))


def form_sets(cards: Iterable[Card], parents: dict[str, Parent]) -> list[list[Card]]:
    """Documents grouped into sets: one unit's, joined with those of units linked to it. In a
    stable order (by the smallest unit key of each set); a document of unknown unit is in none."""
    by_key: dict[str, list[Card]] = defaultdict(list)
    for card in cards:
        if card.key:
            by_key[card.key].append(card)
    root = {key: key for key in by_key}

    def find(key: str) -> str:
        while root[key] != key:
            root[key] = root[root[key]]
            key = root[key]
        return key

    for child, parent in parents.items():
        if child in root and parent.unit in root:
            a, b = sorted((find(child), find(parent.unit)))
            root[b] = a
    groups: dict[str, list[Card]] = defaultdict(list)
    for key in sorted(by_key):
        groups[find(key)].extend(by_key[key])
    return [sorted(group) for _, group in sorted(groups.items())]


@dataclass
class PlanSet:
    """Documents of linked units, from one file (a file's own check) or several (the run's).

    ``across`` says which comparisons are this set's to make: False, a file's own
    (its documents with each other); True, the run's (documents that have no
    counterpart in their own file, with the one fitting document of another file).
    ``load`` reads a member file when a comparison needs its documents."""

    _cards: tuple[Card, ...] | None
    _parents: dict[str, Parent] | None
    across: bool
    load: Callable[[str], "Plan"]
    own: "Plan | None" = None  # the file, for a file's own set
    memo: dict = field(default_factory=dict)
    _plans: dict[str, "Plan"] = field(default_factory=dict)
    _declared: dict[str, str] | None = None

    @classmethod
    def of_file(cls, plan: "Plan", declared: dict[str, str] | None = None) -> "PlanSet":
        """A file's own set: its cards and hierarchy are worked out only if a rule asks
        (the alignment rules pair a file's documents without them)."""
        return cls(None, None, False, lambda path: plan, plan, _plans={plan.path: plan}, _declared=declared)

    @property
    def cards(self) -> tuple[Card, ...]:
        if self._cards is None:
            assert self.own is not None
            self._cards = cards_of(self.own)
        return self._cards

    @property
    def parents(self) -> dict[str, Parent]:
        if self._parents is None:
            self._parents = hierarchy(self.cards, self._declared)
        return self._parents

    def plan(self, card: Card) -> "Plan":
        plan = self._plans.get(card.path)
        if plan is None:
            plan = self._plans[card.path] = self.load(card.path)
        return plan

    def document(self, card: Card) -> "tuple[Plan, PlanDocument]":
        """The file and the document a card stands for."""
        plan = self.plan(card)
        return plan, plan.documents[card.position]

    def by_file(self) -> dict[str, list[Card]]:
        return self._index("by_file", lambda card: card.path)

    def by_unit(self) -> dict[str | None, list[Card]]:
        return self._index("by_unit", lambda card: card.key)

    def _index(self, name: str, key: Callable[[Card], object]) -> dict:
        """The cards grouped by ``key``, built once per set."""
        found = self.memo.get(name)
        if found is None:
            found = self.memo[name] = defaultdict(list)
            for card in self.cards:
                found[key(card)].append(card)
        return found

    def counterparts(self, subject: tuple[str | None, ...], counterpart: tuple[str | None, ...], link: Link,
                     same_type: bool = False) -> list[tuple[Card, tuple[Card, ...]]]:
        """(subject document, its counterparts) for every document of a ``subject`` type that
        has counterparts of ``counterpart`` types under ``link``, and whose comparison is this
        set's to make (see the class). Counterparts in order of the ``counterpart`` types.
        Rules asking the same (a weaker and a different target) share one answer."""
        if not self.across and self.own is not None and len(self.own.documents) < 2:
            return []  # a file of one document: nothing of its own to compare it with
        asked = ("counterparts", subject, counterpart, link, same_type)
        if asked in self.memo:
            return self.memo[asked]
        result = []
        rank: dict[str | None, int] = {kind: n for n, kind in enumerate(counterpart)}
        for card in self.cards:
            if card.type not in subject:
                continue
            fits = self._fitting(card, rank, link, same_type)
            own = [c for c in fits if c.path == card.path]
            if own:
                if not self.across:
                    result.append((card, tuple(sorted(own, key=lambda c: (rank[c.type], c)))))
                continue
            if not self.across:
                continue
            elsewhere: dict[str | None, list[Card]] = defaultdict(list)
            for other in fits:
                elsewhere[other.type].append(other)
            chosen = [found[0] for _, found in sorted(elsewhere.items(), key=lambda item: rank[item[0]]) if len(found) == 1]
            if chosen:
                result.append((card, tuple(chosen)))
        self.memo[asked] = result
        return result

    def unmatched(self, subject: tuple[str | None, ...], counterpart: tuple[str | None, ...], link: Link) -> list[Card]:
        """Documents of a ``subject`` type with no document of a ``counterpart`` type under ``link`` in any file of
        the run: known only to the run's set (a file's own set cannot know what the other files hold)."""
        if not self.across:
            return []
        rank: dict[str | None, int] = {kind: n for n, kind in enumerate(counterpart)}
        # a document whose unit or year is unread can be matched with nothing: unmatched too, never skipped
        return [card for card in self.cards if card.type in subject and (not card.key or card.year is None
                                                                         or not self._fitting(card, rank, link, False))]

    def _fitting(self, card: Card, rank: dict, link: Link, same_type: bool) -> list[Card]:
        """The documents ``card`` may be compared with under ``link``: found through an index, not by a scan."""
        if not card.key:
            return []  # a document whose unit is unknown is compared with nothing (identity-readable says why)
        if link == "renstra-period":
            if card.year is None:
                return []
            by_type = self._index("by_unit_type", lambda c: (c.key, c.type))
            candidates = [c for kind in rank for c in by_type.get((card.key, kind), ())
                          if c.period is not None and c.period[0] <= card.year <= c.period[1]]
        else:
            if card.year is None:
                return []
            unit = card.key
            if link == "parent-unit":
                parent = self.parents.get(card.key)
                if parent is None or (card.kind, self._kind_of(parent.unit)) == ("secretariat", "kpu"):
                    return []  # a Secretariat and its commission: the alignment rules' own pairing
                unit = parent.unit
            year = card.year - 1 if link == "previous-year" else card.year
            candidates = self._index("by_unit_year", lambda c: (c.key, c.year)).get((unit, year), ())
        return [other for other in candidates
                if other is not card and other.type in rank and (not same_type or other.type == card.type)]

    def _kind_of(self, key: str) -> str | None:
        found = self.by_unit().get(key)
        return found[0].kind if found else None

    def duplicates(self) -> list[list[Card]]:
        """Documents of one unit, year and type: in one file for a file's own set, in
        different files for the run's."""
        if not self.across and self.own is not None and len(self.own.documents) < 2:
            return []
        groups: dict[tuple, list[Card]] = defaultdict(list)
        for card in self.cards:
            if card.key and card.type and card.year is not None and card.type not in REPORT_TYPES:  # a report is compared only by rules naming it
                groups[(card.key, card.year, card.type)].append(card)
        return [sorted(group) for _, group in sorted(groups.items())
                if len(group) > 1 and (len({c.path for c in group}) > 1) == self.across]


def run_sets(cards: list[Card], declared: dict[str, str] | None, check_set: Callable[[PlanSet], list], load: Callable[[str], "Plan"]) -> list:
    """Check every set that spans files with ``check_set``; what it returns, concatenated.
    ``load`` reads a file a comparison needs (the caller keeps what it read)."""
    parents = hierarchy(cards, declared)
    found: list = []
    for members in form_sets(cards, parents):
        # a set spanning files; or holding a report, whose counterpart's absence from the whole run is said
        if len({card.path for card in members}) > 1 or any(card.type in REPORT_TYPES for card in members):
            found += check_set(PlanSet(tuple(members), parents, True, load))
    for card in cards:
        if card.type in REPORT_TYPES and not card.key:
            found += check_set(PlanSet((card,), parents, True, load))  # a report whose unit is unread: said, not passed over
    return found


class SetView(NamedTuple):
    """One set as formed: its documents (path, type, unit, year or period) and the links that joined its units."""

    documents: list[tuple[str, str, str | None, str]]
    links: list[tuple[str | None, str | None, str]]  # child unit, parent unit, how they were linked (config, pk, kpu-name)


def set_views(cards: list[Card], declared: dict[str, str] | None) -> tuple[list[SetView], list[Card]]:
    """The sets formed from ``cards``, and the documents in none (no unit read): what ``check --explain``
    and the page say of them."""
    parents = hierarchy(cards, declared)
    views = []
    for members in form_sets(cards, parents):
        documents = [(card.path, TYPE_NAMES.get(card.type or "", "?"), card.unit,
                      f"{card.period[0]}–{card.period[1]}" if card.period else str(card.year or "?")) for card in members]
        names: dict[str | None, str | None] = {}
        for card in members:
            names.setdefault(card.key, card.unit)
        links: list[tuple[str | None, str | None, str]] = []
        for child in sorted(k for k in names if k):
            parent = parents.get(child)
            if parent is not None and parent.unit in names:
                links.append((names[child], names[parent.unit], parent.source))
        views.append(SetView(documents, links))
    return views, [c for c in cards if not c.key]


def describe(cards: list[Card], declared: dict[str, str] | None, lang: str) -> list[str]:
    """The sets formed, for ``check --explain``: each set's documents, units, years, and the links that joined it."""
    from ..locale import say

    views, unplaced = set_views(cards, declared)
    lines = []
    for number, view in enumerate(views, start=1):
        files = {path for path, *_ in view.documents}
        lines.append(say("explain.set_header", lang, number=number, documents=len(view.documents), files=len(files)))
        lines += [f"    {path}: {kind} {unit} ({when})" for path, kind, unit, when in view.documents]
        lines += ["    " + say("explain.set_link", lang, child=child, parent=parent, source=link_source(source, lang))
                  for child, parent, source in view.links]
    for card in unplaced:
        lines.append(say("explain.set_unplaced", lang, path=card.path, type=TYPE_NAMES.get(card.type or "", "?")))
    return lines


def link_source(source: str, lang: str) -> str:
    """How two units were linked, in words: ``[hierarchy] di konfigurasi``, ``pihak kedua PK``, ``nama KPU``."""
    from ..locale import say

    return say(f"explain.link_{source.replace('-', '_')}", lang)
