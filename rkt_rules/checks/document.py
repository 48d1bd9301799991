"""Checks on a document as a whole: who signed it, when, and whether the block is complete."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Literal

from ..model import DocumentKind
from . import IDENTITY_FIELDS, Bilingual, Hit, Options, Site, Unevaluated, check, each

_ABBREVIATIONS = ((r"\bkomisi pemilihan umum\b", "kpu"), (r"\bkab\b\.?", "kabupaten"), (r"\bprov\b\.?", "provinsi"))


@lru_cache(maxsize=4096)
def institution(unit: str) -> str:
    """The KPU office a unit belongs to, normalised: ``SEKRETARIAT KPU KOTA X`` → ``kpu kota x``."""
    text = unit.lower()
    for pattern, replacement in _ABBREVIATIONS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"^sekretariat(?:\s+jenderal)?\s+", "", " ".join(re.findall(r"[^\W_]+", text)))
    return text


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
        return (Unevaluated(Bilingual("tidak ada jabatan penanda tangan atau unit", "no signer's role or no unit")),)
    office = institution(document.unit)
    role = signature.role.strip()
    for title in titles:
        if role.lower().startswith(title.lower() + " ") and institution(role[len(title):]) == office:
            return ()
    expected = f"{titles[0]} {' '.join(w.upper() if w == 'kpu' else w.capitalize() for w in office.split())}"
    return (Hit({"role": role, "expected_role": expected}, line=signature.line),)


PARTS = {"place": Bilingual("tempat", "place"), "date": Bilingual("tanggal", "date"), "role": Bilingual("jabatan", "role"), "name": Bilingual("nama", "name")}


class CompleteOptions(Options):
    require: tuple[Literal["place", "date", "role", "name"], ...] = ("place", "date", "role", "name")


@check("signature_complete", CompleteOptions, visits=("document",), placeholders=("missing",))
@each
def signature_complete(site: Site, options: CompleteOptions):
    """The signature block gives every required part: place, full date, role and name."""
    signature = site.document.signature
    missing = [part for part in options.require if signature is None or not getattr(signature, part)]
    if missing:
        names = Bilingual(", ".join(PARTS[p].id for p in missing), ", ".join(PARTS[p].en for p in missing))
        return (Hit({"missing": names}, line=signature.line if signature is not None else None),)
    return ()


class DateInYearOptions(Options):
    months_before: int = 3


@check("date_in_year", DateInYearOptions, visits=("document",), placeholders=("date", "fiscal_year", "earliest"), needs=("fiscal_year",))
@each
def date_in_year(site: Site, options: DateInYearOptions):
    """The plan is signed within its fiscal year or at most ``months_before`` months before it starts."""
    document = site.document
    signature = document.signature
    if signature is None or signature.date is None or document.fiscal_year is None:
        return (Unevaluated(Bilingual("tidak ada tanggal tanda tangan atau tahun anggaran", "no signature date or no fiscal year")),)
    year, month = document.fiscal_year, 1 - options.months_before
    while month < 1:
        year, month = year - 1, month + 12
    earliest = dt.date(year, month, 1)
    if not earliest <= signature.date <= dt.date(document.fiscal_year, 12, 31):
        return (Hit({"date": signature.date.isoformat(), "fiscal_year": document.fiscal_year, "earliest": earliest.isoformat()}, line=signature.line),)
    return ()

FIELD_WORDS = {"unit": Bilingual("unit", "the unit"), "fiscal_year": Bilingual("tahun anggaran", "the fiscal year"),
               "document_type": Bilingual("jenis dokumen", "the document type")}


class IdentityOptions(Options):
    fields: tuple[Literal["unit", "fiscal_year", "document_type"], ...] = IDENTITY_FIELDS
    # The rules that need each field, filled in by the engine from the rules it runs (Engine.__init__).
    dependents: dict[str, tuple[str, ...]] = {}


@check("identity", IdentityOptions, visits=("document",), placeholders=("rules", "missing"))
@each
def identity(site: Site, options: IdentityOptions):
    """The rules that need a document's unit, year or type are named when it reads without them, never skipped in silence."""
    document = site.document
    missing = [name for name in options.fields if getattr(document, name) is None and options.dependents.get(name)]
    if not missing:
        return ()
    rules = sorted({code for name in missing for code in options.dependents[name]})
    words = [FIELD_WORDS[name] for name in missing]
    return (Hit({"rules": ", ".join(rules), "missing": Bilingual(" dan ".join(w.id for w in words), " and ".join(w.en for w in words))}),)
