"""Documents that other offices really published read to what a reviewer reads in them.

Each file of tests/real_documents/ is checked against its EXPECTED.json entry:
document type, unit, fiscal year, parent unit, every signer (party, role, name,
NIP, rank), every indicator row in order (goal carried down, indicator,
target as written, Satuan), the program table, and nothing else read as an
indicator. Reports are refused in one line. Text is compared with spacing and
case folded (the reviewer writes "Dinas Kesehatan" where the title prints
"DINAS KESEHATAN").
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rkt_rules.errors import PlanError
from rkt_rules.read import read_plan

HERE = Path(__file__).resolve().parent / "real_documents"
EXPECTED = json.loads((HERE / "EXPECTED.json").read_text(encoding="utf-8"))
PLANS = [entry for entry in EXPECTED if entry["kind"] in ("rkt", "pk", "iku", "renja", "renstra")]
REPORTS = [entry for entry in EXPECTED if entry not in PLANS]
PARTY = {"pertama": "first", "kedua": "second", "signer": "signer"}


def fold(text):
    return " ".join((text or "").split()).casefold() or None


def documents_of(entry):
    plan = read_plan(HERE / entry["file"])
    main = [doc for doc in plan.documents if doc.document_type == entry["kind"]] or list(plan.documents)
    return plan, main


@pytest.mark.parametrize("entry", PLANS, ids=[e["file"] for e in PLANS])
def test_identity_reads_as_the_reviewer_reads_it(entry):
    plan, main = documents_of(entry)
    doc = main[0]
    if entry.get("identity", True):
        assert doc.document_type == entry["kind"]
    assert fold(doc.unit) == fold(entry["unit"])
    assert doc.fiscal_year == entry["year"]
    assert fold(doc.parent_unit) == fold(entry["parent_unit"])


@pytest.mark.parametrize("entry", PLANS, ids=[e["file"] for e in PLANS])
def test_signers_are_read_party_by_party(entry):
    _, main = documents_of(entry)
    read = [(s.party, fold(s.role), fold(s.name), s.nip, fold(s.rank)) for s in main[0].signatures]
    want = [(PARTY[s["party"]], fold(s["role"]), fold(s["name"]), s["nip"], fold(s["rank"])) for s in entry["signers"]]
    assert read == want


@pytest.mark.parametrize("entry", PLANS, ids=[e["file"] for e in PLANS])
def test_signature_place_and_date_as_printed(entry):
    _, main = documents_of(entry)
    printed = entry["signature_place_date"]
    signer = main[0].signature
    if printed is None:
        assert signer is None or signer.place is None
        return
    place, _, rest = printed.partition(",")
    assert (signer.place, signer.year) == (place.strip(), int(rest.split()[-1]))
    assert signer.date is None  # printed with the day left blank: a month and year, never a role
    assert signer.role is not None and "," not in signer.role[-1:]


@pytest.mark.parametrize("entry", PLANS, ids=[e["file"] for e in PLANS])
def test_every_indicator_row_in_order_and_nothing_else(entry):
    _, main = documents_of(entry)
    read = [(fold(goal.text), fold(ind.text), fold(ind.target.raw) if ind.target.problem != "no target column" else None,
             fold(ind.extra.get("Satuan")))
            for doc in main for goal in doc.goals for ind in goal.indicators]
    want = [(fold(row["goal"]), fold(row["indicator"]), fold(row["target"]), fold(row["unit_column"])) for row in entry["rows"]]
    assert read == want


@pytest.mark.parametrize("entry", PLANS, ids=[e["file"] for e in PLANS])
def test_program_table_with_its_total_row(entry):
    _, main = documents_of(entry)
    read = [(fold(p.name), fold(p.raw)) for doc in main for p in doc.programs]
    assert read == [(fold(p["program"]), fold(p["budget"])) for p in entry["programs"]]


def test_budget_amounts_and_total_row_are_read():
    _, (pk,) = documents_of(next(e for e in PLANS if e["file"].startswith("boyolali")))
    assert [(p.amount, p.total) for p in pk.programs] == [(5294655000, False), (827924000, False), (6122579000, True)]


def test_an_annexed_action_plan_is_a_document_of_its_own():
    plan = read_plan(HERE / "boyolali-bpbd-pk-2026.docx")
    assert [doc.document_type for doc in plan.documents] == ["pk", "rencana-aksi"]
    action = plan.documents[1]
    assert sum(len(g.indicators) for g in action.goals) == 20
    first = action.goals[0].indicators[0]
    assert (first.target.raw, first.extra["Target Bulan Desember"]) == ("0,9 Angka", "0,9")


@pytest.mark.parametrize("entry", REPORTS, ids=[e["file"] for e in REPORTS])
def test_reports_are_refused_in_one_line(entry):
    with pytest.raises(PlanError, match="performance report"):
        read_plan(HERE / entry["file"])
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "parse", str(HERE / entry["file"])], capture_output=True, text=True)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and "laporan kinerja" in result.stderr


def test_no_budget_line_signature_or_statement_becomes_a_goal():
    for entry in PLANS:
        plan = read_plan(HERE / entry["file"])
        texts = [fold(goal.text) or "" for doc in plan.documents for goal in doc.goals]
        texts += [fold(ind.text) or "" for doc in plan.documents for goal in doc.goals for ind in goal.indicators]
        for text in texts:
            assert not text.startswith(("rp", "pihak", "nama", "jabatan", "nip", "dalam rangka", "selanjutnya")), (entry["file"], text)
        assert plan.diagnostics == (), entry["file"]
