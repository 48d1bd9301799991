"""A document read badly is not shown as fact: each says how sure its reading is (OCR used, no
indicator row read, many rows seen that could not be placed), on the page, in the HTML and Markdown
reports and on the worksheet the reviewer sends; a document read well says nothing of the kind."""

import io

from hypothesis import given, settings, strategies as st

from rkt_rules import check
from rkt_rules.model import Diagnostic
from rkt_rules.read import read_data, read_plan
from rkt_rules.report.formats import render
from rkt_rules.report.formats.common import document_views, reading_doubts
from tests.conftest import SEED


def badly_read(unplaced: int, read: int = 1) -> bytes:
    """A table whose first rows come before any goal (a goal column the reader could not place)."""
    rows = "".join(f"\t\tPersentase layanan {i}\t{i}0%\n" for i in range(1, unplaced + 1))
    goals = "".join(f"{n}\tMeningkatnya layanan {n}\tPersentase layanan tepat waktu {n}\t90%\n" for n in range(1, read + 1))
    return ("No\tSasaran\tIndikator Kinerja\tTarget\n" + rows + goals).encode()


def test_a_well_read_document_raises_no_doubt():
    plan = read_plan(SEED)
    assert all(reading_doubts(plan, document, "id") == [] for document in plan.documents)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 40), st.integers(1, 12))
def test_rows_that_could_not_be_placed_make_the_reading_unsure_when_they_are_many(unplaced, read):
    plan = read_data(badly_read(unplaced, read), "plan.txt")
    doubts = reading_doubts(plan, plan.documents[0], "en")
    assert bool(doubts) == (unplaced >= 3 and unplaced * 5 > read)
    if doubts:
        assert doubts == [f"{unplaced} table rows of this file could not be placed, against {read} indicator rows read"]


def test_ocr_is_always_a_doubt():
    plan = read_plan(SEED)
    scanned = plan.model_copy(update={"diagnostics": (Diagnostic.model_construct(line=None, cell="page 1 (OCR)", problem="read with OCR",
                                                                                  text="1 (91%)", rows=10),)})
    assert all("OCR" in reading_doubts(scanned, document, "id")[0] for document in scanned.documents)


def test_the_doubt_is_said_in_every_report_a_reviewer_reads_and_sends():
    from openpyxl import load_workbook

    plan = read_data(badly_read(8), "ragu.txt")
    report = check(plan, lang="id")
    report.plans = {"ragu.txt": plan}
    sentence = document_views(report)[0].unsure
    assert sentence.startswith("Pembacaan dokumen ini kurang pasti: 8 baris tabel")
    assert sentence in render(report, "markdown") and sentence in render(report, "html")
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    assert any(cell.value == sentence for sheet in book.worksheets for row in sheet.iter_rows(max_row=3) for cell in row)


def test_the_page_shows_the_doubt_above_the_documents_table():
    import pytest

    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from rkt_rules.web.app import create_app

    client = TestClient(create_app())
    page = client.post("/results", files=[("files", ("ragu.txt", badly_read(8), "text/plain"))], data={"lang": "id"})
    assert page.status_code == 200 and 'class="unsure"' in page.text and "kurang pasti" in page.text
    seed = client.post("/results", files=[("files", ("seed.txt", open(SEED, "rb").read(), "text/plain"))], data={"lang": "id"})
    assert 'class="unsure"' not in seed.text


def test_on_a_scan_the_rules_about_how_a_table_reads_are_hints_and_the_others_still_gate():
    from rkt_rules.rules.engine import READING_RULES

    text = ("No\tSasaran\tIndikator Kinerja\tTarget\n1\tMeningkatnya layanan\tPersentase layanan tepat waktu\tN/A 8O il\n"
            "3\tMeningkatnya mutu\tPersentase layanan bermutu\t120%\n"
            "4\tMeningkatnya kepuasan\tIndeks Kepuasan Masyarakat\t94135\n")
    plan = read_data(text.encode(), "pindai.txt")
    scanned = plan.model_copy(update={"diagnostics": (*plan.diagnostics, Diagnostic.model_construct(
        line=None, cell="page 1 (OCR)", problem="read with OCR", text="1 (62%)", rows=1))})
    as_typed = {f.rule: f.severity for f in check(plan, lang="en").findings}
    as_scanned = {f.rule: (f.severity, f.message) for f in check(scanned, lang="en").findings}
    assert as_typed["target-readable"] == "error" and as_typed["goals-numbered"] == "warning"
    assert as_typed["score-in-range"] == "error"  # 94,135 with its comma lost: on a scan, a hint
    for rule in READING_RULES & as_typed.keys():
        severity, message = as_scanned[rule]
        assert severity == "info" and message.endswith("(read by OCR: check against the original)")
    assert as_scanned["percent-in-range"][0] == as_typed["percent-in-range"] == "error"  # what the plan says still gates
