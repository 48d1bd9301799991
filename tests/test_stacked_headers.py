"""A PDF matrix without ruling lines whose header cells are stacked over several lines (each cell's
words centred in a tall header box: "Indikator" over "Tujuan/ Sasaran" beside one-line "No | Sasaran |
Satuan", the years on a line of their own) is read by its columns as one header, whatever the number
of lines each cell takes and where in the box it sits."""

import io

from hypothesis import given, settings, strategies as st

from rkt_rules.read import read_data

YEARS = [2022, 2023, 2024]


@st.composite
def stacked(draw):
    # each header cell: its lines, and the line of the header box its first line sits on
    cells = [["No"], ["Sasaran"], draw(st.sampled_from([["Indikator", "Tujuan/ Sasaran"], ["Indikator", "Kinerja"], ["Indikator"]])),
             ["Satuan"], draw(st.sampled_from([["Target", "Pada Tahun"], ["Target Kinerja", "Pada Tahun"], ["Target"]]))]
    depth = max(len(lines) for lines in cells) + draw(st.integers(0, 2))
    offsets = [draw(st.integers(0, depth - len(lines))) for lines in cells]
    goals = [(f"Meningkatnya layanan bidang {n}", [(f"Persentase layanan {n}{i} tepat waktu", [70 + n + i + y for y in range(3)])
                                                   for i in range(draw(st.integers(1, 2)))]) for n in range(1, draw(st.integers(2, 3)) + 1)]
    return cells, depth, offsets, goals


def render(cells, depth, offsets, goals) -> bytes:
    from reportlab.lib.pagesizes import landscape, A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=landscape(A4))
    x = [40, 70, 250, 450, 520]  # where each column starts; the target column spans the three years
    y = 540
    page.setFont("Helvetica", 11)
    page.drawString(40, y, "RENCANA STRATEGIS DINAS CONTOH KABUPATEN CONTOH 2022-2024")
    y -= 30
    page.setFont("Helvetica", 9)
    for column, (lines, offset) in enumerate(zip(cells, offsets)):
        for index, text in enumerate(lines):
            page.drawString(x[column], y - 11 * (offset + index), text)
    y -= 11 * depth
    for number, year in enumerate(YEARS):
        page.drawString(520 + 60 * number, y, str(year))
    y -= 16
    for n, (goal, indicators) in enumerate(goals, start=1):
        for i, (indicator, targets) in enumerate(indicators):
            if i == 0:
                page.drawString(40, y, str(n))
                page.drawString(70, y, goal)
            page.drawString(250, y, indicator)
            page.drawString(450, y, "%")
            for number, target in enumerate(targets):
                page.drawString(520 + 60 * number, y, str(target))
            y -= 16
    page.save()
    return out.getvalue()


@settings(max_examples=20, deadline=None)
@given(stacked())
def test_a_header_stacked_over_lines_reads_the_table_under_it(case):
    cells, depth, offsets, goals = case
    plan = read_data(render(cells, depth, offsets, goals), "renstra.pdf")
    read = [(g.text, i.text, {year: t.raw for year, t in i.targets.items()}) for d in plan.documents for g in d.goals for i in g.indicators]
    want = [(goal, indicator, {str(y): str(t) for y, t in zip(YEARS, targets)}) for goal, indicators in goals for indicator, targets in indicators]
    assert read == want
