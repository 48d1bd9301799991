"""Hostile and careless input: one line and exit 2, never a traceback; nothing the user gave is overwritten.

Each case is a class of input (any nesting past the parser's limit, any C0 control character in a
name, any file a run reads besides its plans) tried through the real command line."""

import os
import shutil
import subprocess
import sys
import threading

import pytest
from hypothesis import given, settings, strategies as st

from tests.conftest import ROOT, SEED
from tests.hostile_files import deflated, hostile_files, office_patched, one_page_pdf, pdf_of, small_docx, small_workbook


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)


def one_line_error(result, code=2):
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("where", ["plan", "rules", "config", "pyproject"])
def test_toml_nested_past_the_parsers_limit_is_one_line(tmp_path, where):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    deep = "a = " + "[" * 1000 + "]" * 1000 + "\n"
    if where == "plan":
        (tmp_path / "deep.toml").write_text(deep)
        result = run("check", "deep.toml", cwd=tmp_path)
    elif where == "rules":
        (tmp_path / "deep.toml").write_text(deep)
        result = run("check", "plan.txt", "--rules", "deep.toml", cwd=tmp_path)
    elif where == "config":
        (tmp_path / "rkt-rules.toml").write_text(deep)
        result = run("check", "plan.txt", cwd=tmp_path)
    else:
        (tmp_path / "pyproject.toml").write_text("[tool.rkt-rules]\n" + deep)
        result = run("check", "plan.txt", cwd=tmp_path)
    one_line_error(result)


@settings(max_examples=3, deadline=None)
@given(st.sampled_from([chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 127)]))  # NUL: a binary file, refused
def test_a_control_character_in_a_name_never_breaks_a_worksheet_or_a_report(tmp_path_factory, control):
    tmp_path = tmp_path_factory.mktemp("ctl")
    text = (ROOT / SEED).read_text(encoding="utf-8").replace("SEKRETARIAT KPU KOTA PONTIANAK", f"SEKRETARIAT KPU{control} KOTA PONTIANAK", 1)
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    for result in (run("check", "plan.txt", "--format", "xlsx", "--output", "out.xlsx", "--fail-on", "never", cwd=tmp_path),
                   run("report", "plan.txt", "--output-dir", "out", "--fail-on", "never", cwd=tmp_path)):
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_a_write_that_fails_is_one_line_naming_the_place(tmp_path):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    (tmp_path / "folder").mkdir()
    result = run("check", "plan.txt", "--output", "folder", cwd=tmp_path)
    one_line_error(result)
    assert "folder" in result.stderr
    if os.path.exists("/dev/full"):
        full = run("check", "plan.txt", "--output", "/dev/full", cwd=tmp_path)
        one_line_error(full)
        assert os.path.exists("/dev/full") and not os.path.isfile("/dev/full")  # a device stays a device


def test_output_through_a_link_writes_its_file_and_keeps_the_link(tmp_path):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    (tmp_path / "real.md").write_text("old")
    os.symlink("real.md", tmp_path / "link.md")
    assert run("check", "plan.txt", "--format", "markdown", "--output", "link.md", "--fail-on", "never", cwd=tmp_path).returncode == 0
    assert os.path.islink(tmp_path / "link.md") and "temuan" in (tmp_path / "real.md").read_text()


def test_output_into_a_fifo_is_written_into_it_not_replaced(tmp_path):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("check", "plan.txt", "--output", "pipe", "--fail-on", "never", cwd=tmp_path)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert b"temuan" in got[0] and not os.path.isfile(fifo)


@pytest.mark.parametrize("kind", ["diff-old", "baseline", "rules", "config", "write-baseline-over-rules"])
def test_no_output_overwrites_a_file_the_run_reads(tmp_path, kind):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    shutil.copy(ROOT / SEED, tmp_path / "old.txt")
    shutil.copy(ROOT / "rules" / "default.toml", tmp_path / "rules.toml")
    assert run("check", "plan.txt", "--write-baseline", "baseline.json", cwd=tmp_path).returncode == 0
    (tmp_path / "rkt-rules.toml").write_text('lang = "id"\n')
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}  # (the run's cache folder beside them is new)
    args = {"diff-old": ("diff", "old.txt", "plan.txt", "--output", "old.txt"),
            "baseline": ("check", "plan.txt", "--baseline", "baseline.json", "--output", "baseline.json"),
            "rules": ("check", "plan.txt", "--rules", "rules.toml", "--output", "rules.toml"),
            "config": ("check", "plan.txt", "--output", "rkt-rules.toml"),
            "write-baseline-over-rules": ("check", "plan.txt", "--rules", "rules.toml", "--write-baseline", "rules.toml")}[kind]
    one_line_error(run(*args, cwd=tmp_path))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_a_port_out_of_range_is_one_line(tmp_path):
    one_line_error(run("serve", "--port", "70000", cwd=tmp_path))


def test_a_fifo_given_as_a_plan_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "plan.txt")
    result = run("check", "plan.txt", cwd=tmp_path)
    one_line_error(result)
    assert "plan.txt" in result.stderr


@pytest.mark.parametrize("bomb", ["merged", "corner"])
def test_a_workbook_spanning_the_whole_sheet_is_refused_in_one_line(tmp_path, bomb):
    extra = {"merged": b'</sheetData><mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>',
             "corner": b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row></sheetData>'}[bomb]
    data = office_patched(small_workbook(), "xl/worksheets/sheet1.xml", lambda body: body.replace(b"</sheetData>", extra))
    (tmp_path / "plan.xlsx").write_bytes(data)
    one_line_error(run("check", "plan.xlsx", cwd=tmp_path))


def test_a_cell_far_down_the_sheet_costs_nothing_and_the_plan_still_reads(tmp_path):
    far = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>catatan</t></is></c></row></sheetData>'
    data = office_patched(small_workbook(), "xl/worksheets/sheet1.xml", lambda body: body.replace(b"</sheetData>", far))
    (tmp_path / "plan.xlsx").write_bytes(data)
    result = run("parse", "plan.xlsx", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Persentase layanan" in result.stdout


def test_a_word_cell_spanning_a_hundred_million_columns_is_refused_in_one_line(tmp_path):
    data = office_patched(small_docx(), "word/document.xml",
                           lambda body: body.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000000"/>', 1))
    (tmp_path / "plan.docx").write_bytes(data)
    one_line_error(run("check", "plan.docx", cwd=tmp_path))


def test_a_word_cell_merged_down_a_long_table_reads_every_row(tmp_path):
    (tmp_path / "plan.docx").write_bytes(small_docx(rows=400))  # quadratic, this took 8 s; read in one pass, under 1
    result = run("parse", "plan.docx", "--format", "json", cwd=tmp_path)  # the subprocess's timeout bounds it
    assert result.returncode == 0, result.stderr
    import json

    goals = json.loads(result.stdout)["documents"][0]["goals"]
    assert len(goals) == 1 and len(goals[0]["indicators"]) == 400


def test_a_project_pattern_that_cannot_run_in_linear_time_is_refused_naming_the_config(tmp_path):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    (tmp_path / "rkt-rules.toml").write_text('[vocabulary.words.activity]\npatterns = ["(?=a)b"]\n')
    result = run("check", "plan.txt", cwd=tmp_path)
    one_line_error(result)
    assert "rkt-rules.toml" in result.stderr and "vocabulary.words.activity.patterns" in result.stderr


@pytest.mark.parametrize("pattern", ["^(a|a)+$", "^(\\\\w+\\\\s?)+$", "^(.*a){12}$"])
def test_patterns_that_backtrack_elsewhere_never_hang_a_run(tmp_path, pattern):
    """From a project's [vocabulary] and from a rule file alike: the run ends (the subprocess's timeout bounds it)."""
    text = (ROOT / SEED).read_text(encoding="utf-8").replace("Sosialisasi Kebijakan", "a" * 3000 + "!", 1)
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    (tmp_path / "rkt-rules.toml").write_text(f'[vocabulary.words.activity]\npatterns = ["{pattern}"]\n')
    from tests.test_ruleset_errors import variant

    rule = variant('check = "count"\noptions = { of = "indicators", max = 3 }',
                   f'check = "pattern"\noptions = {{ field = "goal_text", regex = "{pattern}", must = "not_match" }}')
    rule = rule.replace("memiliki {count} indikator", "tidak berpola").replace("has {count} indicators", "is no pattern")
    rule = rule.split("examples.fail")[0] + ('examples.fail = ["1\\taaaaaaaaaaaa\\tPersentase layanan\\t90%"]\n'
                                             'examples.pass = ["1\\tMeningkatnya layanan, publik.\\tPersentase layanan\\t90%"]\n')
    (tmp_path / "rules.toml").write_text(rule)
    result = run("check", "plan.txt", "--rules", "rules.toml", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def _pdf_with_a_broken_font_box() -> bytes:
    """One page of text whose font descriptor's FontBBox is not four numbers: pdfminer logs it and goes on."""
    stream = b"BT /F1 10 Tf 50 800 Td (Sasaran Indikator Target) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Foo /FontDescriptor 6 0 R >>",
               b"<< /Type /FontDescriptor /FontName /Foo /FontBBox [0 0 x] /Flags 32 >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)


def test_what_pdfminer_tolerates_prints_no_line_of_its_own(tmp_path):
    (tmp_path / "plan.pdf").write_bytes(_pdf_with_a_broken_font_box())
    result = run("check", "plan.pdf", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["rkt-rules: error: plan.pdf: no plan table found (expected a header row with an Indikator column and a Sasaran, Tujuan, No or Target column)"]


@pytest.mark.parametrize("suffix", [".md", ".html", ".json", ".xlsx"])
def test_report_never_replaces_a_users_own_file_in_its_folder(tmp_path, suffix):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    (tmp_path / ("plan" + suffix)).write_bytes(b"# My own notes on the plan\n")
    result = run("report", "plan.txt", "--output-dir", ".", "--lang", "en", cwd=tmp_path)
    one_line_error(result)
    assert f"plan{suffix}, which rkt-rules did not write" in result.stderr
    assert (tmp_path / ("plan" + suffix)).read_bytes() == b"# My own notes on the plan\n"
    assert not (tmp_path / "plan.md").exists() or suffix == ".md"  # nothing written: all or nothing


def test_report_replaces_its_own_reports(tmp_path):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    first = run("report", "plan.txt", "--output-dir", "out", "--fail-on", "never", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = run("report", "plan.txt", "--output-dir", "out", "--fail-on", "never", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["plan.html", "plan.json", "plan.md", "plan.xlsx"]


SLOW_READER = """
import sys, time
from rkt_rules import batch
import rkt_rules.read as reading

real = reading.read_data


def slow(data, name):
    if name.endswith("lambat.txt"):
        while True:  # a reader stuck in a loop of its own (pure Python, as pdfminer's are)
            time.sleep(0.01)
    return real(data, name)


reading.read_data = slow
sys.exit(__import__("rkt_rules.cli", fromlist=["main"]).main(sys.argv[1:]))
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_past_the_time_budget_is_named_as_not_checked_and_the_others_are(tmp_path, jobs):
    import json
    import shutil

    shutil.copy(SEED, tmp_path / "cepat.txt")
    shutil.copy(SEED, tmp_path / "lambat.txt")
    result = subprocess.run([sys.executable, "-c", SLOW_READER, "check", str(tmp_path), "--max-seconds", "1", "--jobs", jobs,
                             "--format", "json", "--lang", "en"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"rkt-rules: error: {tmp_path / 'lambat.txt'}: not read and checked within 1 seconds (--max-seconds): this file was not checked"]
    checked = {f["location"]["path"] for f in json.loads(result.stdout)["findings"]}
    assert checked == {str(tmp_path / "cepat.txt")}


def test_the_time_budget_must_be_positive():
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(SEED), "--max-seconds", "0", "--lang", "en"],
                            capture_output=True, text=True, cwd=ROOT)
    assert (result.returncode, result.stderr) == (2, "rkt-rules: error: --max-seconds must be positive\n")


@settings(max_examples=40, deadline=None)
@given(sizes=st.lists(st.tuples(st.integers(0, 3000), st.booleans()), min_size=1, max_size=6),
       bound=st.integers(500, 5000), fake_end=st.booleans())
def test_a_pdf_is_refused_exactly_when_its_streams_inflate_past_the_bound(sizes, bound, fake_end):
    """The class: content streams bounded together, each image alone; a stream is measured by its /Length,
    so bytes reading `endstream` inside its data (stored, not deflated) cannot hide the rest of it."""
    from rkt_rules.errors import PlanError
    from rkt_rules.read.pdf_streams import check_inflation

    streams = []
    for size, image in sizes:
        raw = deflated(size, b"(endstream) Tj\n", level=0) if fake_end else deflated(size)
        streams.append((b"/Subtype /Image /Filter /FlateDecode" if image else b"/Filter /FlateDecode", raw))
    content = sum(size for size, image in sizes if not image)
    over = content > bound or any(size > bound for size, image in sizes if image)
    if over:
        with pytest.raises(PlanError) as refused:
            check_inflation(pdf_of(*streams), "plan.pdf", bound, bound)
        assert refused.value.key == "pdf-bomb"
    else:
        check_inflation(pdf_of(*streams), "plan.pdf", bound, bound)


def test_a_stream_in_another_filter_or_damaged_is_left_to_the_pdf_library():
    from rkt_rules.read.pdf_streams import check_inflation

    check_inflation(pdf_of((b"/Filter /DCTDecode", b"\xff\xd8" + b"x" * 5000),
                                     (b"/Filter /FlateDecode", b"not zlib at all" * 100)), "plan.pdf", 100, 100)


MEASURED = """
import resource, runpy, sys
sys.argv = ["rkt-rules", *sys.argv[1:]]
try:
    runpy.run_module("rkt_rules", run_name="__main__")
finally:
    peaks = (resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print("peak-kb", max(peaks), file=sys.stderr)
"""


def run_measured(*args, cwd):
    """The command line in a process of its own, and the peak memory (kB) of it or of any helper it started,
    read from inside it."""
    result = subprocess.run([sys.executable, "-c", MEASURED, *args], capture_output=True, text=True, cwd=cwd,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    *lines, peak = result.stderr.strip().splitlines()
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout, "\n".join(lines) + "\n"), int(peak.split()[1])


def test_a_small_pdf_that_inflates_to_a_gigabyte_is_refused_in_one_line_within_bounded_memory(tmp_path):
    """Was: a 3 MB PDF whose one content stream inflates to 1 GB took over 6 GB and two minutes."""
    raw = deflated(1024 * 1024 * 1024, b"BT /F1 12 Tf 72 720 Td (Sasaran) Tj ET\n")
    (tmp_path / "plan.pdf").write_bytes(one_page_pdf(raw))
    result, peak_kb = run_measured("check", "plan.pdf", cwd=tmp_path)
    one_line_error(result)
    assert "plan.pdf" in result.stderr and "MB" in result.stderr
    assert peak_kb < 500 * 1024


def test_a_folder_of_hostile_files_beside_the_seed_checks_the_seed_as_alone_and_names_each_once(tmp_path):
    import json

    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(ROOT / SEED, folder / "seed.txt")
    hostile = hostile_files()
    for name, data in hostile.items():
        (folder / name).write_bytes(data)
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    alone = run("check", "seed.txt", "--format", "json", cwd=folder)
    together, peak_kb = run_measured("check", ".", "--format", "json", "--jobs", "2", cwd=folder)
    assert together.returncode == 2 and "Traceback" not in together.stderr
    lines = together.stderr.strip().splitlines()
    assert sorted(name for name in hostile for line in lines if f"{name}:" in line) == sorted(hostile), lines
    assert len(lines) == len(hostile), lines

    def findings(output):
        return [{**f, "location": {**f["location"], "path": os.path.basename(f["location"]["path"])}}
                for f in json.loads(output)["findings"]]

    assert findings(together.stdout) == findings(alone.stdout)
    assert {path.name: path.read_bytes() for path in folder.iterdir() if path.name != ".rkt-rules-cache"} == before
    assert peak_kb < 500 * 1024


@settings(max_examples=8, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=4))
def test_a_sheet_the_workbook_names_but_the_file_lacks_is_said_never_dropped(tmp_path_factory, dropped):
    """Any subset of the sheets' parts gone from the zip: refused naming exactly those sheets; none gone: read whole."""
    import io
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    for n, _ in enumerate(dropped):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = f"Lembar{n + 1}"
        for row in (["RENCANA KINERJA TAHUNAN TAHUN 2024"], [], ["No", "Sasaran", "Indikator Kinerja", "Target"],
                    ["1", f"Meningkatnya layanan {n + 1}", f"Persentase layanan {n + 1}", "90%"]):
            sheet.append(row)
    whole = io.BytesIO()
    book.save(whole)
    source, out = zipfile.ZipFile(io.BytesIO(whole.getvalue())), io.BytesIO()
    gone = {f"xl/worksheets/sheet{n + 1}.xml" for n, drop in enumerate(dropped) if drop}
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in gone:
                target.writestr(info, source.read(info.filename))
    folder = tmp_path_factory.mktemp("sheets")
    (folder / "plan.xlsx").write_bytes(out.getvalue())
    result = run("parse", "plan.xlsx", "--format", "json", "--lang", "en", cwd=folder)
    if gone:
        one_line_error(result)
        named = result.stderr.split("sheet ")[1].split(" is named")[0]
        assert named == ", ".join(f"Lembar{n + 1}" for n, drop in enumerate(dropped) if drop)
    else:
        assert result.returncode == 0 and all(f"Persentase layanan {n + 1}" in result.stdout for n in range(len(dropped)))


@settings(max_examples=15, deadline=None)
@given(values=st.integers(1, 40), formatted=st.integers(0, 80))
def test_a_workbook_is_refused_by_its_rows_holding_values_before_it_is_laid_out(values, formatted):
    """--max-rows counted in the sheet's XML as written: rows holding a value count, rows only formatted
    never do; past the limit the file is refused before openpyxl builds a cell of it."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from rkt_rules.errors import PlanError
    from rkt_rules.read import xlsx_reader
    from rkt_rules.read.limits import Limits, configure, current

    book = Workbook()
    sheet = book.active
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Target"])
    for n in range(values):
        sheet.append([str(n + 1), f"Meningkatnya layanan {n + 1}", f"Persentase layanan {n + 1}", "90%"])
    for n in range(formatted):
        sheet.cell(row=values + 2 + n, column=1).font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    before, limit = current(), 20
    configure(Limits(max_rows=limit))
    try:
        import openpyxl

        laid_out, original = [], openpyxl.load_workbook  # read_xlsx imports it when it runs: this one is what it gets
        openpyxl.load_workbook = lambda *a, **k: laid_out.append(1) or original(*a, **k)
        try:
            if values + 1 > limit:
                with pytest.raises(PlanError) as refused:
                    xlsx_reader.read_xlsx(out.getvalue(), "plan.xlsx")
                assert refused.value.key == "too-many-rows" and not laid_out
            else:
                plan = xlsx_reader.read_xlsx(out.getvalue(), "plan.xlsx")
                assert sum(len(goal.indicators) for goal in plan.documents[0].goals) == values
        finally:
            openpyxl.load_workbook = original
    finally:
        configure(before)


@settings(max_examples=10, deadline=None)
@given(rows=st.integers(1, 40))
def test_a_word_document_is_refused_by_its_table_rows_before_python_docx_builds_it(rows):
    """--max-rows counted in the document's XML: past the limit, refused before python-docx parses a row."""
    import docx as python_docx

    from rkt_rules.errors import PlanError
    from rkt_rules.read import docx_reader
    from rkt_rules.read.limits import Limits, configure, current

    data = small_docx(rows=rows)
    before, limit = current(), 20
    configure(Limits(max_rows=limit))
    built, original = [], python_docx.Document  # read_docx imports it when it runs: this one is what it gets
    python_docx.Document = lambda *a, **k: built.append(1) or original(*a, **k)
    try:
        if rows + 1 > limit:  # the header row holds text too
            with pytest.raises(PlanError) as refused:
                docx_reader.read_docx(data, "plan.docx")
            assert refused.value.key == "too-many-rows" and not built
        else:
            plan = docx_reader.read_docx(data, "plan.docx")
            assert sum(len(goal.indicators) for goal in plan.documents[0].goals) == rows
    finally:
        python_docx.Document = original
        configure(before)


@pytest.mark.parametrize("root", [b"w:documentX", b"w:body", b"w:p"])
def test_a_word_document_whose_main_part_is_no_document_is_one_line(tmp_path, root):
    """Found by the format fuzz: a main part whose root element is renamed had no body, and python-docx's
    document object raised AttributeError outside its own error handling."""
    def renamed(body: bytes) -> bytes:
        start = body.index(b"<w:document")
        end = body.index(b" ", start)
        return body[:start + 1] + root + body[end:].replace(b"</w:document>", b"</" + root + b">")

    (tmp_path / "plan.docx").write_bytes(office_patched(small_docx(), "word/document.xml", renamed))
    result = run("check", "plan.docx", cwd=tmp_path)
    one_line_error(result)
    assert "plan.docx" in result.stderr
