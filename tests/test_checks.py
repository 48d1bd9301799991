"""Each check kind on its own: called directly with its options, on small plans."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from rkt_rules.rules.checks import CHECKS, Site, Unevaluated
from rkt_rules.rules.examples import example_plan
from rkt_rules.model import Plan, PlanDocument, Signature
from rkt_rules.read.text import read_text
from rkt_rules.read.textnorm import stems


def outcomes(kind, site, **options):
    check = CHECKS[kind]
    return list(check.function([site], check.options.model_validate(options)))


def run(kind, site, **options):
    """The hits (violations) only."""
    return [hit for hit in outcomes(kind, site, **options) if not isinstance(hit, Unevaluated)]


def undecided(kind, site, **options):
    return [hit.reason.en for hit in outcomes(kind, site, **options) if isinstance(hit, Unevaluated)]


def indicator_site(row):
    plan = example_plan(row)
    document = plan.documents[0]
    goal = document.goals[0]
    return Site(plan, document, goal, goal.indicators[0] if goal.indicators else None, 1)


def document_site(rows="1\tG\tPersentase X\t100%", signature=None, unit="KPU KOTA CONTOH", year=2024):
    plan = example_plan(rows)
    document = plan.documents[0].model_copy(update={"unit": unit, "fiscal_year": year, **({"signature": signature} if signature is not None else {})})
    from rkt_rules.model import document_kind
    document = document.model_copy(update={"kind": document_kind(unit)})
    return Site(plan, document)


def test_count_bounds():
    empty = indicator_site("1\tG\t\t")
    assert run("count", empty, of="indicators", min=1)[0].data["count"] == 0
    assert run("count", indicator_site("1\tG\tI\t1"), of="indicators", min=1) == []
    many = example_plan("1\tG\tI1\t1\n\t\tI2\t2\n\t\tI3\t3\n\t\tI4\t4")
    site = Site(many, many.documents[0], many.documents[0].goals[0])
    assert run("count", site, of="indicators", max=3)[0].data == {"count": 4, "min": None, "max": 3}


@pytest.mark.parametrize("row, fires", [
    ("1\tG\tPersentase X\t120%", True), ("1\tG\tPersentase X\t-5%", True), ("1\tG\tPersentase X\t100%", False),
    ("1\tG\tPersentase X\t90-110%", True), ("1\tG\tJumlah X\t2 Lap", False),
])
def test_range_in_percent(row, fires):
    assert bool(run("range", indicator_site(row), min=0, max=100, unit="percent")) == fires


def test_range_converts_units_with_pint():
    site = indicator_site("1\tG\tJumlah anggaran\t2 Rupiah Miliar")
    assert run("range", site, max=1_000_000_000, unit="rupiah")[0].data["value"] == 2
    assert run("range", site, max=3_000_000_000, unit="rupiah") == []


def test_range_refuses_unknown_unit_at_load():
    with pytest.raises(ValidationError, match="unknown unit 'furlong'"):
        CHECKS["range"].options.model_validate({"unit": "furlong"})


def test_scale_uses_the_first_matching_index():
    scales = [{"name": "SPIP", "pattern": "SPIP", "min": 0, "max": 5}]
    assert run("scale", indicator_site("1\tG\tNilai maturitas SPIP\t6"), scales=scales)[0].data["scale"] == "SPIP"
    assert run("scale", indicator_site("1\tG\tNilai maturitas SPIP\t3,4"), scales=scales) == []
    assert run("scale", indicator_site("1\tG\tNilai lain\t600"), scales=scales) == []


def test_one_of_and_case():
    assert run("one_of", indicator_site("1\tG\tNilai\tF"), field="grade", values=["A", "B"])[0].data == {"value": "F", "values": ["A", "B"]}
    assert run("one_of", indicator_site("1\tG\tNilai\tB"), field="grade", values=["A", "B"]) == []
    assert run("one_of", document_site(), field="unit", values=["kpu kota contoh"], case_sensitive=False) == []


def test_pattern_must_and_must_not():
    site = indicator_site("1\tSosialisasi kebijakan\tPersentase X\t1%")
    assert run("pattern", site, field="goal_text", regex="^Sosialisasi", must="not_match")[0].data["matched"] == "Sosialisasi"
    assert run("pattern", site, field="goal_text", regex="^Terwujudnya", must="match")[0].data["matched"] == ""
    assert run("pattern", site, field="goal_text", regex="^sosialisasi", must="match") == []


@pytest.mark.parametrize("regex", ["(unclosed", "(?=a)b", "(?<!x)y", "(a)\\1"])
def test_pattern_refuses_broken_or_unboundable_regex(regex):
    with pytest.raises(ValidationError):
        CHECKS["pattern"].options.model_validate({"regex": regex})


@pytest.mark.parametrize("regex", ["^(a+)+$", "^(a|a)+$", "^(.*a){12}$", "^(\\w+\\s?)+$"])
def test_a_pattern_that_backtracks_on_other_engines_runs_in_linear_time(regex):
    """The patterns that took Python's engine from seconds to minutes: accepted, and bounded (RE2)."""
    import time

    from rkt_rules.rules.checks.fields import compile_pattern

    started = time.perf_counter()
    assert compile_pattern(regex).search("a" * 5000 + "!") is None
    assert time.perf_counter() - started < 2


EXPECTATIONS = [{"starts": ["Persentase"], "kinds": ["percent"], "label_id": "persen", "label_en": "percent"},
                {"starts": ["Jumlah"], "kinds": ["quantity", "number", "compound"], "label_id": "jumlah", "label_en": "count"}]


@pytest.mark.parametrize("row, fires", [
    ("1\tG\tPersentase penyediaan logistik\t6 Kec", True), ("1\tG\tPersentase X\t100%", False),
    ("1\tG\tJumlah laporan\t50%", True), ("1\tG\tJumlah laporan\t2 Lap", False), ("1\tG\tJumlah badan\t6 kec. 29 kel", False),
    ("1\tG\tPersentase X\t-", False), ("1\tG\tLainnya\t6 Kec", False),
])
def test_unit_matches(row, fires):
    assert bool(run("unit_matches", indicator_site(row), expectations=EXPECTATIONS)) == fires


@pytest.mark.parametrize("cell, problem", [("", None), ("-", "placeholder"), ("lOOo/o", "no number"), ("100%", None)])
def test_readable(cell, problem):
    hits = run("readable", indicator_site(f"1\tG\tPersentase X\t{cell}"))
    assert (hits[0].data["problem"].en if hits else None) == problem


@pytest.mark.parametrize("cell, problem", [("", "target is empty"), ("-", None), ("100%", None)])
def test_readable_present_reports_only_missing_targets(cell, problem):
    hits = run("readable", indicator_site(f"1\tG\tPersentase X\t{cell}"), present=True)
    assert (hits[0].data["problem"].en if hits else None) == problem


def test_a_table_without_a_target_column_has_no_target_to_miss():
    plan = example_plan("No\tSasaran Strategis\tIndikator Kinerja Utama\tFormulasi\n1\tG\tPersentase X\tX dibagi Y")
    site = Site(plan, plan.documents[0], plan.documents[0].goals[0], plan.documents[0].goals[0].indicators[0], 1)
    assert run("readable", site, present=True) == [] and run("readable", site) == []


def test_signatory_same_title_and_office():
    sig = lambda role: Signature(place="X", date=dt.date(2024, 1, 2), role=role, name="N", line=9)  # noqa: E731
    assert run("signatory", document_site(signature=sig("Ketua KPU Kota Contoh"))) == []
    assert run("signatory", document_site(signature=sig("Ketua Komisi Pemilihan Umum Kota Contoh"))) == []
    hit = run("signatory", document_site(signature=sig("Ketua KPU Kota Lain")))[0]
    assert (hit.data["expected_role"], hit.line) == ("Ketua KPU Kota Contoh", 9)
    assert run("signatory", document_site(signature=sig("Sekretaris KPU Kab. Sambas"), unit="SEKRETARIAT KPU KABUPATEN SAMBAS")) == []
    assert run("signatory", document_site(signature=sig("Ketua KPU Kabupaten Sambas"), unit="SEKRETARIAT KPU KABUPATEN SAMBAS"))[0].data["expected_role"] == "Sekretaris KPU Kabupaten Sambas"


def test_signature_complete_lists_missing_parts():
    hit = run("signature_complete", document_site(signature=Signature(place="X", role="Ketua", line=3)))[0]
    assert (hit.data["missing"].id, hit.data["missing"].en) == ("tanggal, nama", "date, name")
    blank_day = Signature(place="Bandung", year=2017, role="Kepala Dinas", name="N", line=3)  # "Bandung,      2017"
    assert run("signature_complete", document_site(signature=blank_day)) == []
    plan = Plan(path="p", documents=(PlanDocument(unit="KPU KOTA X", kind="kpu"),))
    assert run("signature_complete", Site(plan, plan.documents[0])) == []  # no block at all: RKT026's matter (count of signatures)


@pytest.mark.parametrize("date, fires", [(dt.date(2024, 1, 2), False), (dt.date(2023, 10, 1), False), (dt.date(2022, 10, 1), False),
                                         (dt.date(2022, 9, 30), True), (dt.date(2024, 3, 31), False), (dt.date(2024, 4, 1), True)])
def test_date_in_year_allows_the_months_an_rkt_is_drawn_up_in(date, fires):
    site = document_site(signature=Signature(place="X", date=date, year=date.year, month=date.month, role="R", name="N"))
    assert bool(run("date_in_year", site, months_before=15, latest_month=3)) == fires


@pytest.mark.parametrize("year, month, fires", [(2024, 1, False), (2023, 12, False), (2024, 6, True), (2023, None, False), (2021, None, True)])
def test_date_in_year_judges_a_blank_day_by_its_month_or_year(year, month, fires):
    site = document_site(signature=Signature(place="X", year=year, month=month, role="R", name="N"))
    assert bool(run("date_in_year", site)) == fires


def test_sequence_reports_gaps_and_repeats_and_passes_over_what_is_no_number():
    plan = example_plan("1\tA\tI\t1\n3\tB\tI\t1\n3\tC\tI\t1\nx\tD\tI\t1\n5\tE\tI\t1")
    hits = run("sequence", Site(plan, plan.documents[0]))
    # "x" keeps no sequence (OCR reads a number cell so); the 5 after the repeated 3 is still a gap
    assert [(h.data["number"], h.data["expected"]) for h in hits] == [("3", 2), ("3", 4), ("5", 4)]


def test_diagnostics_become_hits_with_their_line():
    plan = example_plan("\t\tOrphan\t1%\n1\tG\tI\t1%")
    hits = run("diagnostics", Site(plan))
    assert [(h.line, h.data["problem"].en) for h in hits] == [(11, "continuation row before any goal")]


TWO_DOCS = """**RENCANA KINERJA TAHUNAN (RKT) TAHUN 2024**
Nama/Unit Organisasi
: KPU KOTA CONTOH
No\tSasaran Strategis\tIndikator Kinerja\tTarget
1\tTerwujudnya Pemilu yang Aman dan Damai\tPersentase pelaksanaan Pemilu yang Aman dan Damai\t100%
2\tTerwujudnya tertib administrasi\tJumlah revisi rencana kerja\t4
3\tTerwujudnya layanan\tNilai Akuntabilitas Kinerja\tBB

**RENCANA KINERJA TAHUNAN (RKT) TAHUN 2024**
Nama/Unit Organisasi
: SEKRETARIAT KPU KOTA CONTOH
No\tSasaran Strategis\tIndikator Kinerja\tTarget
1\tTerwujudnya keamanan\tPersentase gangguan keamanan Pemilu yang dapat ditanggulangi\t{security}
2\tTerwujudnya tertib administrasi\tJumlah revisi rencana kerja yang dilakukan\t{revisions}
3\tMeningkatnya akuntabilitas\tNilai Evaluasi Akuntabilitas Kinerja\t{grade}
"""


def plan_site(**targets):
    values = {"security": "100%", "revisions": "4", "grade": "BB", **targets}
    return Site(read_text(TWO_DOCS.format(**values), "p.txt"))


def test_aligned_support_matches_keamanan_with_aman():
    assert stems("keamanan") == stems("aman")
    assert run("aligned", plan_site(), relation="supported", threshold=0.2) == []


def test_aligned_target_compares_numbers_grades_and_inverts_lower_is_better():
    assert run("aligned", plan_site(), relation="target", threshold=0.3) == []
    assert run("aligned", plan_site(security="90%"), relation="target", threshold=0.3)[0].data["parent_target"] == "100%"
    hit = run("aligned", plan_site(revisions="6"), relation="target", threshold=0.3)[0]
    assert (hit.data["relation"], hit.site.goal.number) == ("<=", "2")
    assert run("aligned", plan_site(revisions="2"), relation="target", threshold=0.3) == []
    assert run("aligned", plan_site(grade="CC"), relation="target", threshold=0.3)[0].data["child_target"] == "CC"
    assert run("aligned", plan_site(grade="A"), relation="target", threshold=0.3) == []


def test_explicit_pairing_in_toml_wins_over_score():
    from rkt_rules.read.toml_plan import read_toml

    text = """
[[document]]
unit = "KPU KOTA X"
[[document.goal]]
number = "1"
text = "Terwujudnya keterbukaan"
[[document.goal.indicator]]
text = "Nilai Keterbukaan Informasi Publik"
target = "90"

[[document]]
unit = "SEKRETARIAT KPU KOTA X"
[[document.goal]]
number = "1"
text = "Meningkatnya layanan PPID"
[[document.goal.indicator]]
text = "Indeks kepuasan layanan PPID"
target = "80"
{supports}
"""
    unpaired = Site(read_toml(text.format(supports=""), "p.toml"))
    assert run("aligned", unpaired, relation="supported", threshold=0.2)
    paired = Site(read_toml(text.format(supports='supports = ["1.1"]'), "p.toml"))
    assert run("aligned", paired, relation="supported", threshold=0.2) == []
    hit = run("aligned", paired, relation="target", threshold=0.9)[0]
    assert hit.data["score"] == "explicit"


def test_unique_finds_exact_and_near_duplicates():
    plan = example_plan("1\tA\tPersentase layanan data pemilih\t1%\n2\tB\tpersentase  layanan data pemilih\t1%\n3\tC\tJumlah laporan keuangan\t2 Lap")
    hits = run("unique", Site(plan, plan.documents[0]), threshold=0.8)
    assert [(h.site.goal.number, h.data["other_goal"], h.data["score"]) for h in hits] == [("2", "1", 1.0)]


def test_could_not_evaluate_is_distinct_from_passing():
    assert undecided("range", indicator_site("1\tG\tJumlah X\t2 Lap"), min=0, max=100, unit="percent") == ["unit laporan does not compare with percent"]
    assert undecided("range", indicator_site("1\tG\tPersentase X\t90%"), min=0, max=100, unit="percent") == []
    assert undecided("unit_matches", indicator_site("1\tG\tPersentase X\t-"), expectations=EXPECTATIONS) == ["the target does not read"]
    plan = Plan(path="p", documents=(PlanDocument(unit="KPU KOTA X", kind="kpu"),))
    assert undecided("signatory", Site(plan, plan.documents[0])) == ["no signer's role or no unit"]
    assert undecided("date_in_year", Site(plan, plan.documents[0])) == ["no signature date or no fiscal year"]
    assert undecided("aligned", plan_site(grade="90%"), relation="target", threshold=0.3) == ["targets BB and 90% do not compare"]


@given(st.lists(st.sampled_from(["yang", "dan", "Persentase", "keamanan", "aman", "Pemilu/Pemilihan", "dimenangkan", "KPU", "Kota",
                                 "Pontianak", "ke-2", "x", "informasi", "k951", "SEKRETARIAT", "pengaduan,"]), max_size=12),
       st.sets(st.sampled_from(["pontianak", "kota", "aman", "informasi", "menang"])))
def test_stems_are_content_words_stemmed_less_stopwords_and_ignored_words(words, ignore):
    """The memoised stem table gives what the plain definition gives."""
    import re

    from rkt_rules.read.textnorm import stem, stopwords

    text, ignore = " ".join(words), frozenset(ignore)
    plain = [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in stopwords() and w not in ignore]
    assert stems(text, ignore) == frozenset(s for s in map(stem, plain) if s not in stopwords() and s not in ignore)
