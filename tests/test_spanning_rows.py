"""Rows that span a table: a group (PROGRAM …, KEGIATAN 3355: …) written as a line of its own inside a text
table, and goals written with their label (Sasaran Strategis 1. …) over a table that has no goal column.
Generated layouts of the class, not one document's."""

from hypothesis import given, settings, strategies as st

from rkt_rules.read import read_data
from rkt_rules.read.recognise.identity import unit_in_title

GROUPS = st.sampled_from(["PROGRAM", "KEGIATAN", "Kegiatan", "SUB KEGIATAN"])
LABELS = st.sampled_from(["Sasaran Strategis {n}. ", "SASARAN {n}: ", "Sasaran {n} - ", "Sasaran Strategis {n} : "])
SUBJECTS = st.lists(st.sampled_from(["layanan", "akuntabilitas", "kinerja", "keuangan", "pemilih", "partisipasi"]),
                    min_size=2, max_size=4, unique=True)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(GROUPS, st.integers(1, 9999), SUBJECTS, st.integers(1, 3)), min_size=1, max_size=4))
def test_group_lines_inside_a_text_table_head_the_rows_under_them(groups):
    lines = ["RENCANA KINERJA TAHUNAN TAHUN 2024", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH",
             "Sasaran\tIndikator Kinerja\tTarget"]
    expected, n = [], 0
    for word, code, subject, rows in groups:
        heading = f"{word} {code}: Pengelolaan {' '.join(subject)}"
        lines.append(heading)
        for _ in range(rows):
            n += 1
            lines.append(f"Meningkatnya {' '.join(subject)} {n}\tPersentase capaian {n}\t{n}%")
            expected.append((heading, f"Persentase capaian {n}"))
    [document] = read_data(("\n".join(lines) + "\n").encode(), "rkt.txt").documents
    assert [(goal.group, indicator.text) for goal in document.goals for indicator in goal.indicators] == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(LABELS, SUBJECTS, st.integers(1, 3)), min_size=1, max_size=4))
def test_labelled_goals_over_a_table_without_a_goal_column_are_its_goals(goals):
    lines = ["PERJANJIAN KINERJA TAHUN 2024", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH", "No\tIndikator Kinerja\tTarget"]
    expected, n = [], 0
    for number, (label, subject, rows) in enumerate(goals, start=1):
        text = f"Meningkatnya {' '.join(subject)}"
        lines.append(label.format(n=number) + text)
        for _ in range(rows):
            n += 1
            lines.append(f"{n}\tPersentase capaian {n}\t{n}%")
        expected.append((str(number), text, rows))
    [document] = read_data(("\n".join(lines) + "\n").encode(), "pk.txt").documents
    assert [(goal.number, goal.text, len(goal.indicators)) for goal in document.goals] == expected


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["LKjIP", "RENCANA KINERJA TAHUNAN", "Renstra"]),
       st.sampled_from(["Inspektorat Daerah Kabupaten Sampang", "Dinas Kesehatan Kota Contoh", "Sekretariat KPU Provinsi Contoh"]),
       st.integers(2015, 2030), st.integers(1, 400))
def test_a_running_headers_page_number_after_the_year_is_no_part_of_the_unit(kind, unit, year, page):
    assert unit_in_title(f" {unit} Tahun {year} {page}") == unit
