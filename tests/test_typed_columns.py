"""Word paragraphs typed in columns with TABs (read/typed.py): the budget, the labels and the parties of a
PK typed by hand, as offices did before drawing tables. The generated-layout property covers the class in
general (test_generated_layouts); here, the forms a wrapped name takes and what must stay prose."""

import io

from rkt_rules.read import read_data
from rkt_rules.read.recognise.blocks import Row, Text
from rkt_rules.read.typed import FIRST_GRID, typed_columns


def _typed(*lines: str) -> list:
    return typed_columns([Text(line, None, f"paragraph {n}") for n, line in enumerate(lines, start=1)], [FIRST_GRID])


def test_tabs_part_cells_however_many_reach_a_stop():
    rows = _typed("Pelayanan Kesehatan\t\tRp.  750.700.000,-\t\tAPBD", "Sumber Daya Kesehatan\t \tRp.  13.600.511.500,-\tAPBD")
    assert [item.cells for item in rows] == [["Pelayanan Kesehatan", "Rp.  750.700.000,-", "APBD"],
                                             ["Sumber Daya Kesehatan", "Rp.  13.600.511.500,-", "APBD"]]
    assert rows[0].grid == rows[1].grid


def test_prose_stays_prose():
    """A TAB at a paragraph's end parts nothing; a date spaced by hand (its day left blank) is no header;
    a paragraph after a typed label row that does not go on from it is a paragraph."""
    items = _typed("PIHAK KEDUA akan melakukan supervisi yang diperlukan.\t", "Bandung,        Juni 2017",
                   "Jabatan\t\t: GUBERNUR JAWA BARAT", "Selanjutnya disebut PIHAK KEDUA")
    assert [type(item) for item in items] == [Text, Text, Row, Text]


def test_a_header_spaced_by_hand_is_a_row_and_a_sentence_spaced_so_is_not():
    header, sentence = _typed("     Program               Anggaran            Keterangan", "Kami   yang   bertanda   tangan")
    assert isinstance(header, Row) and header.cells == ["Program", "Anggaran", "Keterangan"]
    assert isinstance(sentence, Text)


def _pk_with_typed_budget() -> bytes:
    import docx

    document = docx.Document()
    for line in ("PERJANJIAN KINERJA TAHUN 2017", "RUMAH SAKIT JIWA PROVINSI CONTOH", "",
                 "Nama\t\t\t: dr. NAMA DIREKTUR, MPH.", "Jabatan\t\t: Direktur Rumah Sakit Jiwa Provinsi Contoh",
                 "Selanjutnya disebut PIHAK KESATU"):
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=4)
    for r, row in enumerate([["No.", "Sasaran Strategis", "Indikator Kinerja", "Target"],
                             ["1", "Meningkatnya mutu pelayanan", "Persentase pasien yang puas", "85%"],
                             ["2", "Meningkatnya akuntabilitas", "Nilai SAKIP", "A"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in ("", "           Program                         Anggaran                 Keterangan",
                 "Pelayanan Kesehatan\t\tRp.      750.700.000,-\t\tAPBD",
                 "Pengendalian Penyakit Menular",                                # the name's first line, its row below
                 "dan Tidak Menular\t\t\tRp.  26.666.522.800,-\t\tAPBD",
                 "Peningkatan Sarana dan \t\tRp.     5.707.820.500,-\t\tAPBD",
                 "Prasarana Aparatur",                                           # the rest of the row above
                 "", "GUBERNUR CONTOH\t\t\t\tDIREKTUR RUMAH SAKIT JIWA", "", "",
                 "NAMA GUBERNUR\t\t\t\tdr. NAMA DIREKTUR, MPH.", "\t\t\t\tNIP 195905251990022001"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_budget_typed_with_tabs_is_read_one_program_a_row_its_wrapped_names_whole():
    document = read_data(_pk_with_typed_budget(), "pk.docx").documents[0]
    assert [(p.name, p.amount, p.extra) for p in document.programs] == [
        ("Pelayanan Kesehatan", 750_700_000, {"Keterangan": "APBD"}),
        ("Pengendalian Penyakit Menular dan Tidak Menular", 26_666_522_800, {"Keterangan": "APBD"}),
        ("Peningkatan Sarana dan Prasarana Aparatur", 5_707_820_500, {"Keterangan": "APBD"})]
    assert [(g.text, [i.target.raw for i in g.indicators]) for g in document.goals] == [
        ("Meningkatnya mutu pelayanan", ["85%"]), ("Meningkatnya akuntabilitas", ["A"])]
    first = next(s for s in document.signatures if s.name == "dr. NAMA DIREKTUR, MPH.")
    assert first.nip == "195905251990022001"
