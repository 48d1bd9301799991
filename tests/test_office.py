"""PDF, Word and Excel plans: the seed built as real files reads back to the same
plan and findings as its text layout; locations name the page, table row or cell;
damaged, scanned, encrypted and mislabelled files fail clearly."""

import io
import json
import subprocess
import sys
import zipfile

import pytest

from rkt_rules.errors import PlanError
from rkt_rules.read import read_plan
from rkt_rules.report.serialize import without_locations
from tests.conftest import ROOT, SEED
from tests.engine_helpers import findings_for
from tests.office_builders import build_docx, build_pdf, build_scanned_pdf, build_xlsx

BUILDERS = {"docx": build_docx, "xlsx": build_xlsx, "pdf": build_pdf}


content = without_locations


def comparable(findings):
    return sorted((f.code, f.location.unit, f.location.goal, f.location.indicator, f.message) for f in findings)


@pytest.fixture(scope="module")
def seed_plan():
    return read_plan(ROOT / SEED)


@pytest.fixture(scope="module")
def office_files(seed_plan, tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    paths = {}
    for kind, build in BUILDERS.items():
        paths[kind] = folder / f"seed.{kind}"
        paths[kind].write_bytes(build(seed_plan))
    return paths


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_office_seed_reads_as_the_text_layout(kind, office_files, seed_plan):
    plan = read_plan(office_files[kind])
    assert content(plan) == content(seed_plan)
    assert plan.diagnostics == ()
    assert comparable(findings_for(plan)) == comparable(findings_for(seed_plan))


def test_pdf_without_ruled_tables_falls_back_to_its_text_layout(seed_plan, tmp_path):
    path = tmp_path / "unruled.pdf"
    path.write_bytes(build_pdf(seed_plan, ruled=False))
    plan = read_plan(path)
    assert content(plan) == content(seed_plan) and plan.diagnostics == ()
    assert comparable(findings_for(plan)) == comparable(findings_for(seed_plan))
    assert plan.documents[1].goals[17].indicators[0].cell.startswith("page ")


def test_pdf_spans_pages_with_repeated_headers(office_files):
    import pdfplumber

    with pdfplumber.open(office_files["pdf"]) as pdf:
        assert len(pdf.pages) >= 3
        headers = sum(1 for page in pdf.pages for table in page.extract_tables() if table and table[0][0] == "No")
    assert headers >= 3  # both documents, and the repeat after a page break


@pytest.mark.parametrize("kind, cell", [
    ("xlsx", "Sekretariat!D27"),
    ("docx", "table 2, row 22, column 4"),
    ("pdf", "page"),
])
def test_findings_point_at_the_cell(kind, office_files, cell):
    finding = next(f for f in findings_for(read_plan(office_files[kind])) if f.rule == "aligned-target-consistent")
    assert finding.location.line is None and finding.location.cell.startswith(cell)
    if kind == "pdf":
        assert ", table 1, row " in finding.location.cell


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_parse_json_contract_for_each_format(kind, office_files):
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "parse", str(office_files[kind]), "--format", "json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["unit"] for d in data["documents"]] == ["KPU KOTA PONTIANAK", "SEKRETARIAT KPU KOTA PONTIANAK"]
    target = data["documents"][0]["goals"][0]["indicators"][0]["target"]
    assert (target["kind"], target["value"], target["unit"]) == ("percent", 35, "percent")


def test_xlsx_percent_formatted_numbers_read_as_percent_targets(office_files):
    from openpyxl import load_workbook

    sheet = load_workbook(office_files["xlsx"])["Sekretariat"]
    stored = next(row[3] for row in sheet.iter_rows() if row[0].value == 18)
    assert (stored.value, stored.number_format) == (0.89, "0%")
    target = read_plan(office_files["xlsx"]).documents[1].goals[17].indicators[0].target
    assert (target.raw, target.kind, target.value, target.unit_written) == ("89%", "percent", 89, True)


def test_format_is_chosen_by_content_not_name(office_files, tmp_path, seed_plan):
    disguised = tmp_path / "really-a-docx.txt"
    disguised.write_bytes(office_files["docx"].read_bytes())
    assert content(read_plan(disguised)) == content(seed_plan)
    text_named_pdf = tmp_path / "plan.pdf"
    text_named_pdf.write_bytes((ROOT / SEED).read_bytes())
    assert content(read_plan(text_named_pdf)) == content(seed_plan)


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    return out.getvalue()


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


@pytest.mark.parametrize("name, make, message", [
    ("broken.docx", lambda f: _truncated(f["docx"].read_bytes()), "broken zip container"),
    ("broken.xlsx", lambda f: b"PK\x03\x04" + b"\x00" * 200, "broken zip container"),
    ("broken.pdf", lambda f: b"%PDF-1.4\n% this is not really a pdf\n" + b"x" * 300, "not a readable PDF"),
    ("truncated.pdf", lambda f: _truncated(f["pdf"].read_bytes()), "not a readable PDF"),
    ("scan.pdf", lambda f: build_scanned_pdf(), "no text found in the document"),  # OCR'd, and no word on it
    ("secret.pdf", lambda f: build_pdf(read_plan(ROOT / SEED), encrypt="rahasia"), "the PDF is encrypted; save an unprotected copy first"),
    ("bomb.xlsx", lambda f: _zip_bomb(), "like a zip bomb"),
    ("other.zip.docx", lambda f: _plain_zip(), "a zip archive that is neither a Word (DOCX) nor an Excel (XLSX) file"),
    ("old.doc", lambda f: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "an old Word/Excel (.doc/.xls) or RTF file"),
])
def test_damaged_office_files_fail_with_one_line(office_files, tmp_path, name, make, message):
    path = tmp_path / name
    path.write_bytes(make(office_files))
    with pytest.raises(PlanError) as caught:
        read_plan(path)
    assert message in caught.value.one_line() and caught.value.one_line().startswith(str(path))
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


def test_convert_office_to_toml_and_text(office_files, tmp_path, seed_plan):
    run = lambda *args: subprocess.run([sys.executable, "-m", "rkt_rules", "convert", *args, "--lang", "en"], capture_output=True, text=True)  # noqa: E731
    assert run(str(office_files["xlsx"]), str(tmp_path / "plan.toml")).returncode == 0
    assert content(read_plan(tmp_path / "plan.toml")) == content(seed_plan)
    assert run(str(office_files["docx"]), str(tmp_path / "plan.txt")).returncode == 0
    assert content(read_plan(tmp_path / "plan.txt")) == content(seed_plan)
    refused = run(str(tmp_path / "plan.txt"), str(tmp_path / "plan.txt"))
    assert refused.returncode == 2 and "would overwrite an input" in refused.stderr
    assert run(str(office_files["pdf"]), str(tmp_path / "plan.docx")).stderr == (
        f"rkt-rules: error: convert writes .toml (plan as code) or .txt (text layout), not '{tmp_path / 'plan.docx'}'\n")


def test_xlsx_formula_without_a_cached_value_reads_as_formula_not_computed(office_files, tmp_path):
    """openpyxl writes formulas without their values, as a script that fills a template
    does; before, the cell read as empty and the target was called missing."""
    from openpyxl import load_workbook

    book = load_workbook(office_files["xlsx"])
    sheet = book["Sekretariat"]
    stored = next(row[3] for row in sheet.iter_rows() if row[0].value == 18)
    stored.value = "=SUM(D10:D12)/3"
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    plan = read_plan(path)
    target = plan.documents[1].goals[17].indicators[0].target
    assert (target.raw, target.kind, target.problem) == ("=SUM(D10:D12)/3", "unreadable", "formula not computed")
    assert read_plan(path).documents[1].goals[17].indicators[0].target == target
    others = [i.target for g in plan.documents[1].goals for i in g.indicators if i.target is not target]
    assert all(t.problem != "formula not computed" for t in others)
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert "rumus belum dihitung" in result.stdout and "=SUM(D10:D12)/3" in result.stdout


def test_xlsx_without_formulas_is_opened_once(office_files, monkeypatch):
    import openpyxl

    opened = []
    real = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(k) or real(*a, **k))
    read_plan(office_files["xlsx"])
    assert opened == [{"data_only": True}]
