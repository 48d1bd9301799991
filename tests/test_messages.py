"""Every message a rule prints is a whole sentence: no None, no empty quotes, no dangling brackets.

Messages are rendered from each rule's failing examples and from the real
documents, in both languages, so a placeholder that can be empty or missing
shows up here rather than in front of a reviewer.
"""

import re
from pathlib import Path

import pytest

from rkt_rules.rules.engine import Engine
from rkt_rules.rules.examples import example_plan
from rkt_rules.read import read_plan
from rkt_rules.rules.ruleset import builtin_names, load_rulesets
from tests.conftest import SEED

BROKEN = [
    (re.compile(r"\bNone\b"), "None"),
    (re.compile(r"''|\"\""), "empty quotes"),
    (re.compile(r"\(\s*\)|\(\s*[,;–-]|[,;]\s*\)|\s\)|\(\s"), "a dangling bracket"),
    (re.compile(r"(?:sasaran|goal|indikator|indicator)\s+[–-](?:\s|$|\))"), "a missing goal or indicator"),
    (re.compile(r"[{}]"), "an unfilled placeholder"),
    (re.compile(r"\s\s|\s$|^\s"), "stray spacing"),
]
REAL = sorted(p for p in (Path(__file__).parent / "real_documents").iterdir() if p.suffix in (".docx", ".pdf", ".txt"))


def problems(message: str) -> list[str]:
    return [name for pattern, name in BROKEN if pattern.search(message)]


def cases():
    for name in builtin_names():
        rules = load_rulesets([name]).enabled()
        for lang in ("id", "en"):
            yield pytest.param(rules, lang, [example_plan(e) for r in rules for e in r.spec.examples.fail], True, id=f"{name}-examples-{lang}")
            yield pytest.param(rules, lang, [read_plan(SEED)] + [read_plan(p) for p in REAL if "evaluasi" not in p.name], False,
                               id=f"{name}-documents-{lang}")


@pytest.mark.parametrize("rules, lang, plans, every_rule", list(cases()))
def test_every_message_is_a_whole_sentence(rules, lang, plans, every_rule):
    engine = Engine(rules, lang)
    seen = set()
    for plan in plans:
        for finding in engine.check_run(plan):
            seen.add(finding.code)
            assert not problems(finding.message), f"{finding.code}: {problems(finding.message)} in {finding.message!r}"
    if every_rule:  # the failing examples render every rule's message at least once
        assert {rule.code for rule in rules} <= seen


def test_the_checker_of_messages_catches_what_it_names():
    for broken in ("Target '' tidak dapat dibaca", "(None, sasaran –)", "kemiripan tertinggi 0 dengan sasaran )", "Sasaran {goal} x"):
        assert problems(broken), broken
    assert not problems("Target '-' tidak dapat dibaca: isian pengganti, bukan target")


def test_a_goal_the_table_leaves_unnumbered_is_named_by_its_place_never_an_empty_goal():
    from rkt_rules import check
    from rkt_rules.read import read_data

    rows = "".join(f"\t{goal}\tPersentase layanan perizinan yang selesai tepat waktu\t9{n}%\n"
                   for n, goal in enumerate(["Meningkatnya layanan perizinan", "Meningkatnya kepuasan pemohon izin"], 1))
    plan = read_data(("No\tSasaran\tIndikator Kinerja\tTarget\n" + rows).encode(), "plan.txt")
    assert [goal.number for goal in plan.documents[0].goals] == ["", ""]
    messages = [f.message for f in check([plan], lang="en").findings if f.code == "RKT017"]
    assert messages and all("(goal 2)" in m and "goal 1 " in m for m in messages), messages
