"""Who signs a unit's plan, by the kind of unit its name says (issue 24: unit families in data, not only
the KPU): the head of that kind, of that unit, an acting head too. A Sekretariat Jenderal, Daerah or DPRD
is no KPU Secretariat."""

from hypothesis import given, settings, strategies as st

from rkt_rules.model import document_kind
from rkt_rules.rules.examples import example_plan
from tests.engine_helpers import codes, findings_for

UNITS = [("DINAS KESEHATAN", "Kepala Dinas Kesehatan"), ("DINAS PERHUBUNGAN", "Kepala Dinas Perhubungan"),
         ("BADAN PERENCANAAN PEMBANGUNAN DAERAH", "Kepala Badan Perencanaan Pembangunan Daerah"),
         ("KECAMATAN SUKAMAJU", "Camat Sukamaju"), ("INSPEKTORAT", "Inspektur"), ("RSUD DR. SOETOMO", "Direktur RSUD dr. Soetomo"),
         ("SEKRETARIAT DAERAH", "Sekretaris Daerah"), ("SATUAN POLISI PAMONG PRAJA", "Kepala Satuan Polisi Pamong Praja")]
REGIONS = ["KABUPATEN CONTOH", "KOTA CONTOH", "PROVINSI JAWA BARAT"]
ACTING = ["", "Plt. ", "Pj. ", "Plh. "]


def signed(unit: str, role: str) -> list[str]:
    text = (f"PERJANJIAN KINERJA TAHUN 2024\nUnit Kerja : {unit}\nNo\tSasaran Strategis\tIndikator Kinerja\tTarget\n"
            "1\tMeningkatnya mutu layanan\tPersentase layanan yang tepat waktu\t90%\n\n"
            f"Contoh, 2 Januari 2024\n{role}\n\n\n\nNAMA CONTOH\n")
    return codes(findings_for(example_plan(text)))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(UNITS), st.sampled_from(REGIONS), st.sampled_from(ACTING), st.booleans())
def test_the_units_own_head_signs(unit, region, acting, with_region):
    name, head = unit
    assert "RKT042" not in signed(f"{name} {region}", f"{acting}{head}" + (f" {region.title()}" if with_region else ""))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(UNITS), st.sampled_from(UNITS), st.sampled_from(REGIONS), st.sampled_from(ACTING))
def test_another_units_head_does_not(unit, other, region, acting):
    if unit[1].split()[:2] == other[1].split()[:2] and unit[0].split()[0] != "DINAS":
        return  # one head for two offices of a kind only Dinas names apart here
    expected = unit[0] != other[0]
    assert ("RKT042" in signed(f"{unit[0]} {region}", f"{acting}{other[1]} {region.title()}")) == expected


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["SEKRETARIAT JENDERAL KEMENTERIAN CONTOH", "SEKRETARIAT DAERAH KABUPATEN CONTOH", "SEKRETARIAT DPRD KOTA CONTOH"]))
def test_a_sekretariat_that_is_no_kpu_secretariat_is_signed_by_its_own_sekretaris(unit):
    assert document_kind(unit) == "other"
    role = {"JENDERAL": "Sekretaris Jenderal", "DAERAH": "Sekretaris Daerah", "DPRD": "Sekretaris DPRD"}[unit.split()[1]]
    found = signed(unit, role)
    assert "RKT004" not in found and "RKT042" not in found


def test_a_kpu_secretariat_is_still_one():
    assert document_kind("SEKRETARIAT KPU KOTA PONTIANAK") == "secretariat"
    assert document_kind("SEKRETARIAT KOMISI PEMILIHAN UMUM PROVINSI KALIMANTAN BARAT") == "secretariat"
    assert document_kind("KPU KOTA PONTIANAK") == "kpu"


@settings(max_examples=12, deadline=None)
@given(st.sampled_from([("RENCANA KERJA (RENJA) TAHUN 2024", False), ("RENCANA STRATEGIS 2021-2026", False),
                        ("PERJANJIAN KINERJA TAHUN 2024", True), ("RENCANA KINERJA TAHUNAN TAHUN 2024", True)]))
def test_a_foreword_sign_off_without_place_or_date_is_no_defect_of_a_renja_or_renstra(title):
    heading, signed_as_agreement = title
    text = (f"{heading}\nUnit Kerja : DINAS KESEHATAN KABUPATEN CONTOH\nNo\tSasaran Strategis\tIndikator Kinerja\tTarget\n"
            "1\tMeningkatnya mutu layanan\tPersentase layanan yang tepat waktu\t90%\n\n"
            "Kepala Dinas Kesehatan Kabupaten Contoh\n\n\n\ndr. NAMA CONTOH, M.Kes\nNIP. 19700101 199503 1 001\n")
    assert ("RKT012" in codes(findings_for(example_plan(text)))) == signed_as_agreement
