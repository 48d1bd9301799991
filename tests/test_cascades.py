"""A cascade (a Rencana Aksi, a pohon kinerja matrix) lays its levels side by side: a row of levels
(TUJUAN | SASARAN | PROGRAM | KEGIATAN | SUB KEGIATAN) over each level's own Uraian | Indikator |
Target columns, the targets often per quarter. The class: the plan's rows are the sasaran level's,
a Tujuan above it is carried down to its goals, the other levels' columns are kept as written and
never read as goals or indicators; with no column for the year, the last quarter's target is the
year's; a band repeated on a new page is no row; the title's "KINERJA" is no unit."""

import html

from hypothesis import given, settings, strategies as st

from rkt_rules.read import read_data

LEVELS = ["TUJUAN", "SASARAN", "PROGRAM", "KEGIATAN", "SUB KEGIATAN"]
TITLE = "RENCANA AKSI KINERJA TAHUN 2024\nDINAS CONTOH KABUPATEN CONTOH"
SIGNATURE = "Contoh, 5 Januari 2024\nKEPALA DINAS CONTOH KABUPATEN CONTOH\n\n\nNAMA KEPALA\nNIP. 19700101 199803 1 001"


@st.composite
def cascades(draw):
    levels = draw(st.lists(st.sampled_from([lv for lv in LEVELS if lv != "SASARAN"]), unique=True, min_size=1, max_size=3))
    levels.insert(draw(st.integers(0, len(levels))), "SASARAN")
    quarters = draw(st.booleans())
    goals = []
    for g in range(draw(st.integers(1, 3))):
        indicators = [(f"Persentase layanan {g}{i} dalam kondisi baik", [draw(st.integers(0, 100)) for _ in range(4)])
                      for i in range(draw(st.integers(1, 3)))]
        goals.append((f"Meningkatnya layanan bidang {g}", indicators))
    return levels, quarters, goals, draw(st.booleans()), draw(st.sampled_from(["text", "html"]))


def _tables(levels, quarters, goals, repeat):
    span = 6 if quarters else 3  # Uraian | Indikator | TW 1..4 (under one Target), or Uraian | Indikator | Target
    band = [cell for level in levels for cell in [level] + [""] * (span - 1)] + ["Penanggung Jawab"]
    names = [cell for _ in levels for cell in ["Uraian", "Indikator", "Target"] + [""] * (span - 3)] + [""]
    header = [band, names]
    if quarters:
        header.append([cell for _ in levels for cell in ["", "", "TW 1", "TW 2", "TW 3", "TW 4"]] + [""])
    body = []
    for goal, indicators in goals:
        for index, (indicator, targets) in enumerate(indicators):
            row = []
            for level in levels:
                shown = [f"{t}%" for t in targets] if quarters else [f"{targets[-1]}%"]
                if level == "SASARAN":
                    row += [goal if index == 0 else "", indicator, *shown]
                else:
                    row += [f"{level.title()} contoh {goal[-1]}{index}" if index == 0 else "", f"Jumlah keluaran {level.lower()}", *shown]
            body.append(row + ["Kepala Bidang"])
    parts = [header + body]
    if repeat and len(body) > 1:  # the table goes on over a page, its band and header printed again
        parts = [header + body[:1], header + body[1:]]
    return parts


def render(levels, quarters, goals, repeat, fmt):
    parts = _tables(levels, quarters, goals, repeat)
    if fmt == "text":
        tables = "\n\n".join("\n".join("\t".join(row) for row in part) for part in parts)
        return f"{TITLE}\n\n{tables}\n\n{SIGNATURE}\n".encode(), "rencana-aksi.txt"
    out = ["<html><body>", *(f"<p>{html.escape(line)}</p>" for line in TITLE.splitlines())]
    for part in parts:
        out.append("<table border='1'>" + "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                                                  for row in part) + "</table>")
    out += [f"<p>{html.escape(line)}</p>" for line in SIGNATURE.splitlines()]
    return ("".join(out) + "</body></html>").encode(), "rencana-aksi.html"


@settings(max_examples=60, deadline=None)
@given(cascades())
def test_a_cascade_is_read_at_its_sasaran_level(case):
    levels, quarters, goals, repeat, fmt = case
    data, name = render(levels, quarters, goals, repeat, fmt)
    plan = read_data(data, name)
    document = plan.documents[0]
    read = [(goal.text, indicator.text, indicator.target.raw) for goal in document.goals for indicator in goal.indicators]
    want = [(goal, indicator, f"{targets[-1]}%") for goal, indicators in goals for indicator, targets in indicators]
    assert read == want
    assert document.document_type == "rencana-aksi"
    assert document.unit and "KINERJA" not in document.unit.upper()
    if "TUJUAN" in levels and levels.index("TUJUAN") < levels.index("SASARAN"):
        assert all(goal.tujuan for goal in document.goals)
    assert not [d for d in plan.diagnostics if d.problem == "context table"]
