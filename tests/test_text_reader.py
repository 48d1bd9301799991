"""The text-layout reader: the seed plan exactly, and each layout variant."""

import codecs
import datetime as dt

import pytest

from rkt_rules.errors import PlanError
from rkt_rules.read import read_plan
from rkt_rules.read.decoding import decode
from rkt_rules.read.text import read_text
from rkt_rules.report.serialize import plan_to_json
from tests.conftest import SEED

HEADER = "No\tSasaran Strategis\tIndikator Kinerja\tTarget"


def doc(rows: str, header: str = HEADER, unit: str = "KPU KOTA CONTOH", signature: str = "Contoh, 2 Januari 2024\nKetua KPU Kota Contoh\n\n\nNAMA") -> str:
    return f"**RENCANA KINERJA TAHUNAN (RKT)\nTAHUN 2024**\n\nNama/Unit Organisasi\nTahun Anggaran\n\n: {unit}\n: 2024\n\n{header}\n{rows}\n\n{signature}\n"


def test_seed_parse_matches_fixture(golden):
    golden("seed_plan.json", plan_to_json(read_plan(SEED)))


def test_seed_reads_as_the_issue_states():
    kpu, secretariat = read_plan(SEED).documents
    assert (kpu.unit, kpu.fiscal_year, kpu.kind, len(kpu.goals)) == ("KPU KOTA PONTIANAK", 2023, "kpu", 4)
    assert sum(len(g.indicators) for g in kpu.goals) == 6
    assert (kpu.signature.place, kpu.signature.date, kpu.signature.role, kpu.signature.name) == (
        "Pontianak", dt.date(2023, 1, 10), "Ketua KPU Kota Pontianak", "DENI NULIADI")
    assert (secretariat.unit, secretariat.fiscal_year, secretariat.kind, len(secretariat.goals)) == (
        "SEKRETARIAT KPU KOTA PONTIANAK", 2023, "secretariat", 25)
    assert sum(len(g.indicators) for g in secretariat.goals) == 28
    assert [g.number for g in secretariat.goals if len(g.indicators) == 2] == ["11", "17", "22"]
    assert (secretariat.signature.role, secretariat.signature.name) == ("Sekretaris KPU Kota Pontianak", "ANA SUARDIANA")
    assert kpu.title == "RENCANA KINERJA TAHUNAN (RKT) TAHUN 2023"
    goal9 = secretariat.goals[8].indicators[0].target
    assert [(p.value, p.unit) for p in goal9.parts] == [(6, "kecamatan"), (29, "kelurahan")]
    nilai = kpu.goals[1].indicators[1]
    assert (nilai.text, nilai.target.kind, nilai.target.value) == ("Nilai Keterbukaan Informasi Publik", "number", 100)
    assert secretariat.goals[24].indicators[0].target.kind == "quantity"


def test_continuation_rows_attach_to_the_goal_above_and_repeated_headers_are_skipped():
    plan = read_text(doc(f"1\tG1\tI1\t10%\n\t\tI2\t20%\n\n{HEADER}\n2\tG2\tI3\t30%"), "p.txt")
    goals = plan.documents[0].goals
    assert [(g.number, [i.text for i in g.indicators]) for g in goals] == [("1", ["I1", "I2"]), ("2", ["I3"])]
    assert [i.line for i in goals[0].indicators] == [11, 12]


def test_header_variants_and_extra_columns_are_kept():
    header = "No\tSasaran\tIndikator Kinerja Utama\tSatuan\tTarget\tProgram"
    plan = read_text(doc("1\tG\tJumlah laporan\tLap\t2\tProgram A", header=header), "p.txt")
    indicator = plan.documents[0].goals[0].indicators[0]
    assert indicator.target.unit == "laporan" and indicator.target.raw == "2"
    assert indicator.extra == {"Satuan": "Lap", "Program": "Program A"}


def test_table_without_number_column_numbers_goals_in_order():
    plan = read_text(doc("G1\tI1\t1\nG2\tI2\t2", header="Sasaran Strategis\tIndikator Kinerja\tTarget"), "p.txt")
    assert [g.number for g in plan.documents[0].goals] == ["1", "2"]


def test_goal_without_indicator_has_none():
    plan = read_text(doc("1\tG1\t\t\n2\tG2\tI\t5"), "p.txt")
    assert [len(g.indicators) for g in plan.documents[0].goals] == [0, 1]


def test_rows_that_cannot_be_placed_become_diagnostics_with_their_line():
    plan = read_text(doc("\t\tOrphan\t5%\n1\tG\tI\t5%\textra"), "p.txt")
    assert [(d.line, d.problem) for d in plan.diagnostics] == [
        (11, "continuation row before any goal"), (12, "row has more cells than the header")]


def test_stamp_and_stray_space_in_signature():
    plan = read_text(doc("1\tG\tI\t5%", unit="SEKRETARIAT KPU KOTA CONTOH",
                         signature="Contoh, 2 Januari 2024\n Sekretaris KPU Kota Contoh\n\nSEKRETARIAT\n ANI"), "p.txt")
    sig = plan.documents[0].signature
    assert (sig.role, sig.name) == ("Sekretaris KPU Kota Contoh", "ANI")


def test_invalid_signature_date_is_a_diagnostic_not_a_guess():
    plan = read_text(doc("1\tG\tI\t5%", signature="Contoh, 31 Februari 2024\nKetua KPU Kota Contoh\n\nNAMA"), "p.txt")
    assert plan.documents[0].signature.date is None
    assert plan.diagnostics[0].problem == "invalid signature date"


def test_labels_with_inline_values():
    text = "Unit Organisasi : KPU KABUPATEN SAMBAS\nTahun Anggaran : 2025\n\n" + HEADER + "\n1\tG\tI\t5%\n"
    document = read_text(text, "p.txt").documents[0]
    assert (document.unit, document.fiscal_year, document.kind, document.signature) == ("KPU KABUPATEN SAMBAS", 2025, "kpu", None)


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),
    lambda t: t.replace("\n", "\r\n").encode("cp1252"),
], ids=["utf8", "utf8-bom", "utf16", "cp1252-crlf"])
def test_encodings_decode_to_the_same_plan(encode):
    text = doc("1\tPeningkatan layanan\tPersentase pemilih\t100%")
    decoded, notes = decode(encode(text), "p.txt")
    assert notes == []
    plan = read_text(decoded, "p.txt")
    assert plan.documents[0].goals[0].text == "Peningkatan layanan"
    assert plan.documents[0].goals[0].indicators[0].target.value == 100


@pytest.mark.parametrize("content, message", [
    (b"", "p.txt: empty file"),
    (b"  \n\n", "p.txt: empty file"),
    (b"\x7fELF\x00\x00binary", "p.txt: binary file (NUL bytes), not a text plan"),
    (b"just some words\nno table here\n", "p.txt: no plan table found (expected a header row with an Indikator column and a Sasaran, Tujuan, No or Target column)"),
    (codecs.BOM_UTF8 + b"\xff\xfe bad", "p.txt: not valid UTF-8 text (byte 0)"),
])
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.txt").write_bytes(content)
    with pytest.raises(PlanError) as caught:
        read_plan("p.txt")
    assert caught.value.one_line() == message


def test_trusted_construction_equals_validation():
    """The reader's fast constructor builds exactly what pydantic validation builds."""
    from pydantic import BaseModel

    from rkt_rules.model import Plan

    plan = read_plan(SEED)
    validated = Plan.model_validate(plan.model_dump())
    assert validated == plan and validated.model_dump() == plan.model_dump()
    assert validated.documents[1].goals[8].indicators[0].target.parts == plan.documents[1].goals[8].indicators[0].target.parts
    assert hash(plan.documents[0].goals[0].indicators[0].target) == hash(validated.documents[0].goals[0].indicators[0].target)

    def nodes(node):
        yield node
        for value in node.__dict__.values():
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, BaseModel):
                    yield from nodes(item)

    for built, checked in zip(nodes(plan), nodes(validated), strict=True):
        assert built.model_fields_set == checked.model_fields_set == set(type(built).model_fields)


def _rows_of(plan):
    return [(d.kind, d.unit, [(g.number, g.text, [(i.text, i.target.raw) for i in g.indicators]) for g in d.goals],
             [(p.name, p.raw) for p in d.programs], d.signature.name if d.signature else None) for d in plan.documents]


def test_the_seed_with_its_columns_set_by_spaces_reads_as_the_seed():
    """No TAB anywhere: each row's cells are found by where they stand, two tables one after the other on
    other columns stay two, and the seed reads the same (the line numbers are the same lines)."""
    seed = open(SEED, encoding="utf-8").read()
    from tests.layouts import set_with_spaces

    spaced = set_with_spaces(seed)
    assert "\t" not in spaced
    assert _rows_of(read_text(spaced, "seed.txt")) == _rows_of(read_text(seed, "seed.txt"))


def test_a_table_set_with_spaces_joins_wrapped_cells_and_stops_before_the_signatures():
    text = """PERJANJIAN KINERJA TAHUN 2024
Unit Kerja : Dinas Contoh Kabupaten Contoh

No   Sasaran Strategis          Indikator Kinerja                 Target
1    Meningkatnya kualitas      Persentase puskesmas              85%
     pelayanan kesehatan        terakreditasi
2    Meningkatnya akuntabilitas  Nilai SAKIP                       BB

                                  Contoh, 2 Januari 2024
                                  Kepala Dinas Contoh


                                  NAMA KEPALA
"""
    document = read_text(text, "spaced.txt").documents[0]
    assert [(g.number, g.text, [(i.text, i.target.raw, i.line) for i in g.indicators]) for g in document.goals] == [
        ("1", "Meningkatnya kualitas pelayanan kesehatan", [("Persentase puskesmas terakreditasi", "85%", 5)]),
        ("2", "Meningkatnya akuntabilitas", [("Nilai SAKIP", "BB", 7)])]
    assert document.signature.name == "NAMA KEPALA"
