"""A ruled table's rows say by their borders what they are: a cell across the whole table names the
group of the rows under it (Sasaran Strategis, Sasaran Khusus), and a row with its own goal, indicator
and target is a goal of its own even when its number is missing (OCR drops a lone digit)."""

from hypothesis import given
from hypothesis import strategies as st

from rkt_rules.read import read_data

HEAD = ("<html><body><h3>PERJANJIAN KINERJA TAHUN 2024</h3><h3>DINAS KESEHATAN KABUPATEN CONTOH</h3><table border='1'>"
        "<tr><th>No</th><th>Sasaran</th><th>Indikator Kinerja</th><th>Target</th></tr>")
GOALS = ["Meningkatnya kualitas pelayanan kesehatan", "Terwujudnya tata kelola keuangan yang akuntabel",
         "Meningkatnya penyelesaian pengaduan masyarakat", "Tersedianya data kesehatan yang berkualitas"]


@given(st.lists(st.sampled_from(["Sasaran Strategis", "Sasaran Khusus", "Sasaran Operasional"]), min_size=1, max_size=3),
       st.lists(st.booleans(), min_size=4, max_size=4))
def test_group_lines_across_a_ruled_table_and_rows_whose_number_was_lost(groups, numbered):
    rows = []
    for index, goal in enumerate(GOALS):
        if index < len(groups):
            rows.append(f"<tr><td colspan='4'>{groups[index]}</td></tr>")
        number = str(index + 1) if numbered[index] or index == 0 else ""
        rows.append(f"<tr><td>{number}</td><td>{goal}</td><td>Persentase capaian {index + 1}</td><td>{80 + index}%</td></tr>")
    plan = read_data((HEAD + "".join(rows) + "</table></body></html>").encode(), "pk.html")
    goals = [goal for document in plan.documents for goal in document.goals]
    assert [goal.text for goal in goals] == GOALS  # no group line joined to a goal, no goal joined to the one above
    assert [[i.target.raw for i in goal.indicators] for goal in goals] == [[f"{80 + i}%"] for i in range(4)]
