"""Checks on a document as a whole: who signed it, when, and whether the block is complete."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache, lru_cache
from typing import Literal

from ...model import DocumentKind
from ...read.textnorm import WORD
from ...vocabulary import derived, load
from . import IDENTITY_FIELDS, Bilingual, Hit, Options, Site, Unevaluated, check, each, listed, phrase

class NoOptions(Options):
    pass


@lru_cache(maxsize=4096)
def institution(unit: str) -> str:
    """The office a unit belongs to: its name as plan sets compare it (one normaliser, ``unit_key``,
    with the abbreviations of vocabulary/layout.toml), less the Secretariat that serves the office:
    ``SEKRETARIAT KPU KOTA X`` → ``kpu kota x``."""
    from ...sets import unit_key

    return re.sub(r"^sekretariat(?:\s+jenderal)?\s+", "", unit_key(unit) or "")


class SignatoryOptions(Options):
    roles: dict[DocumentKind, tuple[str, ...]] = {"kpu": ("Ketua",), "secretariat": ("Sekretaris",)}


@check("signatory", SignatoryOptions, visits=("document",), placeholders=("role", "expected_role"), needs=("unit",))
@each
def signatory(site: Site, options: SignatoryOptions):
    """The signer holds the role this kind of document needs, in the same office as the unit."""
    document = site.document
    titles = options.roles.get(document.kind)
    signature = document.signature
    if not titles:
        return ()
    if signature is None or not signature.role or not document.unit:
        return (Unevaluated(phrase("phrase.no-signer-or-unit")),)
    office = institution(document.unit)
    role = signature.role.strip()
    for title in titles:
        if role.lower().startswith(title.lower() + " ") and institution(role[len(title):]) == office:
            return ()
    expected = f"{titles[0]} {' '.join(w.upper() if w == 'kpu' else w.capitalize() for w in office.split())}"
    return (Hit({"role": role, "expected_role": expected}, line=signature.line),)


@derived
@cache
def _signers() -> tuple[tuple[tuple[tuple[str, ...], frozenset[tuple[str, ...]]], ...], tuple[tuple[str, ...], ...], frozenset[str]]:
    """(unit openings, head roles) per kind of unit, longest opening first; acting prefixes; place words."""
    data = load("layout")["signers"]
    families = [(tuple(unit.split()), frozenset(tuple(role.split()) for role in family["roles"]))
                for family in data["heads"] for unit in family["units"]]
    acting = tuple(sorted((tuple(a.split()) for a in data["acting"]), key=len, reverse=True))
    return tuple(sorted(families, key=lambda f: len(f[0]), reverse=True)), acting, frozenset(data["places"])


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _family(unit: list[str]):
    families, _, _ = _signers()
    if unit[:1] == ["pemerintah"]:
        unit = unit[1:]
    return next(((opening, roles) for opening, roles in families if tuple(unit[: len(opening)]) == opening), None)


def _head_of(role: list[str]) -> tuple[str, ...] | None:
    """The head role a signer's role opens with (after Plt./Pj.), longest known first."""
    families, acting, _ = _signers()
    for prefix in acting:
        if tuple(role[: len(prefix)]) == prefix:
            role = role[len(prefix):]
            break
    known = sorted({r for _, roles in families for r in roles}, key=len, reverse=True)
    return next((r for r in known if tuple(role[: len(r)]) == r), None)


@check("signed_by_head", NoOptions, visits=("document",), placeholders=("role", "expected_role"), needs=("unit",))
@each
def signed_by_head(site: Site, options: NoOptions):
    """A unit's plan is signed by the head of that kind of unit (Dinas ← Kepala Dinas, Kecamatan ← Camat),
    of that unit: a role opening with another kind's head, or naming another office, signs for another unit."""
    document = site.document
    signature = document.signature
    if document.kind != "other" or not document.unit:
        return ()  # the KPU and its Secretariat: RKT004
    unit = _words(document.unit)
    family = _family(unit)
    if family is None:
        return ()  # a kind of unit the vocabulary does not know: nothing to expect
    if signature is None or not signature.role:
        return (Unevaluated(phrase("phrase.no-signer-or-unit")),)
    opening, roles = family
    role = _words(signature.role)
    head = _head_of(role)
    if head is None:
        return (Unevaluated(phrase("phrase.role-unknown")),)
    expected = " ".join(sorted(roles, key=len)[0]).title()
    if head not in roles:
        return (Hit({"role": signature.role, "expected_role": expected}, line=signature.line),)
    theirs = _office(role[role.index(head[-1]) + 1:] if head[-1] in role else [])
    ours = _office(unit[(1 if unit[:1] == ["pemerintah"] else 0) + len(opening):])
    if theirs and ours and not set(theirs) & set(ours):  # Kepala Dinas Perhubungan signing for the Dinas Kesehatan
        return (Hit({"role": signature.role, "expected_role": f"{expected} {' '.join(w.title() for w in ours)}"}, line=signature.line),)
    return ()


def _office(words: list[str]) -> list[str]:
    """What names the office after its kind (``kesehatan`` of *Dinas Kesehatan Kabupaten Contoh*): up to the
    first word placing it (kabupaten, kota, provinsi), whose name follows; joining words left out."""
    _, _, places = _signers()
    named: list[str] = []
    for word in words:
        if word in places:
            if word in ("dan", "serta"):
                continue
            break
        named.append(word)
    return named


def _parts(names) -> Bilingual:
    """Parts of a signature (place, date, role, name), listed with commas as a message names them."""
    words = [phrase(f"phrase.{name}") for name in names]
    return Bilingual(", ".join(w.id for w in words), ", ".join(w.en for w in words))


class CompleteOptions(Options):
    require: tuple[Literal["place", "date", "role", "name"], ...] = ("place", "date", "role", "name")


@check("signature_complete", CompleteOptions, visits=("document",), placeholders=("missing",))
@each
def signature_complete(site: Site, options: CompleteOptions):
    """A signature block there is gives every required part: place, date, role and name.

    A date printed with its day left blank for signing by hand (``Bandung,
    Januari 2017``) is a date. A document with no signature block at all is
    another rule's matter (``count`` of signatures): a published extract often
    leaves the signature page out."""
    signature = site.document.signature
    if signature is None:
        return (Unevaluated(phrase("phrase.no-signature-block")),)
    present = {"place": signature.place, "date": signature.date or signature.year, "role": signature.role, "name": signature.name}
    missing = [part for part in options.require if not present[part]]
    if missing:
        return (Hit({"missing": _parts(missing)}, line=signature.line),)
    return ()


class PartiesOptions(Options):
    parties: tuple[Literal["first", "second", "signer"], ...] = ("first", "second")
    require: tuple[Literal["role", "name"], ...] = ("role", "name")


@check("parties", PartiesOptions, visits=("document",), placeholders=("party", "missing"))
@each
def parties(site: Site, options: PartiesOptions):
    """Each party an agreement needs is there, with its role and name (a PK: the unit head and the superior)."""
    signed = {signature.party: signature for signature in site.document.signatures}
    for party in options.parties:
        signature = signed.get(party)
        if signature is None:
            yield Hit({"party": phrase(f"phrase.{party}"), "missing": phrase("phrase.altogether")})
            continue
        present = {"role": signature.role, "name": signature.name}
        missing = [part for part in options.require if not present[part]]
        if missing:
            yield Hit({"party": phrase(f"phrase.{party}"), "missing": _parts(missing)}, line=signature.line)


class DateInYearOptions(Options):
    months_before: int = 15   # an RKT is drawn up in the year before its own
    latest_month: int = 3     # …and signed at the latest in the first quarter of its year


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


@check("date_in_year", DateInYearOptions, visits=("document",), placeholders=("date", "fiscal_year", "earliest", "latest"),
       needs=("fiscal_year",))
@each
def date_in_year(site: Site, options: DateInYearOptions):
    """The plan is signed between ``months_before`` months before its fiscal year and the end of ``latest_month`` of it.

    A date whose day is blank is judged by its month (or by its year alone)."""
    document = site.document
    signature = document.signature
    signed_year = signature.date.year if signature is not None and signature.date else signature.year if signature is not None else None
    signed_month = signature.date.month if signature is not None and signature.date else signature.month if signature is not None else None
    if signature is None or signed_year is None or document.fiscal_year is None:
        return (Unevaluated(phrase("phrase.no-date-or-year")),)
    year = document.fiscal_year
    start = _month_index(year, 1)
    earliest, latest = start - options.months_before, start + options.latest_month - 1
    if signed_month is not None:
        signed_first = signed_last = _month_index(signed_year, signed_month)
    else:  # the year alone: it fits if any month of it fits
        signed_first, signed_last = _month_index(signed_year, 1), _month_index(signed_year, 12)
    if signed_last < earliest or signed_first > latest:
        shown = signature.date.isoformat() if signature.date else f"{signed_year}-{signed_month:02d}" if signed_month else str(signed_year)
        return (Hit({"date": shown, "fiscal_year": year, "earliest": _month_name(earliest), "latest": _month_name(latest)}, line=signature.line),)
    return ()


def _month_name(index: int) -> str:
    year, month = divmod(index, 12)
    return f"{year}-{month + 1:02d}"


YEAR_SOURCES = {"label": "phrase.label-year", "title": "phrase.title-year", "target_header": "phrase.target-header-year"}


@check("years_agree", NoOptions, visits=("document",), placeholders=("years",))
@each
def years_agree(site: Site, options: NoOptions):
    """The year the Tahun Anggaran label, the title and the target header state is one year."""
    stated = {source: year for source, year in site.document.stated_years.items() if source in YEAR_SOURCES}
    if len(set(stated.values())) > 1:
        parts = [(phrase(YEAR_SOURCES[source]), year) for source, year in stated.items()]
        return (Hit({"years": Bilingual(", ".join(f"{w.id} {y}" for w, y in parts), ", ".join(f"{w.en} {y}" for w, y in parts))}),)
    return ()


@check("budget_total", NoOptions, visits=("document",), placeholders=("total", "sum"))
@each
def budget_total(site: Site, options: NoOptions):
    """A program table's total row is the sum of the programs above it."""
    rows = site.document.programs
    totals = [row for row in rows if row.total]
    if not totals:
        return ()
    amounts = [row.amount for row in rows if not row.total]
    if any(amount is None for amount in amounts) or totals[-1].amount is None:
        return (Unevaluated(phrase("phrase.budget-unreadable")),)
    summed = math.fsum(sorted(amount for amount in amounts if amount is not None))
    if abs(summed - totals[-1].amount) > 0.5:
        return (Hit({"total": totals[-1].raw, "sum": f"Rp{summed:,.0f}".replace(",", ".")}, line=totals[-1].line),)
    return ()


class IdentityOptions(Options):
    fields: tuple[Literal["unit", "fiscal_year", "document_type"], ...] = IDENTITY_FIELDS  # type: ignore[assignment]  # the same three names
    # The rules that need each field, filled in by the engine from the rules it runs (Engine.__init__).
    dependents: dict[str, tuple[str, ...]] = {}


@check("identity", IdentityOptions, visits=("document",), placeholders=("rules", "missing"))
@each
def identity(site: Site, options: IdentityOptions):
    """The rules that need a document's unit, year or type are named when it reads without them, never skipped in silence."""
    document = site.document
    missing = [name for name in options.fields if _unread(document, name) and options.dependents.get(name)]
    if not missing:
        return ()
    rules = sorted({code for name in missing for code in options.dependents[name]})
    return (Hit({"rules": code_ranges(rules), "missing": listed([phrase(f"phrase.{name}") for name in missing])}),)


def _unread(document, name: str) -> bool:
    """Whether the document lacks ``name``: a Renstra's year is its period."""
    if name == "fiscal_year" and document.period is not None:
        return False
    return getattr(document, name) is None


def code_ranges(codes: list[str]) -> str:
    """Rule codes as a reader takes them in: three or more in a row as a range (``RKT029–RKT038``)."""
    runs: list[list[tuple[str, int, str]]] = []
    for code in sorted(codes):
        prefix, number = code.rstrip("0123456789"), int(code[len(code.rstrip("0123456789")):] or 0)
        last = runs[-1][-1] if runs else None
        if last is not None and last[0] == prefix and last[1] + 1 == number:
            runs[-1].append((prefix, number, code))
        else:
            runs.append([(prefix, number, code)])
    return ", ".join(f"{run[0][2]}–{run[-1][2]}" if len(run) >= 3 else ", ".join(c for _, _, c in run) for run in runs)


NIP_DIGITS = 18  # BKN: date of birth (8), year and month of appointment (6), sex (1), sequence (3)


def nip_fault(nip: str, year: int | None = None) -> Bilingual | None:
    """What makes a civil servant's NIP malformed, or None: 18 digits, spaces and dots aside, whose
    first eight are a date of birth, the next six a year and month of appointment after it (both
    before the document's ``year`` where it is known: never today's date, so a report does not
    change with the day it is run), the fifteenth 1 or 2."""
    digits = "".join(ch for ch in nip if ch.isdigit())
    if len(digits) != NIP_DIGITS or len(digits) != len(nip.replace(" ", "").replace(".", "")):
        return phrase("phrase.nip-digits", count=len(digits))
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        born = None
    if born is None or born.year < 1930 or (year is not None and born.year > year - 15):
        return phrase("phrase.nip-birth", value=digits[:8])
    appointed, month = int(digits[8:12]), int(digits[12:14])
    if not (1 <= month <= 12 and born.year + 15 <= appointed and (year is None or appointed <= year + 1)):
        return phrase("phrase.nip-appointment", value=digits[8:14])
    if digits[14] not in "12":
        return phrase("phrase.nip-sex", value=digits[14])
    return None


@check("nip_well_formed", NoOptions, visits=("document",), placeholders=("nip", "role", "fault"))
@each
def nip_well_formed(site: Site, options: NoOptions):
    """Every signer's NIP, where one is printed, is a well-formed NIP (PP 11/2017; BKN's format)."""
    for signature in site.document.signatures:
        if signature.nip:
            fault = nip_fault(signature.nip, signature.year or site.document.fiscal_year)
            if fault is not None:
                yield Hit({"nip": signature.nip, "role": signature.role or signature.name or "", "fault": fault}, line=signature.line)
