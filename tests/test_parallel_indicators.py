"""Indicators that are two sides of one thing are never one indicator written twice, and a negation
changes what an indicator measures. The class: two rows of one document told apart by a negation, a
pair of opposites, a class letter or numeral, or the measure they start with; a PK whose indicator is
the negation of the RKT's is not its counterpart."""

import pytest
from hypothesis import given, settings, strategies as st

import rkt_rules
from rkt_rules.rules.checks import Site
from rkt_rules.rules.examples import example_plan
from rkt_rules.read.textnorm import stem, stems
from tests.test_checks import run
from tests.test_sets import pk, rkt, write

THINGS = ["kapal berbendera Indonesia", "pelayanan perizinan", "penanganan pengaduan", "kendaraan angkutan umum",
          "pemeriksaan kesehatan", "pengadaan barang"]


def duplicates(first: str, second: str) -> list:
    plan = example_plan(f"1\tMeningkatnya layanan\t{first}\t80%\n2\tMeningkatnya mutu\t{second}\t80%")
    return run("unique", Site(plan, plan.documents[0]), threshold=0.8)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(THINGS), st.sampled_from([
    ("{} dalam negeri", "{} luar negeri"), ("{} skala besar", "{} bukan skala besar"), ("{} kelas A", "{} kelas B"),
    ("{} tipe I", "{} tipe II"), ("{} yang tepat waktu", "{} yang tidak tepat waktu"), ("{} tingkat pusat", "{} tingkat daerah"),
    ("Persentase {} yang laik", "Jumlah {} yang laik"), ("{} yang naik kelas", "{} yang turun kelas")]), st.sampled_from(["Persentase ", "Rasio ", ""]))
def test_two_sides_of_one_thing_are_no_duplicate(thing, pair, measure):
    first, second = (measure + form.format(thing) if not form.startswith(("Persentase", "Jumlah")) else form.format(thing) for form in pair)
    assert duplicates(first, second) == []


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(THINGS))
def test_the_same_indicator_written_twice_is_still_a_duplicate(thing):
    assert len(duplicates(f"Persentase {thing} yang tepat waktu", f"Persentase {thing} yang tepat  waktu.")) == 1


@pytest.mark.parametrize("word", ["tidak", "bukan", "belum", "luar", "lebih", "kurang", "tepat"])
def test_words_that_change_what_is_measured_are_never_dropped(word):
    assert stem(word) in stems(f"Persentase kendaraan {word} laik jalan")


def test_a_pk_indicator_that_negates_the_rkts_is_not_its_counterpart(tmp_path):
    laik = "1\tMeningkatnya keselamatan angkutan\tPersentase kendaraan laik jalan\t{}"
    tidak = "1\tMeningkatnya keselamatan angkutan\tPersentase kendaraan tidak laik jalan\t{}"
    paths = [write(tmp_path, "rkt.txt", rkt(laik.format("95%"))), write(tmp_path, "pk.txt", pk(tidak.format("5%")))]
    codes = [f.code for f in rkt_rules.check([str(p) for p in paths], lang="en").findings]
    assert "RKT030" not in codes  # 5% of vehicles not roadworthy is no weaker target than 95% roadworthy


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(THINGS), st.sampled_from([("approach time", "AT"), ("waktu tunggu", "WT"), ("Effective Time", "ET"),
                                                 ("Gross Death Rate", "GDR"), ("Net Death Rate", "NDR")]).flatmap(
    lambda one: st.tuples(st.just(one), st.sampled_from([("berth time", "BT"), ("Turn Round Time", "TRT"), ("Bed Occupancy", "BOR")]))))
def test_two_measures_named_by_their_own_acronyms_are_no_duplicate(thing, pair):
    (first, a), (second, b) = pair
    assert duplicates(f"Jumlah {thing} yang mencapai {first} ({a}) sesuai standar pelayanan",
                      f"Jumlah {thing} yang mencapai {second} ({b}) sesuai standar pelayanan") == []


def listed(goals: list[tuple[int, int]]):
    """Goals as (number, which thing their indicator measures)."""
    rows = "\n".join(f"{n}\tMeningkatnya mutu {i}\tPersentase {THINGS[k]} tepat waktu\t80%" for i, (n, k) in enumerate(goals))
    plan = example_plan(rows)
    return run("unique", Site(plan, plan.documents[0]), threshold=0.8)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4))
def test_the_same_indicator_in_another_numbered_list_is_another_level_not_a_duplicate(first, second):
    again = [(n, n - 1) for n in range(1, first + 1)] + [(n, n - 1) for n in range(1, second + 1)]
    assert listed(again) == []
    going_on = [(n, n - 1) for n in range(1, first + 1)] + [(first + n, n - 1) for n in range(1, second + 1)]
    assert len(listed(going_on)) == min(first, second)  # one list: each repeat is one


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(THINGS), st.sampled_from([("strategis", "tahunan"), ("kabupaten", "provinsi"), ("pertama", "lanjutan"),
                                                 ("bulanan", "triwulanan"), ("jalan", "jembatan")]),
       st.sampled_from(["Jumlah dokumen {} {}", "Persentase {} {} yang selesai", "{} {}"]))
def test_one_word_swapped_for_an_unlike_one_names_two_items_of_a_list(thing, words, form):
    assert duplicates(form.format(thing, words[0]), form.format(thing, words[1])) == []


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(THINGS), st.sampled_from([("perencanaan", "perencanan"), ("pelaksanaan", "pelaksanan"), ("terbangun", "dibangun")]))
def test_one_word_misspelt_or_of_the_same_stem_tells_nothing_apart(thing, words):
    from rkt_rules.rules.checks.alignment import breakdown

    assert not breakdown(f"Jumlah dokumen {words[0]} {thing}", f"Jumlah dokumen {words[1]} {thing}")
    assert breakdown(f"Jumlah dokumen strategis {thing}", f"Jumlah dokumen tahunan {thing}")
