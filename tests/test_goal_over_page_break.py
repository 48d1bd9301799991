"""A goal's cell wrapped over a page break, when the next page's rows are read as a table of their own
(a running banner between them): the text that begins that table and goes on from the last goal
before it (lower case, or after an open ending) is that goal's, not a goal without indicators."""

from hypothesis import given, settings, strategies as st

from rkt_rules.read.recognise import _join_wrapped_goals
from rkt_rules.read.recognise.blocks import Row
from rkt_rules.read.recognise.header import header_of
from rkt_rules.read.recognise.table import Table

HEADER = ["Tujuan/Sasaran", "Indikator Kinerja", "Target"]
GOALS = ["Meningkatnya kinerja tata kelola pemerintahan dan kualitas pelayanan publik", "Meningkatnya pengelolaan sumber daya air"]


def table(grid: int, rows: list[list[str]]) -> Table:
    made = Table(header_of(tuple(HEADER)), grid, None, f"page {grid}")
    for at, cells in enumerate(rows):
        made.add(Row(cells, grid, None, f"page {grid}, row {at + 1}"), [])
    return made


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(GOALS), st.sampled_from(["pemerintahan yang baik", "dan akuntabel", "(good governance)"]))
def test_the_end_of_a_goal_carried_to_the_next_pages_table_goes_back_to_it(goal, rest):
    before = table(1, [[goal, "Nilai SAKIP OPD", "B"]])
    after = table(2, [[rest, "", ""], ["Meningkatnya kualitas jalan", "Tingkat kemantapan jalan", "80%"]])
    _join_wrapped_goals([before, after])
    assert before.goals[-1]["text"] == f"{goal} {rest}"
    assert [g["text"] for g in after.goals] == ["Meningkatnya kualitas jalan"]


def test_a_new_goal_beginning_the_next_table_stays_a_goal():
    before = table(1, [[GOALS[0], "Nilai SAKIP OPD", "B"]])
    after = table(2, [["Meningkatnya kualitas jalan", "Tingkat kemantapan jalan", "80%"]])
    _join_wrapped_goals([before, after])
    assert [g["text"] for g in after.goals] == ["Meningkatnya kualitas jalan"] and before.goals[-1]["text"] == GOALS[0]
