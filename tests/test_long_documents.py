"""A published plan is more than its plan table: narrative, context and report tables, running
headers on every page. Only the plan tables are plan rows; a file is one document (or the
documents its titles and identity labels say), never one per table; a table the reader cannot
place is one diagnostic for the whole table, and a context or report table is no finding."""

import pytest
from hypothesis import given, settings, strategies as st

from rkt_rules import check
from rkt_rules.errors import PlanError
from rkt_rules.read import read_data

HEADER = "No\tSasaran Strategis\tIndikator Kinerja\tTarget"
TITLE = "RENCANA KERJA PERANGKAT DAERAH\nDINAS CONTOH KABUPATEN CONTOH\nTAHUN 2024"
SIGNATURE = "Contoh, 2 Januari 2024\nKepala Dinas Contoh Kabupaten Contoh\n\n\nNAMA KEPALA"
PLAN_ROWS = "1\tMeningkatnya layanan publik\tPersentase layanan tepat waktu\t95%\n\t\tIndeks kepuasan masyarakat\t82"
REPORT_TABLE = "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n" + "\n".join(
    f"{n}\tPersentase kegiatan {n} terlaksana\t100%\t{90 + n}%\t{90 + n}%" for n in range(1, 9))
CONTEXT_TABLE = "Uraian\t2021\t2022\n" + "\n".join(f"Belanja pegawai {n}\t{n}.000.000\t{n}.100.000" for n in range(1, 12))


def read(text: str):
    return read_data(text.encode("utf-8"), "renja.txt")


def findings(text: str):
    return [f for f in check([read(text)]).findings]


def test_report_and_context_tables_inside_a_plan_are_kept_as_one_diagnostic_each_and_are_no_finding():
    text = f"{TITLE}\n\nBAB II EVALUASI\n\n{REPORT_TABLE}\n\nTabel 2.1 Anggaran\n\n{CONTEXT_TABLE}\n\n{HEADER}\n{PLAN_ROWS}\n\n{SIGNATURE}\n"
    plan = read(text)
    assert len(plan.documents) == 1
    document = plan.documents[0]
    assert [i.text for g in document.goals for i in g.indicators] == ["Persentase layanan tepat waktu", "Indeks kepuasan masyarakat"]
    assert sorted((d.problem, d.rows) for d in plan.diagnostics) == [("context table", 12), ("report table", 8)]
    assert not [f for f in findings(text) if f.code == "RKT014"]


def test_a_file_whose_only_tables_are_a_reports_is_refused_as_a_report():
    with pytest.raises(PlanError) as caught:
        read(f"DINAS CONTOH\n\n{REPORT_TABLE}\n")
    assert caught.value.key == "report-columns"


def test_a_table_that_looks_like_plan_rows_but_has_no_header_is_one_warning_for_the_whole_table():
    loose = "\n".join(f"{n}\tMeningkatnya hal {n}\tPersentase hal {n}\t{n}0%" for n in range(1, 7))
    text = f"{TITLE}\n\n{loose}\n\nTabel berikut\n\n{HEADER}\n{PLAN_ROWS}\n\n{SIGNATURE}\n"
    plan = read(text)
    assert [(d.problem, d.rows) for d in plan.diagnostics] == [("table before any table header", 6)]
    warned = [f for f in findings(text) if f.code == "RKT014"]
    assert len(warned) == 1 and "6" in warned[0].message


def test_a_running_header_on_every_page_keeps_one_document():
    page = f"{HEADER}\n{PLAN_ROWS}"
    running = "RENCANA KERJA PERANGKAT DAERAH DINAS CONTOH KABUPATEN CONTOH TAHUN 2024"
    text = f"{TITLE}\n\n{page}\n\n{running}\n\n{HEADER}\n2\tMeningkatnya tata kelola\tNilai SAKIP\tBB\n\n{SIGNATURE}\n"
    plan = read(text)
    assert len(plan.documents) == 1
    assert [g.number for g in plan.documents[0].goals] == ["1", "2"]


def test_a_title_followed_by_identity_labels_opens_the_next_document():
    first = f"RENCANA KINERJA TAHUNAN TAHUN 2024\nUnit Kerja : DINAS A\n{HEADER}\n{PLAN_ROWS}\n"
    second = f"RENCANA KINERJA TAHUNAN TAHUN 2024\nUnit Kerja : DINAS B\n{HEADER}\n{PLAN_ROWS}\n"
    plan = read(first + "\n" + second)
    assert [d.unit for d in plan.documents] == ["DINAS A", "DINAS B"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["report", "context", "prose"]), max_size=4), st.integers(1, 3))
def test_whatever_surrounds_the_plan_table_its_rows_are_read_and_nothing_else_is(before, tables):
    """The class: a plan table among any number of report tables, context tables and prose."""
    parts = {"report": REPORT_TABLE, "context": CONTEXT_TABLE, "prose": "Uraian singkat tentang capaian tahun lalu."}
    body = "\n\n".join(parts[kind] for kind in before)
    plan_tables = "\n\n".join(f"{HEADER}\n{n}\tMeningkatnya hal {n}\tPersentase hal {n}\t{n}0%" for n in range(1, tables + 1))
    plan = read(f"{TITLE}\n\n{body}\n\n{plan_tables}\n\n{SIGNATURE}\n")
    assert len(plan.documents) == 1
    assert [g.text for g in plan.documents[0].goals] == [f"Meningkatnya hal {n}" for n in range(1, tables + 1)]
    tables = [kind for kind in before if kind != "prose"]
    # a report table under the same header as the one before it is that table going on (a page break): one diagnostic
    assert len(plan.diagnostics) == sum(1 for i, kind in enumerate(tables) if not (kind == "report" and i and tables[i - 1] == "report"))
