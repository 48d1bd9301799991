"""Target reading: every form DOMAIN.md lists, and properties over arbitrary text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rkt_rules.model import Target
from rkt_rules.read.targets import parse_number, read_cell, read_target
from tests.strategies import indonesian_number

CASES = [
    # raw, percent indicator?, kind, value, unit, extra expectations
    ("100%", True, "percent", 100, "percent", {"unit_written": True}),
    ("35", True, "percent", 35, "percent", {"unit_written": False}),
    ("35", False, "number", 35, None, {}),
    ("B", False, "grade", None, None, {"grade": "B"}),
    ("BB", False, "grade", None, None, {"grade": "BB"}),
    ("3,4", False, "number", 3.4, None, {}),
    ("3.5", False, "number", 3.5, None, {}),
    ("77,5%", True, "percent", 77.5, "percent", {}),
    ("1.500", False, "number", 1500, None, {}),
    ("11.758.202.379", False, "number", 11758202379, None, {}),
    ("11,758,202,379", False, "number", 11758202379, None, {}),
    ("1.234,5", False, "number", 1234.5, None, {}),
    ("2 Lap", False, "quantity", 2, "laporan", {}),
    ("1 Dok", False, "quantity", 1, "dokumen", {}),
    ("6 Kec", True, "quantity", 6, "kecamatan", {}),
    ("12 Bulan", False, "quantity", 12, "bulan", {}),
    ("5 hari kerja", False, "quantity", 5, "hari_kerja", {}),
    ("1 (satu) Dokumen", False, "quantity", 1, "dokumen", {}),
    ("Rp 1.500.000", False, "quantity", 1500000, "rupiah", {}),
    (">1", False, "number", 1, None, {"comparator": ">"}),
    ("< 20 %", True, "percent", 20, "percent", {"comparator": "<"}),
    ("≥ 80%", True, "percent", 80, "percent", {"comparator": ">="}),
    ("-5%", True, "percent", -5, "percent", {}),
    ("69,1-69,5", True, "range", None, "percent", {"low": 69.1, "high": 69.5}),
    ("80 s.d. 90 %", False, "range", None, "percent", {"low": 80, "high": 90}),
    ("", False, "missing", None, None, {}),
    ("   ", True, "missing", None, None, {}),
    ("-", False, "unreadable", None, None, {"problem": "placeholder"}),
    ("n/a", False, "unreadable", None, None, {"problem": "placeholder"}),
    ("NA", False, "unreadable", None, None, {"problem": "placeholder"}),
    ("#DIV/0!", True, "unreadable", None, None, {"problem": "spreadsheet error"}),
    ("lOOo/o", True, "unreadable", None, None, {"problem": "no number"}),
    ("too%", True, "unreadable", None, None, {"problem": "no number"}),
    ("5 foo", False, "quantity", 5, "foo", {"unit_written": True}),   # a count of whatever it names
    ("4 Sertifikat", False, "quantity", 4, "sertifikat", {}),
    ("3 paket modul", False, "quantity", 3, "paket modul", {}),
    ("1OO%", True, "unreadable", None, None, {"problem": "unknown unit 'OO %'"}),  # OCR damage, not a count of "OO"
    ("0,9 Angka", False, "number", 0.9, None, {"unit_written": True}),
    ("100,00 Persen", True, "percent", 100, "percent", {"unit_written": True}),
    ("88/100.000 KH", False, "rate", 88, "kh", {"per": 100000}),
    ("5,6 /1000 KH", False, "rate", 5.6, "kh", {"per": 1000}),
    ("WTP", False, "grade", None, "opini", {"grade": "WTP"}),
    ("Rp5.294.655.000,00", False, "quantity", 5294655000, "rupiah", {}),
    ("1078924455", False, "number", 1078924455, None, {}),
    ("1.2.3,4,5", False, "unreadable", None, None, {"problem": "unreadable number"}),
    ("90-80%", True, "unreadable", None, None, {"problem": "range runs backwards"}),
]


@pytest.mark.parametrize("raw, hint, kind, value, unit, extra", CASES, ids=[c[0] or "empty" for c in CASES])
def test_reads_target_as_a_person_would(raw, hint, kind, value, unit, extra):
    target = read_target(raw, hint)
    assert (target.raw, target.kind, target.value, target.unit) == (raw, kind, value, unit)
    for field, expected in extra.items():
        assert getattr(target, field) == expected


def test_compound_target_keeps_each_quantity():
    target = read_target("6 kec. 29 kel")
    assert target.kind == "compound"
    assert [(p.value, p.unit) for p in target.parts] == [(6, "kecamatan"), (29, "kelurahan")]


def test_money_with_magnitude_word_converts():
    from rkt_rules.read.units import convert

    target = read_target("2 Rupiah Miliar")
    assert target.kind == "quantity"
    assert convert(target.value, target.unit, "rupiah") == 2_000_000_000


def test_satuan_column_applies_its_unit_but_raw_stays_as_written():
    target = read_cell("100", "Jumlah laporan", "%")
    assert (target.raw, target.kind, target.value, target.unit_written) == ("100", "percent", 100, True)
    assert read_cell("2", "Jumlah laporan", "Lap").unit == "laporan"


@pytest.mark.parametrize("raw, satuan, kind, value, unit, grade", [
    ("B", "Predikat", "grade", None, None, "B"),          # a letter takes no unit: the Satuan names its scale
    ("B", "Nilai", "grade", None, None, "B"),
    ("WTP", "Opini", "grade", None, "opini", "WTP"),
    ("78", "Poin", "quantity", 78, "poin", None),          # a score
    ("86.28", "%", "percent", 86.28, "percent", None),
    ("5022", "Kejadian/Tahun", "quantity", 5022, "kejadian tahun", None),  # a count of what the Satuan names
    ("5413", "Lokasi (Unit)", "quantity", 5413, "lokasi", None),
])
def test_satuan_joins_the_target_when_reading_it(raw, satuan, kind, value, unit, grade):
    target = read_cell(raw, "Indikator", satuan)
    assert (target.raw, target.kind, target.value, target.unit, target.grade) == (raw, kind, value, unit, grade)


@given(st.text(max_size=40), st.booleans())
def test_any_text_reads_to_a_target_never_an_exception(raw, hint):
    target = read_target(raw, hint)
    assert isinstance(target, Target)
    assert target.raw == raw
    if target.kind == "unreadable":
        assert target.problem


@given(st.integers(-10**12, 10**12))
def test_whole_numbers_written_the_indonesian_way_read_back(value):
    assert parse_number(indonesian_number(value, 0)) == value


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_decimal_numbers_written_the_indonesian_way_read_back(value):
    written = indonesian_number(float(value), 2)
    assert parse_number(written) == pytest.approx(float(value), abs=1e-9)
    assert read_target(written).value == pytest.approx(float(value), abs=1e-9)


def test_committed_unit_table_is_what_pint_resolves_from_units_txt():
    """Known unit words are looked up without importing pint; the table must stay
    current. It is regenerated by `make tables`, never by a test."""
    from rkt_rules.read.units import TABLE, HERE, table_text

    assert (HERE / TABLE).read_text(encoding="utf-8") == table_text(), "units_table.json is stale: run `make tables` and review the diff"


def test_units_in_the_table_convert_as_pint_converts_them():
    from rkt_rules.read.units import _pint_factor, _table, conversion_factor

    units = sorted(_table()["bases"])
    assert len(units) > 20
    for source in units:
        for target in units:
            expected = _pint_factor(source, target) if source != target else 1.0
            found = conversion_factor(source, target)
            assert (found is None) == (expected is None), (source, target)
            assert found == pytest.approx(expected, rel=1e-12) if expected is not None else True
    assert conversion_factor("bulan", "hari") == 30 and conversion_factor("percent", "laporan") is None


def test_products_of_known_unit_words_are_named_as_pint_names_them():
    from rkt_rules.read.units import _parse, _table, unit_name

    words = sorted(_table()["words"])
    table = _table()["words"]
    for first in words:
        for second in words:
            if table[first] != table[second]:
                assert unit_name(f"{first} {second}") == _parse(f"{first} {second}"), (first, second)
    assert unit_name("Kel Desa") == "desa * kelurahan" and unit_name("laporan dokumen kecamatan") == "dokumen * kecamatan * laporan"


@given(st.one_of(st.from_regex(r"[A-Za-z_]{1,12}", fullmatch=True),
                 st.sampled_from(["lap", "Laps", "dokumens", "kecs", "hari_kerja", "hari_kerjas", "kel_desa", "s", "ss", "Kegiatans"])))
def test_a_single_name_resolves_without_pint_exactly_as_pint_resolves_it(name):
    from rkt_rules.read.units import _parse, unit_name

    assert unit_name(name) == _parse(name)


def test_unit_words_resolve_from_table_and_pint_alike():
    from rkt_rules.read.units import _parse, unit_name

    for word in ["Lap", "kec", "DOK", "%", "persen", "Rp", "hk", "bulan"]:
        assert unit_name(word) == _parse(word)
    assert unit_name("Rupiah Miliar") == "miliar * rupiah"


@given(st.sampled_from(["A", "AA", "B", "BB", "CC", "C", "D"]), st.integers(0, 100), st.sampled_from(["", ",5", ".25"]),
       st.sampled_from([" ", ""]), st.sampled_from([("(", ")"), ("[", "]")]))
def test_a_grade_with_the_score_it_stands_for_reads_as_that_grade(grade, score, decimals, space, brackets):
    """'BB (73,5)', 'B (65)': a Renstra's grade target written with its score."""
    target = read_target(f"{grade}{space}{brackets[0]}{score}{decimals}{brackets[1]}")
    assert (target.kind, target.grade) == ("grade", grade)


def _levels():
    from rkt_rules.vocabulary import load

    section = load("words")["levels"]
    return section, [(scale, level) for scale, levels in section.items() if scale not in ("named", "numbered") for level in levels]


@given(st.sampled_from(_levels()[1]), st.sampled_from([None, *_levels()[0]["named"]]), st.sampled_from([str.lower, str.upper, str.title]))
def test_a_level_of_a_named_scale_reads_as_a_grade_on_it_never_as_unreadable(scale_level, named, case):
    scale, level = scale_level
    raw = case(f"{named} {level}" if named else level)
    target = read_target(raw)
    assert target.kind == "grade" and target.grade is not None and target.grade.lower() == level
    assert target.unit in {scale} | {s for s, lv in _levels()[1] if lv == level}  # a word on two scales (Utama) is on one of them


@given(st.sampled_from(_levels()[0]["numbered"]), st.integers(0, 99), st.integers(0, 9), st.sampled_from([str.lower, str.title]))
def test_a_number_after_its_scales_name_is_that_number(word, whole, tenth, case):
    target = read_target(f"{case(word)} {indonesian_number(whole + tenth / 10, 1 if tenth else 0)}")
    assert (target.kind, target.value) == ("number", whole + tenth / 10 if tenth else whole)


@given(st.floats(0, 1000, allow_nan=False).map(lambda v: f"{v:.1f}".replace(".", ",")), st.sampled_from(["atau", "ATAU", "atau index", "atau nilai"]),
       st.integers(0, 9))
def test_two_targets_joined_by_or_are_said_to_be_alternatives(first, joining, second):
    target = read_target(f"{first} {joining} {second}")
    assert (target.kind, target.problem) == ("unreadable", "alternatives")


def test_a_level_on_its_named_scale_is_not_reported_off_the_letter_scale():
    from rkt_rules import check
    from rkt_rules.read import read_data

    text = ("No\tSasaran\tIndikator Kinerja\tTarget\n1\tMeningkatnya mutu layanan rumah sakit\tStatus akreditasi rumah sakit\tParipurna\n"
            "2\tMeningkatnya kualitas layanan\tNilai kepuasan layanan\tF\n")
    findings = check(read_data(text.encode(), "plan.txt"))
    graded = [f for f in findings.findings if f.code in ("RKT003", "RKT007")]
    assert [(f.code, f.location.line) for f in graded] == [("RKT003", 3)]  # F is off A–E; Paripurna is on its scale


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["kec", "Lap", "orang", "km", "Dok"]), st.sampled_from(["/", "*", " ", "^"]), st.integers(10, 1200))
def test_a_unit_chained_past_any_plans_is_no_unit_never_a_crash(word, operator, times):
    """`1 kec/kec/…` (a cell under --max-cell): pint recursed to a RecursionError on it; its unit is kept as the
    words written, never composed by pint."""
    target = read_target("1 " + operator.join([word] * times))
    assert target.unit is None or "**" not in target.unit and "/" not in target.unit
