"""The engine evaluates a document's nodes in batches; ``--explain`` walks them one
at a time. Both must find exactly the same things, whatever the plan and ruleset."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

from rkt_rules.rules.engine import Engine
from rkt_rules.errors import RktError
from rkt_rules.rules.explain import ExplainingEngine
from rkt_rules.read import read_plan
from rkt_rules.rules.ruleset import load_rulesets
from tests.strategies import plans

RULESETS = {name: load_rulesets([spec]).enabled() for name, spec in
            [("default", "default"), ("sakip", "sakip"), ("core", "benchmarks/core.toml"), ("kalbar", "docs/examples/kalbar.toml")]}

def _readable(path: Path) -> bool:
    try:
        read_plan(path)
    except RktError:
        return False
    return True


PLANS = ["plans/kpu-kota-pontianak-2023.txt", "tests/plans/hostile.toml", "tests/fixtures/seed_plan.toml"] + sorted(
    str(p) for p in Path("tests/corpus").glob("*.*") if p.suffix in (".txt", ".toml") and p.name != "expected.toml" and _readable(p))


def _both(rules, plan):
    batched = sorted((f.to_dict() for f in Engine(rules, "en").check(plan)), key=repr)
    one_by_one = sorted((f.to_dict() for f in ExplainingEngine(rules, "en").check(plan)), key=repr)
    return batched, one_by_one


@pytest.mark.parametrize("ruleset", sorted(RULESETS))
@pytest.mark.parametrize("path", PLANS)
def test_batched_and_node_by_node_evaluation_agree_on_real_plans(ruleset, path):
    batched, one_by_one = _both(RULESETS[ruleset], read_plan(path))
    assert batched == one_by_one


@given(plans)
def test_batched_and_node_by_node_evaluation_agree_on_any_plan(plan):
    for rules in RULESETS.values():
        batched, one_by_one = _both(rules, plan)
        assert batched == one_by_one


def test_a_rule_over_several_target_kinds_sees_each_indicator_once():
    """RKT002 visits percent and range targets: a range that runs past 100% and a
    percent past it are both reported, once each, and nothing else is offered."""
    from rkt_rules.rules.examples import example_plan

    plan = example_plan("1\tTerwujudnya layanan hukum\tPersentase sengketa\t120%\n\t\tPersentase perkara\t90-110%\n\t\tNilai B\tB")
    found = [f for f in Engine(RULESETS["default"], "en").check(plan) if f.code == "RKT002"]
    assert sorted((f.location.goal, f.location.indicator) for f in found) == [("1", 1), ("1", 2)]


def test_what_a_plans_check_shares_is_owned_by_that_check():
    """No module-level memo: after a check nothing of the plan is kept, and checks of
    different plans in threads at once give what they give one after the other."""
    from concurrent.futures import ThreadPoolExecutor

    from rkt_rules.rules.checks import memo_for
    from rkt_rules.read import read_plan
    from tests.engine_helpers import findings_for

    plans = [read_plan("plans/kpu-kota-pontianak-2023.txt"), read_plan("tests/real_documents/kemenhub-rkt-2013.txt")]
    alone = [findings_for(plan) for plan in plans]
    assert all(memo_for(plan) == {} for plan in plans)
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(findings_for, plans * 20))
    assert together == alone * 20
