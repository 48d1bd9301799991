"""Shared hypothesis strategies: plans, target texts, Indonesian numbers."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from rkt_rules.model import Goal, Indicator, Plan, PlanDocument, Signature, document_kind
from rkt_rules.read.targets import read_cell

WORDS = ["Terwujudnya", "Meningkatnya", "Persentase", "Jumlah", "Nilai", "layanan", "data", "pemilih", "hukum",
         "informasi", "publik", "anggaran", "logistik", "Pemilu/Pemilihan", "tepat", "waktu", "(clean)", "SPIP", "ke-2", "5"]
TARGETS = ["100%", "35", "B", "BB", "3,4", "3.5", "1.500", "2 Lap", "1 Dok", "6 kec. 29 kel", "69,1-69,5", "≥ 80%",
           "-", "n/a", "#DIV/0!", "lOOo/o", "", "4", "Rp 1.500.000", "12 Bulan", "7"]
CITIES = ["Pontianak", "Singkawang", "Sambas", "Ketapang"]


def indonesian_number(value: float, decimals: int) -> str:
    """Write a number the Indonesian way: ``.`` between thousands, ``,`` before decimals."""
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):.{decimals}f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + (f",{frac}" if frac else "")


# A goal's or an indicator's text begins as offices write it, with a capital (a lower-case
# start, or one inside brackets, is how the reader tells a cell wrapped onto the next row).
FIRST_WORDS = [word for word in WORDS if word[:1].isupper() or word[:1].isdigit()]
words = st.tuples(st.sampled_from(FIRST_WORDS), st.lists(st.sampled_from(WORDS), max_size=7)).map(lambda t: " ".join([t[0], *t[1]]))


@st.composite
def indicators(draw):
    text = draw(words)
    raw = draw(st.sampled_from(TARGETS))
    return Indicator(text=text, target=read_cell(raw, text), extra={})


@st.composite
def goals(draw, number: int):
    return Goal(number=str(number), text=draw(words), indicators=tuple(draw(st.lists(indicators(), max_size=3))))


@st.composite
def documents(draw):
    city = draw(st.sampled_from(CITIES))
    year = draw(st.integers(2015, 2035))
    secretariat = draw(st.booleans())
    unit = f"{'SEKRETARIAT ' if secretariat else ''}KPU KOTA {city.upper()}"
    count = draw(st.integers(1, 6))
    goal_list = tuple(draw(goals(n)) for n in range(1, count + 1))
    signature = None
    if draw(st.booleans()):
        date = draw(st.dates(dt.date(year - 1, 1, 1), dt.date(year, 12, 31)))
        signature = Signature(
            party="signer", place=city, date=date, year=date.year, month=date.month,
            role=f"{'Sekretaris' if secretariat else 'Ketua'} KPU Kota {city}",
            name=draw(st.sampled_from(["DENI NULIADI", "ANA SUARDIANA", "BUDI", "SITI AMINAH"])),
        )
    title = draw(st.sampled_from([None, f"RENCANA KINERJA TAHUNAN (RKT) TAHUN {year}"]))
    return PlanDocument(title=title, document_type="rkt" if title else None, unit=unit, fiscal_year=year, kind=document_kind(unit),
                        goals=goal_list, signature=signature, signatures=(signature,) if signature else ())


plans = st.builds(lambda docs: Plan(path="generated", documents=tuple(docs)), st.lists(documents(), min_size=1, max_size=3))
