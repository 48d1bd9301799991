"""A PK's signature block laid out in two columns of words under its date line (no ruling, no party labels):
the superior's role and name on the left, the unit head's on the right, with rank and NIP under the head.
Its rows are the block's, not a context table; each column is a signer (issue 23: PK parties), with or
without the party labels over them."""

import io

from hypothesis import given, settings, strategies as st

from rkt_rules.read import read_data

SUPERIORS = [("GUBERNUR JAWA BARAT", "AHMAD HERYAWAN"), ("BUPATI BOYOLALI", "Drs. H. SENO SAMODRO"),
             ("WALIKOTA BANDUNG", "RIDWAN KAMIL")]
HEADS = [("KEPALA DINAS PARIWISATA DAN KEBUDAYAAN", "Hj. IDA HERNIDA, SH.,M.Si"), ("KEPALA BADAN PENANGGULANGAN BENCANA", "Ir. BUDI SANTOSO, M.T."),
         ("KEPALA DINAS KESEHATAN", "dr. SITI AMINAH, M.Kes")]


def build(superior: tuple[str, str], head: tuple[str, str], rank: bool, region: str, labels: bool = False) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    plan = Table([["No", "Sasaran Strategis", "Indikator Sasaran", "Target"],
                  ["1.", "Meningkatnya kunjungan wisatawan", "Jumlah kunjungan wisatawan", "1.100.000 Orang"]],
                 colWidths=[30, 170, 200, 100])
    plan.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    lines = [["PIHAK KEDUA,", "PIHAK PERTAMA,"]] if labels else []
    lines += [[superior[0], f"{head[0]} {region}"], ["", ""], ["", ""], [superior[1], head[1]]]
    if rank:
        lines.append(["", "Pembina Utama Madya"])
    lines.append(["", "NIP. 19590110 198503 2 007"])
    signature = Table(lines, colWidths=[250, 250])  # no ruling: words in two columns
    story = [Paragraph("PERJANJIAN KINERJA TAHUN 2016", body), Paragraph(f"{head[0]} {region}", body), Spacer(1, 12), plan,
             Spacer(1, 18), Table([["", "Bandung,        2016"]], colWidths=[300, 200]), signature]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)
    return out.getvalue()


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(SUPERIORS), st.sampled_from(HEADS), st.booleans(), st.sampled_from(["PROVINSI JAWA BARAT", "KABUPATEN BOYOLALI"]),
       st.booleans())
def test_a_signature_block_in_two_columns_of_words_gives_both_parties(superior, head, rank, region, labels):
    plan = read_data(build(superior, head, rank, region, labels), "pk.pdf")
    parties = {s.party: s for s in plan.documents[0].signatures}
    assert (parties["second"].role, parties["second"].name) == superior
    assert (parties["first"].role, parties["first"].name) == (f"{head[0]} {region}", head[1])
    assert parties["first"].nip == "19590110 198503 2 007"
    assert not [d for d in plan.diagnostics if d.problem == "context table"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(SUPERIORS), st.sampled_from(HEADS), st.booleans(), st.booleans(), st.booleans())
def test_signature_rows_each_in_a_grid_of_its_own_as_ocr_gives_them_read_as_one_block(superior, head, rank, labels, date_alone):
    """OCR and word-mode pages give each line of a signature block its own grid: the block goes on across them."""
    from rkt_rules.read.recognise import recognise
    from rkt_rules.read.recognise.blocks import Row, Text

    unit = f"{head[0]} PROVINSI JAWA BARAT"
    rows = [["PIHAK KEDUA,", "PIHAK PERTAMA,"]] if labels else []
    rows += [[superior[0], unit], [superior[1], head[1]], *([["", "Pembina Utama Madya"]] if rank else []), ["", "NIP. 19590110 198503 2 007"]]
    items = [Text("PERJANJIAN KINERJA TAHUN 2016", where="page 1"), Text(unit, where="page 1"),
             Row(["No", "Sasaran Strategis", "Indikator Sasaran", "Target"], 1, where="page 1, table 1, row 1"),
             Row(["1.", "Meningkatnya kunjungan wisatawan", "Jumlah kunjungan wisatawan", "1.100.000 Orang"], 1, where="page 1, table 1, row 2"),
             Row(["Bandung,        2016"] if date_alone else ["", "Bandung,        2016"], 2, where="page 1, line 20")]
    items += [Row(cells, 3 + number, where=f"page 1, line {21 + number}") for number, cells in enumerate(rows)]
    plan = recognise(items, "pk.pdf", 1000)
    parties = {s.party: s for s in plan.documents[0].signatures}
    assert (parties["second"].role, parties["second"].name) == superior
    assert (parties["first"].role, parties["first"].name) == (unit, head[1])
