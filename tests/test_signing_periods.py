"""Each kind of document has its own signing period (issue 24): a PK is signed once the budget is
adopted, from October of the year before to the end of the first quarter (RKT047); an RKT or a Renja
is drawn up from fifteen months before (RKT013); an IKU, set for five years, has no such period."""

from hypothesis import given, settings, strategies as st

from rkt_rules import check
from rkt_rules.read import read_data

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
TITLES = {"pk": "PERJANJIAN KINERJA TAHUN {}", "rkt": "RENCANA KINERJA TAHUNAN TAHUN {}", "iku": "INDIKATOR KINERJA UTAMA TAHUN {}"}


def codes(kind: str, year: int, signed_year: int, month: int) -> set[str]:
    text = (f"{TITLES[kind].format(year)}\nUnit Kerja : DINAS CONTOH KABUPATEN CONTOH\nNo\tSasaran Strategis\tIndikator Kinerja\tTarget\n"
            f"1\tMeningkatnya kualitas layanan\tPersentase layanan yang tepat waktu\t90%\n\n"
            f"Contoh, 2 {MONTHS[month - 1]} {signed_year}\nKepala Dinas Contoh Kabupaten Contoh\n\nNAMA CONTOH\n")
    return {f.code for f in check([read_data(text.encode(), "plan.txt")]).findings} & {"RKT013", "RKT047"}


@settings(max_examples=60, deadline=None)
@given(st.integers(2018, 2030), st.integers(-24, 12))
def test_a_pk_is_judged_by_its_own_period_and_an_rkt_by_its_own(year, offset):
    signed = year * 12 + offset  # months from January of the fiscal year: -3 is October of the year before
    signed_year, month = divmod(signed, 12)
    in_pk_period = -3 <= offset <= 2
    in_rkt_period = -15 <= offset <= 2
    assert codes("pk", year, signed_year, month + 1) == (set() if in_pk_period else {"RKT047"})
    assert codes("rkt", year, signed_year, month + 1) == (set() if in_rkt_period else {"RKT013"})
    assert codes("iku", year, signed_year, month + 1) == set()
