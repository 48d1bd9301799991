"""Plans as code: the TOML form is written and read back exactly."""

import pytest

from rkt_rules.errors import PlanError
from rkt_rules.read import read_plan
from rkt_rules.read.toml_plan import read_toml
from rkt_rules.report.serialize import without_locations
from rkt_rules.report.writers.toml_plan import plan_to_toml
from tests.conftest import SEED


def test_seed_as_toml_matches_golden_and_reads_back(golden):
    plan = read_plan(SEED)
    text = plan_to_toml(plan)
    golden("seed_plan.toml", text)
    assert without_locations(read_toml(text, "x.toml")) == without_locations(plan)


def test_one_indicator_per_table_so_a_target_change_is_a_one_line_diff():
    text = plan_to_toml(read_plan(SEED))
    changed = text.replace('target = "89%"', 'target = "90%"')
    diff = [(a, b) for a, b in zip(text.splitlines(), changed.splitlines()) if a != b]
    assert diff == [('target = "89%"', 'target = "90%"')]
    assert text.count("[[document.goal.indicator]]") == 34


def test_toml_nodes_carry_the_line_of_their_table():
    plan = read_toml(plan_to_toml(read_plan(SEED)), "x.toml")
    lines = plan_to_toml(read_plan(SEED)).splitlines()
    goal = plan.documents[1].goals[17]
    assert lines[goal.line - 1] == "[[document.goal]]"
    assert lines[goal.line] == 'number = "18"'
    assert lines[goal.indicators[0].line - 1] == "[[document.goal.indicator]]"


def test_explicit_pairings_and_kind_are_read():
    text = '''
[[document]]
unit = "BIRO X"
kind = "secretariat"
[[document.goal]]
number = 1
text = "G"
[[document.goal.indicator]]
text = "Persentase Y"
target = "90"
supports = ["4.2"]
'''
    document = read_toml(text, "p.toml").documents[0]
    assert document.kind == "secretariat"
    indicator = document.goals[0].indicators[0]
    assert (indicator.supports, indicator.target.kind, document.goals[0].number) == (("4.2",), "percent", "1")


def test_malformed_toml_names_file_and_line():
    with pytest.raises(PlanError) as caught:
        read_toml("[[document]]\nunit = 'x'\n[[document]\n", "p.toml")
    assert caught.value.one_line().startswith("p.toml:3: invalid TOML: Expected ']")


@pytest.mark.parametrize("text, message", [
    ("schema_version = 1\n", "p.toml: document: Field required"),
    ("[[document]]\nunit = 5\n", "p.toml: document[1].unit: must be text, not 5"),
    ("[[document]]\n[[document.goal]]\ntext = 'x'\n", "p.toml: document[1].goal[1].number: Field required"),
    ("[[document]]\ncolour = 'red'\n", "p.toml: document[1].colour: unknown key"),
])
def test_invalid_toml_plans_name_the_key(text, message):
    with pytest.raises(PlanError) as caught:
        read_toml(text, "p.toml")
    assert caught.value.one_line() == message
