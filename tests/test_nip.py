"""RKT045: a signer's NIP is 18 digits (date of birth, year and month of appointment, sex, sequence),
however it is spaced or dotted; a digit too few or too many, an impossible date or a sex digit other
than 1 or 2 is a malformed NIP. Judged against the document's year, never today's date."""

import datetime as dt

from hypothesis import given, settings, strategies as st

from rkt_rules.rules.checks.document import nip_fault
from rkt_rules.rules.examples import example_plan
from tests.engine_helpers import codes, findings_for

births = st.dates(dt.date(1950, 1, 1), dt.date(2000, 12, 31))


@st.composite
def nips(draw):
    born = draw(births)
    appointed = draw(st.integers(born.year + 18, 2023))
    month, sex, sequence = draw(st.integers(1, 12)), draw(st.sampled_from("12")), draw(st.integers(1, 999))
    return f"{born:%Y%m%d}{appointed}{month:02d}{sex}{sequence:03d}"


def spaced(digits: str, style: int) -> str:
    parts = (digits[:8], digits[8:14], digits[14], digits[15:])
    return [digits, " ".join(parts), ".".join(parts), f"{parts[0]} {parts[1]} {parts[2]}{parts[3]}"][style]


@settings(max_examples=100)
@given(nips(), st.integers(0, 3))
def test_a_well_formed_nip_is_no_fault_however_it_is_spaced(nip, style):
    assert nip_fault(spaced(nip, style), 2024) is None


@settings(max_examples=100)
@given(nips(), st.integers(0, 17), st.integers(0, 3))
def test_a_digit_dropped_or_doubled_is_a_fault(nip, at, style):
    short, long = nip[:at] + nip[at + 1:], nip[:at] + nip[at] + nip[at:]
    assert nip_fault(short, 2024) is not None and nip_fault(long, 2024) is not None
    assert nip_fault(spaced(long[:18], style) + long[18:], 2024) is not None  # spaced as usual, one digit over


@settings(max_examples=60)
@given(nips(), st.sampled_from(["13", "00"]), st.sampled_from("03456789"))
def test_an_impossible_month_or_sex_digit_is_a_fault(nip, month, sex):
    assert nip_fault(nip[:4] + month + nip[6:], 2024) is not None  # month of birth
    assert nip_fault(nip[:12] + month + nip[14:], 2024) is not None  # month of appointment
    assert nip_fault(nip[:14] + sex + nip[15:], 2024) is not None


def test_an_appointment_after_the_documents_year_is_a_fault_but_not_by_todays_date():
    assert nip_fault("196612051987031003", 1980) is not None
    assert nip_fault("196612051987031003", 1990) is None


def test_the_rule_reports_a_signers_short_nip_and_not_a_good_one():
    block = "\n\nContoh, 2 Januari 2024\nKepala Dinas Contoh Kabupaten Contoh\n\nNAMA CONTOH\nNIP. {}\n"
    rows = "1\tMeningkatnya kualitas layanan\tPersentase layanan tepat waktu\t90%"
    assert "RKT045" in codes(findings_for(example_plan(rows + block.format("19661205 198703 100"))))
    assert "RKT045" not in codes(findings_for(example_plan(rows + block.format("19661205 198703 1 003"))))
