"""RKT044: a goal whose indicators measure none of it while its neighbour's indicator does: rows shifted.

The class, not a document: any plan whose goals each speak of their own subject, typed with the
indicator rows moved down by one over a stretch of goals. Aligned rows are never flagged; a goal
whose own indicator is an acronym or a named index (what it measures is in what the letters stand
for) is never flagged; a neighbour from another numbered list (another table) is no evidence."""

from hypothesis import given, settings, strategies as st

from rkt_rules import check
from rkt_rules.read import read_data

# Subjects of goals, each its own words (root words, as an office writes them).
SUBJECTS = [("emisi", "gas", "buang"), ("jalan", "jembatan", "mantap"), ("irigasi", "sawah", "air"),
            ("sekolah", "guru", "murid"), ("pasar", "harga", "pangan"), ("hutan", "lahan", "rehabilitasi"),
            ("wisata", "budaya", "kunjungan"), ("arsip", "naskah", "dinas"), ("ternak", "pakan", "vaksin"),
            ("nelayan", "ikan", "tangkap"), ("pajak", "retribusi", "piutang"), ("banjir", "sungai", "tanggul")]


def plan(subjects: list[tuple[str, ...]], indicators: list[tuple[str, ...]], restart_at: int | None = None) -> str:
    lines = ["No\tSasaran\tIndikator Kinerja\tTarget"]
    number = 0
    for at, (subject, measured) in enumerate(zip(subjects, indicators)):
        number = 1 if at == restart_at else number + 1
        lines.append(f"{number}\tMeningkatnya {' '.join(subject)} daerah\tPersentase {' '.join(measured)} yang tertangani\t90%")
    return "\n".join(lines) + "\n"


def flagged(text: str) -> list[str]:
    return sorted((f.location.goal for f in check(read_data(text.encode(), "plan.txt")).findings if f.code == "RKT044"), key=int)


chosen = st.lists(st.sampled_from(SUBJECTS), min_size=4, max_size=9, unique=True)


@settings(max_examples=40, deadline=None)
@given(chosen)
def test_indicators_that_measure_their_own_goals_are_never_flagged(subjects):
    assert flagged(plan(subjects, subjects)) == []


@settings(max_examples=60, deadline=None)
@given(chosen, st.data())
def test_rows_shifted_down_flag_each_goal_whose_indicator_sits_under_the_next(subjects, data):
    first = data.draw(st.integers(0, len(subjects) - 2))
    last = data.draw(st.integers(first + 1, len(subjects) - 1))
    # Goal i+1 carries goal i's indicator over [first, last]; the first goal gets the last one's.
    indicators = list(subjects)
    indicators[first + 1:last + 1] = subjects[first:last]
    indicators[first] = subjects[last]
    expected = list(range(first, last)) + ([last] if last == first + 1 else [])  # two rows swapped: both
    assert flagged(plan(subjects, indicators)) == [str(at + 1) for at in expected]


@settings(max_examples=30, deadline=None)
@given(chosen)
def test_a_goal_measured_by_an_acronym_or_an_index_is_not_judged_by_its_words(subjects):
    indicators = list(subjects)
    indicators[0], indicators[1] = subjects[1], subjects[0]
    text = plan(subjects, indicators)
    assert flagged(text)[:1] == ["1"]
    for opaque in ("Capaian ASPAK", "Nilai SAKIP"):
        first_row = text.splitlines()[1].split("\t")
        first_row[2] = opaque
        lines = text.splitlines()
        lines[1] = "\t".join(first_row)
        assert "1" not in flagged("\n".join(lines) + "\n")


@settings(max_examples=30, deadline=None)
@given(chosen)
def test_a_neighbour_in_another_numbered_list_is_no_evidence_of_a_shift(subjects):
    # Two tables in one document, each aligned; their boundary goals carry each other's subjects only
    # because a second list began: swapped across the restart, nothing is a shift of rows.
    middle = len(subjects) // 2
    indicators = list(subjects)
    indicators[middle - 1], indicators[middle] = subjects[middle], subjects[middle - 1]
    assert flagged(plan(subjects, indicators, restart_at=middle)) == []
