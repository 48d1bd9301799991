"""Cells wrapped onto the rows below them (text and HTML tables, PDF rows cut by ruling lines)
are joined back: a row with no number and no goal continues the goal above; a goal's text on
an unnumbered row of a numbered table, or starting in lower case, is the goal's own, wrapped;
an indicator's likewise; a row of targets alone completes the indicator above."""

from hypothesis import given, settings, strategies as st

from rkt_rules.read import read_data
from tests.strategies import documents

HEADER = "No\tSasaran Strategis\tIndikator Kinerja\tTarget"


def read(rows: str):
    text = f"RENCANA KINERJA TAHUNAN TAHUN 2024\nUnit Kerja : DINAS CONTOH\n\n{HEADER}\n{rows}\n"
    return read_data(text.encode("utf-8"), "rkt.txt").documents[0]


def test_a_goal_wrapped_over_rows_is_one_goal_with_all_its_indicators():
    document = read("1\tMeningkatnya pengelolaan\tPersentase A\t90%\n\tSumberdaya Air\tPersentase B\t80%\n\tdan irigasi\t\t")
    assert [(g.number, g.text) for g in document.goals] == [("1", "Meningkatnya pengelolaan Sumberdaya Air dan irigasi")]
    assert [i.text for i in document.goals[0].indicators] == ["Persentase A", "Persentase B"]


def test_an_indicator_wrapped_onto_the_next_row_is_one_indicator():
    document = read("1\tMeningkatnya layanan\tPersentase layanan yang diselesaikan\t90%\n\t\ttepat waktu sesuai standar\t")
    assert [(i.text, i.target.raw) for i in document.goals[0].indicators] == [
        ("Persentase layanan yang diselesaikan tepat waktu sesuai standar", "90%")]


def test_an_indicator_whose_text_ends_open_goes_on_in_the_next_row():
    document = read("1\tMeningkatnya layanan\tPersentase layanan yang\t90%\n\t\tDiselesaikan Tepat Waktu\t")
    assert [i.text for i in document.goals[0].indicators] == ["Persentase layanan yang Diselesaikan Tepat Waktu"]


def test_a_row_of_targets_alone_completes_the_indicator_above():
    document = read("1\tMeningkatnya tata kelola\tNilai SAKIP\tBB\n\t\t\t(73,5)")
    assert [(i.text, i.target.raw) for i in document.goals[0].indicators] == [("Nilai SAKIP", "BB (73,5)")]


def test_an_indicator_without_target_that_starts_a_new_sentence_stays_an_indicator():
    document = read("1\tMeningkatnya layanan\tPersentase layanan\t90%\n\t\tIndeks kepuasan masyarakat\t")
    assert [(i.text, i.target.raw) for i in document.goals[0].indicators] == [
        ("Persentase layanan", "90%"), ("Indeks kepuasan masyarakat", "")]


def _wrap(text: str, at: int) -> tuple[str, str]:
    words = text.split()
    cut = max(1, min(at, len(words) - 1))
    return " ".join(words[:cut]), " ".join(words[cut:])


@settings(max_examples=60, deadline=None)
@given(documents(), st.integers(1, 6), st.data())
def test_any_plan_with_its_goal_cells_wrapped_over_extra_rows_reads_back(document, at, data):
    """The class: every goal of a generated plan whose text is cut over two rows of a numbered table."""
    lines = []
    for goal in document.goals:
        first, rest = _wrap(goal.text, at) if len(goal.text.split()) > 1 else (goal.text, "")
        if rest == first:  # a second line the same as the first reads as Word repeating a merged cell
            first, rest = goal.text, ""
        indicators = list(goal.indicators) or [None]
        for index, indicator in enumerate(indicators):
            cells = [goal.number if index == 0 else "", first if index == 0 else "",
                     indicator.text if indicator else "", indicator.target.raw if indicator else ""]
            lines.append("\t".join(cells))
            if index == 0 and rest:
                lines.append(f"\t{rest}\t\t")
    read_back = read("\n".join(lines))
    assert [(g.number, g.text) for g in read_back.goals] == [(g.number, g.text) for g in document.goals]
    assert [[i.text for i in g.indicators] for g in read_back.goals] == [[i.text for i in g.indicators] for g in document.goals]
