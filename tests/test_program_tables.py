"""A PK's program and budget table as offices set it: the currency in a column of its own, a name or
a note wrapped onto a line of its own, amounts with thousands separators that no header holds."""

from hypothesis import given
from hypothesis import strategies as st

from rkt_rules.read import read_data
from rkt_rules.read.recognise.header import header_of

PLAN = ("PERJANJIAN KINERJA TAHUN 2024\nDINAS PEKERJAAN UMUM KABUPATEN CONTOH\n\n"
        "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n1\tMeningkatnya kualitas jalan\tPersentase jalan mantap\t85%\n\n")


def _amount(value: int, separator: str) -> str:
    return f"{value:,}".replace(",", separator)


names = st.lists(st.sampled_from(["Penyelenggaraan Jalan", "Pengelolaan Sumber Daya Air", "Penataan Bangunan Gedung",
                                  "Penunjang Urusan Pemerintahan Daerah"]), min_size=1, max_size=4, unique=True)


@given(names, st.lists(st.integers(1_000_000, 900_000_000_000), min_size=4, max_size=4), st.sampled_from([".", ","]),
       st.booleans())
def test_a_budget_set_as_an_accountant_sets_it_reads_one_program_a_row(chosen, values, separator, wrapped):
    lines = ["Program\tAnggaran\tKeterangan"]
    for name, value in zip(chosen, values):
        first, rest = (name.rsplit(" ", 1) if wrapped else (name, ""))
        lines.append(f"Program {first}\tRp.\t{_amount(value, separator)}\tAPBD" + (" /" if wrapped else ""))
        if wrapped:
            lines.append(f"{rest}\t\t\tAPBN")  # the name's last word and the note's, each on a line of its own
    plan = read_data((PLAN + "\n".join(lines) + "\n").encode(), "pk.txt")
    programs = [p for d in plan.documents for p in d.programs]
    assert [(p.name, p.amount, p.extra.get("Keterangan")) for p in programs] == [
        (f"Program {name}", value, "APBD / APBN" if wrapped else "APBD") for name, value in zip(chosen, values)]


def test_a_row_of_a_program_and_its_budget_is_never_taken_for_a_header():
    assert header_of(("Program Penyelenggaraan Jalan", "Rp.", "201,865,249,771.00", "APBD")) is None
    assert header_of(("Program", "Anggaran", "Keterangan")) is not None


def test_a_budget_whose_rows_go_on_over_a_page_keep_its_currency_column():
    """Its header at the foot of one page (``No | Program | Anggaran |`` over an amount column of its own),
    its rows on the next, in another grid: the rows still fit the header's columns, the Rp mark and the
    amount counted apart as the header counts them (found by the generated PDF layouts)."""
    from rkt_rules.read.recognise import recognise
    from rkt_rules.read.recognise.blocks import Row, Text

    items = [Text("PERJANJIAN KINERJA TAHUN 2024", 1), Text("Unit Kerja : DINAS CONTOH", 2),
             Row(["No", "Sasaran", "Indikator Kinerja", "Target"], 1, 3), Row(["1", "Meningkatnya mutu", "Persentase layanan", "90%"], 1, 4),
             Text("", 5), Row(["No", "Program", "Anggaran", ""], 2, None, "page 1, table 2, row 1", None, None, [False] * 4),
             Text("", None, "page 1"),
             Row(["1", "Program Pelayanan Kesehatan Dasar", "Rp", "1.250.000.000,00"], 3, None, "page 2, table 1, row 1", None, None, [False] * 4)]
    document = recognise(items, "pk.pdf", 1000).documents[0]
    assert [(p.name, p.amount) for p in document.programs] == [("Program Pelayanan Kesehatan Dasar", 1_250_000_000)]
