"""A table's header may take several rows, and a long plan holds tables of several levels.

The class: rows under a header that go on naming its columns (a column's own name under a
spanning cell, years under "Target", "Lokasi | Target | Pagu" under "Rencana Tahun 2024") fold
into it; a lower row naming Realisasi or Capaian makes the table a report's; rows that carry a
budget code (kode rekening) are read by their level: the program rows are the plan's, urusan and
bidang rows are headings, kegiatan and sub kegiatan rows are outputs, said in one diagnostic; a
table of activities beside a table of goals or programs is the detail of their delivery. In a PDF,
shading drawn behind each line of a cell draws no cell border."""

import io

from hypothesis import given, settings, strategies as st

from rkt_rules import check
from rkt_rules.read import read_data

TITLE = "RENCANA KERJA PERANGKAT DAERAH\nDINAS CONTOH KABUPATEN CONTOH\nTAHUN 2024"
SIGNATURE = "Contoh, 2 Januari 2024\nKepala Dinas Contoh Kabupaten Contoh\n\n\nNAMA KEPALA"


def read(text: str):
    return read_data(text.encode("utf-8"), "renja.txt")


def test_a_lower_header_row_names_the_columns_under_a_spanning_one():
    text = (f"{TITLE}\n\nNo\tSasaran\tIndikator Kinerja\tRencana Tahun 2024\t\t\n"
            "\t\t\tLokasi\tTarget Capaian Kinerja\tPagu Indikatif\n"
            "1\tMeningkatnya layanan publik\tPersentase layanan tepat waktu\tKabupaten\t95%\t1.000.000\n\n{SIGNATURE}\n")
    document = read(text).documents[0]
    indicator = document.goals[0].indicators[0]
    assert (indicator.text, indicator.target.raw) == ("Persentase layanan tepat waktu", "95%")
    # Rencana Tahun 2024 over Lokasi: a column of its own, not the target
    assert [value for name, value in indicator.extra.items() if name.startswith("Lokasi")] == ["Kabupaten"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Realisasi", "Capaian", "Realisasi TW 4", "Capaian (%)", "Tingkat Capaian"]), st.integers(1, 8),
       st.booleans())
def test_a_lower_header_row_naming_realisation_makes_a_report_table_one_diagnostic(report_word, rows, repeated):
    header = "No\tIndikator Kinerja\tKinerja Tahun 2023\t\n\t\tTarget\t" + report_word
    body = "\n".join(f"{n}\tPersentase kegiatan {n}\t100%\t{90 + n}%" for n in range(1, rows + 1))
    again = f"\n\nHalaman 2\n\n{header}\n{body}" if repeated else ""  # the same report over a page break
    plan_table = "No\tSasaran\tIndikator Kinerja\tTarget\n1\tMeningkatnya layanan\tPersentase layanan\t95%"
    plan = read(f"{TITLE}\n\n{header}\n{body}{again}\n\n{plan_table}\n\n{SIGNATURE}\n")
    assert [i.text for g in plan.documents[0].goals for i in g.indicators] == ["Persentase layanan"]
    reports = [d for d in plan.diagnostics if d.problem == "report table"]
    assert len(reports) == 1 and reports[0].rows >= rows * (2 if repeated else 1)


def _code(prefix: str, parts: list[str], wrap: bool) -> str:
    code = prefix + ".".join(parts)
    return code[:-1] + " " + code[-1] if wrap and len(code) > 8 else code  # a code wrapped onto the next line of its cell


@st.composite
def coded_tables(draw):
    """A Renja's matrix: urusan and bidang rows, programs, their kegiatan and sub kegiatan, each with its code."""
    prefix = draw(st.sampled_from(["", "A.", "B."]))
    wrap = draw(st.booleans())
    rows, programs, outputs = [], [], 0
    bidang = ["1", f"{draw(st.integers(1, 27)):02d}"]
    rows.append((_code(prefix, bidang, False), "URUSAN PEMERINTAHAN BIDANG CONTOH", "", ""))
    for p in range(1, draw(st.integers(1, 3)) + 1):
        program = bidang + [f"{p:02d}"]
        text = f"PROGRAM CONTOH {p}"
        indicator = f"Persentase capaian program {p}"
        rows.append((_code(prefix, program, wrap), text, indicator, f"{80 + p}%"))
        programs.append((text, indicator))
        for k in range(1, draw(st.integers(0, 2)) + 1):
            kegiatan = program + ["2", f"{k:02d}"]
            rows.append((_code(prefix, kegiatan, wrap), f"Penyediaan layanan {p}.{k}", f"Jumlah dokumen {p}.{k}", "4 Dokumen"))
            outputs += 1
            for s in range(1, draw(st.integers(0, 2)) + 1):
                rows.append((_code(prefix, kegiatan + [f"{s:04d}"], wrap), f"Pengadaan {p}.{k}.{s}", f"Jumlah laporan {p}.{k}.{s}",
                             "12 Laporan"))
                outputs += 1
    return rows, programs, outputs


@settings(max_examples=60, deadline=None)
@given(coded_tables())
def test_rows_with_budget_codes_are_read_by_level_programs_are_the_plans(table):
    rows, programs, outputs = table
    header = "Kode\tUrusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan\tIndikator Kinerja Program/Kegiatan\tTarget"
    body = "\n".join("\t".join(row) for row in rows)
    plan = read(f"{TITLE}\n\n{header}\n{body}\n\n{SIGNATURE}\n")
    document = plan.documents[0]
    assert [(g.text, i.text) for g in document.goals for i in g.indicators] == programs
    left = [d for d in plan.diagnostics if d.problem == "activity rows"]
    assert [d.rows for d in left] == ([outputs] if outputs else [])
    # no heading read as a goal without indicator, and a budget code is no goal number out of sequence
    assert not [f for f in check([plan]).findings if f.code in ("RKT014", "RKT001", "RKT011")]


def test_a_goal_number_is_no_budget_code():
    text = f"{TITLE}\n\nNo\tSasaran\tIndikator Kinerja\tTarget\n1.1\tMeningkatnya A\tPersentase A\t90%\n1.1.1\tMeningkatnya B\tPersentase B\t80%\n"
    assert [g.number for g in read(text).documents[0].goals] == ["1.1", "1.1.1"]


ACTIVITY = "Kegiatan\tIndikator Kinerja Kegiatan\tTarget\nPenyediaan Jasa\tJumlah laporan\t12 Laporan\nPengadaan Alat\tJumlah alat\t4 Unit"
PLAN = "No\tSasaran\tIndikator Kinerja\tTarget\n1\tMeningkatnya layanan\tPersentase layanan\t95%"


def test_an_activity_table_beside_a_goal_table_is_said_not_read():
    plan = read(f"{TITLE}\n\n{PLAN}\n\nTabel 4.2\n\n{ACTIVITY}\n\n{SIGNATURE}\n")
    assert [i.text for g in plan.documents[0].goals for i in g.indicators] == ["Persentase layanan"]
    assert [(d.problem, d.rows) for d in plan.diagnostics] == [("activity table", 2)]
    assert not [f for f in check([plan]).findings if f.code == "RKT014"]


def test_a_document_whose_only_table_is_of_activities_is_read_it_is_that_units_plan():
    plan = read(f"PERJANJIAN KINERJA TAHUN 2024\nUnit Kerja : SUBBAGIAN UMUM\n\n{ACTIVITY}\n\n{SIGNATURE}\n")
    assert [i.text for g in plan.documents[0].goals for i in g.indicators] == ["Jumlah laporan", "Jumlah alat"]


def test_an_indicator_of_the_tujuan_itself_has_the_tujuan_for_goal_and_the_sasaran_below_is_a_goal_of_its_own():
    text = (f"{TITLE}\n\nNo\tTujuan\tSasaran\tIndikator Tujuan/Sasaran\tTarget\n"
            "1\tTerwujudnya pelayanan prima\t\tIndeks kepuasan layanan\t87\n"
            "\t\tMeningkatnya kinerja koordinasi\tIndeks efektivitas koordinasi\t86\n"
            "\t\t\tIndeks kepuasan masyarakat\t88\n")
    goals = read(text).documents[0].goals
    assert [(g.text, [i.text for i in g.indicators]) for g in goals] == [
        ("Terwujudnya pelayanan prima", ["Indeks kepuasan layanan"]),
        ("Meningkatnya kinerja koordinasi", ["Indeks efektivitas koordinasi", "Indeks kepuasan masyarakat"])]


def test_a_table_going_on_after_a_page_footer_under_its_repeated_header_is_one_table():
    header = "No\tSasaran\tIndikator Kinerja\tTarget"
    text = (f"{TITLE}\n\n{header}\n1\tMeningkatnya A\tPersentase A\t90%\n\nHalaman 12\n\n{header}\n2\tMeningkatnya B\tPersentase B\t80%\n"
            "\n\nTabel 4.2\n\n" + ACTIVITY + f"\n\n{SIGNATURE}\n")
    plan = read(text)
    assert [g.text for g in plan.documents[0].goals] == ["Meningkatnya A", "Meningkatnya B"]


def _shaded_pdf(rows: list[tuple[str, list[str], str]]) -> bytes:
    """A ruled table drawn as spreadsheets export it: each wrapped line of a cell on a shaded band of its own."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=landscape(A4), invariant=1)
    page.setFont("Helvetica", 9)
    page.drawString(40, 560, "RENCANA KINERJA TAHUNAN TAHUN 2024")
    page.drawString(40, 546, "Unit Kerja : DINAS CONTOH")
    xs, line, top = [40, 330, 600, 700], 12, 520
    table = [(["Sasaran Strategis"], "Indikator Kinerja", "Target")] + [(goal, indicator, target) for indicator, goal, target in rows]
    y = top
    for goal_lines, indicator, target in table:
        height = line * len(goal_lines) + 4
        for k, text in enumerate(goal_lines):  # the band behind each line of the goal's cell
            band = y - 2 - (k + 1) * line
            page.setFillColorRGB(0.98, 0.9, 0.83)
            page.rect(xs[0] + 0.5, band, xs[1] - xs[0] - 1, line, stroke=0, fill=1)
            page.setFillColorRGB(0, 0, 0)
            page.drawString(xs[0] + 3, band + 3, text)
        for x, text in ((xs[1], indicator), (xs[2], target)):
            page.drawString(x + 3, y - line - 1, text)
        page.line(xs[0], y, xs[-1], y)
        y -= height
    page.line(xs[0], y, xs[-1], y)
    for x in xs:
        page.line(x, top, x, y)
    page.showPage()
    page.save()
    return out.getvalue()


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(2, 5), min_size=1, max_size=4))
def test_shading_behind_each_line_of_a_pdf_cell_draws_no_row_border(line_counts):
    rows = [(f"Persentase Hal {n}", [f"Meningkatnya Hal {n}"] + [f"Bagian {n}.{k}" for k in range(2, count + 1)], f"{80 + n}%")
            for n, count in enumerate(line_counts, start=1)]
    document = read_data(_shaded_pdf(rows), "rkt.pdf").documents[0]
    assert [(g.text, [(i.text, i.target.raw) for i in g.indicators]) for g in document.goals] == [
        (" ".join(goal), [(indicator, target)]) for indicator, goal, target in rows]


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 12))
def test_rows_before_any_goal_are_one_diagnostic_counting_them(orphans):
    rows = "\n".join(f"\t\tlanjutan baris {n}\t" for n in range(orphans))
    plan = read(f"{TITLE}\n\nNo\tSasaran\tIndikator Kinerja\tTarget\n{rows}\n1\tMeningkatnya layanan\tPersentase layanan\t95%\n")
    found = [d for d in plan.diagnostics if d.problem == "continuation row before any goal"]
    assert len(found) == 1 and (found[0].rows or 1) == orphans


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([" – ", " - ", " — ", " "]), st.integers(1, 3), st.integers(0, 3))
def test_a_code_written_into_the_name_cell_reads_as_the_rows_level(separator, outcomes, kegiatan):
    """No Kode column: "1.02.01 – PROGRAM …" heads the outcome rows under it, which carry the indicators and are
    numbered among themselves; kegiatan rows are outputs."""
    rows = [f"1.02{separator}URUSAN PEMERINTAHAN BIDANG KESEHATAN\t\t", f"1.02.01{separator}PROGRAM PENUNJANG URUSAN\t\t"]
    rows += [f"Terpenuhinya layanan penunjang {n}\tPersentase layanan penunjang {n} yang terpenuhi\t{90 + n}%" for n in range(1, outcomes + 1)]
    rows += [f"1.02.01.2.{k:02d}{separator}Penyediaan layanan {k}\tJumlah dokumen layanan {k}\t4 Dokumen" for k in range(1, kegiatan + 1)]
    plan = read(f"{TITLE}\n\nSasaran/Program/Kegiatan\tIndikator Kinerja\tTarget\n" + "\n".join(rows) + f"\n\n{SIGNATURE}\n")
    goals = plan.documents[0].goals
    assert [(g.number, g.text) for g in goals] == [(str(n), f"Terpenuhinya layanan penunjang {n}") for n in range(1, outcomes + 1)]
    assert not [f for f in check([plan]).findings if f.code in ("RKT014", "RKT001", "RKT011")]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["·", "•", "-", "–"]), st.integers(1, 4), st.sampled_from(["meliputi :", "meliputi:", "sebagai berikut:"]))
def test_a_row_ending_with_a_colon_heads_the_bulleted_indicators_under_it(bullet, items, lead):
    """Kept as a row (a reviewer reads it so), its target marked as the list's heading, not missing."""
    heading = f"Persentase Capaian Mutu Layanan, {lead}"
    rows = [f"1\tMeningkatnya mutu layanan\t{heading}\t"]
    rows += [f"\t\t{bullet} Persentase capaian mutu bagian {n}\t{80 + n}%" for n in range(1, items + 1)]
    plan = read(f"{TITLE}\n\nNo\tSasaran\tIndikator Kinerja\tTarget\n" + "\n".join(rows) + f"\n\n{SIGNATURE}\n")
    head, *indicators = plan.documents[0].goals[0].indicators
    assert head.text == heading and head.target.kind == "missing" and head.target.problem == "heads the indicators below"
    assert [i.text for i in indicators] == [f"Persentase capaian mutu bagian {n}" for n in range(1, items + 1)]
    assert {i.extra.get("Bagian dari") for i in indicators} == {heading.rstrip(" :")}
    assert not [f for f in check([plan]).findings if f.code in ("RKT020", "RKT017")]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Triwulan", "TW", "Semester"]), st.sampled_from(["Tahunan", "TAHUNAN", "Target Tahunan"]),
       st.lists(st.integers(1, 100), min_size=2, max_size=4))
def test_the_years_target_beside_its_quarters_is_the_target(period, annual, values):
    """The class: a target per quarter (or semester) and the year's beside them (Triwulan I … IV | Tahunan):
    the year's column is the target, whatever the quarters hold."""
    marks = ["I", "II", "III", "IV"][: len(values)]
    header = "\t".join(["No", "Sasaran", "Indikator Kinerja", *(f"{period} {mark}" for mark in marks), annual])
    row = "\t".join(["1", "Meningkatnya layanan", "Persentase layanan tepat waktu", *(f"{v}%" for v in values), "95%"])
    text = "PERJANJIAN KINERJA TAHUN 2024\nUnit Kerja : DINAS KESEHATAN KABUPATEN CONTOH\n\n" + header + "\n" + row + "\n"
    [document] = read_data(text.encode(), "pk.txt").documents
    assert document.goals[0].indicators[0].target.raw == "95%"
