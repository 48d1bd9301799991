"""Every rule's documented examples behave as documented, in every built-in ruleset."""

import pytest

from rkt_rules.rules.engine import Engine
from rkt_rules.rules.examples import example_plan
from rkt_rules.rules.ruleset import builtin_names, load_rulesets

CASES = []
ENGINES = {}
for ruleset_name in builtin_names():
    rules = load_rulesets([ruleset_name]).enabled()
    ENGINES[ruleset_name] = Engine(rules, "en")  # the whole ruleset, as a user runs it; findings of the rule under test count
    for rule in rules:
        for kind, examples in (("fail", rule.spec.examples.fail), ("pass", rule.spec.examples.pass_)):
            for number, example in enumerate(examples, start=1):
                CASES.append(pytest.param(ruleset_name, rule, kind, example, id=f"{ruleset_name}-{rule.code}-{rule.name}-{kind}{number}"))


@pytest.mark.parametrize("ruleset_name, rule, kind, example", CASES)
def test_rule_example(ruleset_name, rule, kind, example):
    plan = example_plan(example)
    fired = [f for f in ENGINES[ruleset_name].check_run(plan) if f.code == rule.code]  # as a run of that one file
    if kind == "fail":
        assert fired, f"{rule.name}: failing example did not fire"
    else:
        assert not fired, f"{rule.name}: passing example fired: {[f.message for f in fired]}"


def test_every_builtin_ruleset_is_covered():
    assert {"default", "sakip"} <= set(builtin_names())
    assert len(CASES) >= 2 * len(load_rulesets(["default"]).rules)


def test_examples_themselves_are_otherwise_clean():
    """A passing example should not be a plan full of other problems."""
    everything = load_rulesets(["default"]).enabled()
    for rule in everything:
        for example in rule.spec.examples.pass_:
            errors = [f for f in Engine(everything, "en").check(example_plan(example)) if f.severity == "error"]
            assert not errors, f"{rule.name} passing example has errors: {[f.message for f in errors]}"
