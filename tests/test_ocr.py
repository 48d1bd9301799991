"""Scanned PDFs read through Tesseract: a plan rendered, printed to page images and read back.

The scan is made here (a generated plan rendered to PDF, each page rasterised by pypdfium2 and
saved as an image-only PDF), so the test is the class "a printed plan, scanned", not one file.
CI installs Tesseract with its Indonesian model (.ci/run); elsewhere the test says it was skipped."""

import io
import os

import pytest

from rkt_rules.errors import PlanError
from rkt_rules.read import ocr, read_data
from tests.layouts import Layout, expected, reading, render, specs

needs_tesseract = pytest.mark.skipif(not ocr.available() and not os.environ.get("CI"),
                                     reason="Tesseract is not installed (CI installs it in .ci/run)")


def scanned(pdf: bytes, dpi: int = 150, angle: float = 0.0, side: int = 0) -> bytes:
    """The PDF's pages as pictures only, as a scanner gives them (optionally fed in at an angle, or laid on
    its side: ``side`` a quarter turn, 90 or 270)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = []
    for page in document:
        image = page.render(scale=dpi / 72).to_pil().convert("RGB")
        if angle:
            image = image.rotate(angle, expand=False, fillcolor="white")
        if side:
            image = image.rotate(side, expand=True, fillcolor="white")
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()




def _spec():
    import datetime as dt

    from tests.layouts import Goal, Indicator, Spec

    goals = (Goal("1", "Meningkatnya kualitas pelayanan kesehatan", (Indicator("Persentase puskesmas terakreditasi", "85%"),
                                                                   Indicator("Jumlah dokumen perencanaan", "4 Dokumen"))),
             Goal("2", "Meningkatnya akuntabilitas kinerja", (Indicator("Nilai SAKIP", "BB"),)))
    return Spec(kind="pk", unit="Dinas Kesehatan Kabupaten Sukamaju", head_role="Kepala Dinas Kesehatan Kabupaten Sukamaju",
                superior_role="Bupati Sukamaju", year=2024, period=None, goals=goals, place="Sukamaju", date=dt.date(2024, 1, 15),
                name="Dr. BUDI SANTOSO, M.Si", superior_name="AHMAD FAUZI, S.H., M.H.", nip="19680101 199303 1 004")


@needs_tesseract
@pytest.mark.parametrize("angle", [0.0, 0.8])
def test_a_scanned_plan_reads_back_through_ocr(angle):
    spec, layout = _spec(), Layout(numbered=True, merged_goals=True, side_by_side=True)
    plan = read_data(scanned(render(spec, layout, "pdf"), angle=angle), "scan.pdf")
    got, want = reading(plan), expected(spec, layout)
    assert (got["type"], got["unit"].upper(), got["year"]) == (want["type"], want["unit"].upper(), want["year"])
    assert got["goals"] == want["goals"]
    assert [name for _, name in got["signers"]] == [name for _, name in want["signers"]]
    note = plan.diagnostics[0]
    assert note.problem == "read with OCR" and note.rows == 1
    assert "(OCR)" in plan.documents[0].goals[0].indicators[0].cell


def test_percent_signs_misread_by_ocr_are_given_back():
    assert [ocr.fix_word(w) for w in ("89.16Yo", "85.50Y0", "100o/o", "72,5%o", "Yogyakarta", "2Yo2")] == \
        ["89.16%", "85.50%", "100%", "72,5%", "Yogyakarta", "2Yo2"]


def test_without_tesseract_a_scan_is_refused_saying_how_to_install_it(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    spec, layout = _spec(), Layout()
    with pytest.raises(PlanError) as caught:
        read_data(scanned(render(spec, layout, "pdf")), "scan.pdf")
    assert "apt-get install tesseract-ocr tesseract-ocr-ind" in caught.value.one_line()



def _measured_plan_pdf() -> bytes:
    """A PK whose rows carry a long measurement text beside short targets (Dasar Hukum, Definisi, Metode
    Pengukuran as paragraphs), the goal merged over its two indicators: a row is taller than a page third,
    and the words of one row lie far apart, the class of tables position alone cannot put back together."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    cell = lambda text: Paragraph(text, body)  # noqa: E731
    measure = cell("Dasar Hukum: Peraturan Menteri PANRB Nomor 14 Tahun 2017.<br/><br/>Definisi: hasil survei kepuasan "
                   "masyarakat terhadap pelayanan yang diberikan oleh unit penyelenggara pelayanan publik.<br/><br/>"
                   "Metode Pengukuran: rata-rata nilai persepsi dikali dua puluh lima.<br/><br/>Sumber Data: survei")
    rows = [["No", "Sasaran", "Indikator Kinerja", "Pengukuran Kinerja", "Target"],
            ["1", cell("Meningkatnya kualitas pelayanan publik kepada masyarakat"), cell("Indeks kepuasan masyarakat"), measure, "88,6"],
            ["", "", cell("Persentase pengaduan yang diselesaikan"), measure, "100%"],
            ["2", cell("Meningkatnya akuntabilitas kinerja"), cell("Nilai SAKIP"), measure, "BB"]]
    table = Table(rows, colWidths=[30, 150, 150, 330, 60])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("SPAN", (0, 1), (0, 2)), ("SPAN", (1, 1), (1, 2))]))
    title = getSampleStyleSheet()["Heading2"]
    story = [Paragraph("PERJANJIAN KINERJA TAHUN 2024", title), Paragraph("DINAS KESEHATAN KABUPATEN SUKAMAJU", title), table]
    import io as _io

    out = _io.BytesIO()
    SimpleDocTemplate(out, pagesize=landscape(A4), invariant=1).build(story)
    return out.getvalue()


@needs_tesseract
@pytest.mark.parametrize("angle", [0.0, -3.0, 4.0])  # beyond 2° the ruling and the rows broke until the page was turned level
def test_a_scanned_ruled_table_of_tall_rows_reads_back_by_its_ruling(angle):
    plan = read_data(scanned(_measured_plan_pdf(), dpi=200, angle=angle), "scan.pdf")
    document = next(d for d in plan.documents if d.goals)
    got = [(g.number, g.text, [(i.text, i.target.raw) for i in g.indicators]) for g in document.goals]
    assert got == [("1", "Meningkatnya kualitas pelayanan publik kepada masyarakat",
                    [("Indeks kepuasan masyarakat", "88,6"), ("Persentase pengaduan yang diselesaikan", "100%")]),
                   ("2", "Meningkatnya akuntabilitas kinerja", [("Nilai SAKIP", "BB")])]
    assert "table 1" in document.goals[0].cell  # read as a ruled table, not from word positions


@needs_tesseract
@pytest.mark.parametrize("side", [90, 270, 180])
def test_a_page_scanned_on_its_side_or_upside_down_is_turned_upright_and_read(side):
    """A landscape table scanned lying on its side (its lines run down the page), or a page fed in upside
    down (read as noise, with little confidence): each read no plan table."""
    spec, layout = _spec(), Layout(numbered=True, merged_goals=True, side_by_side=True)
    plan = read_data(scanned(render(spec, layout, "pdf"), side=side), "scan.pdf")
    got, want = reading(plan), expected(spec, layout)
    assert got["goals"] == want["goals"] and got["unit"].upper() == want["unit"].upper()


def test_a_page_whose_lines_run_across_is_never_asked_about(monkeypatch):
    """Orientation detection costs half a second a page: only a page lying on its side is shown to it."""
    import pypdfium2 as pdfium
    import pytesseract

    from rkt_rules.read import deskew

    monkeypatch.setattr(pytesseract, "image_to_osd", lambda *a, **k: pytest.fail("asked about an upright page"))
    page = pdfium.PdfDocument(_measured_plan_pdf())[0].render(scale=200 / 72).to_pil()
    assert deskew.upright(page) is page
