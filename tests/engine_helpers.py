"""Helpers for running rules on plans and snippets in tests."""

from rkt_rules.rules.engine import Engine
from rkt_rules.rules.examples import example_plan
from rkt_rules.read import read_plan
from rkt_rules.read.text import read_text
from rkt_rules.rules.ruleset import load_rulesets

DEFAULT = load_rulesets(["default"])


def findings_for(plan, rules=None, lang="en"):
    return sorted(Engine(rules if rules is not None else DEFAULT.enabled(), lang).check(plan), key=lambda f: f.sort_key())


def codes(findings):
    return [f.code for f in findings]


def snippet(rows: str):
    return example_plan(rows)


def seed_text() -> str:
    return open("plans/kpu-kota-pontianak-2023.txt", encoding="utf-8").read()


def plan_from(text: str, path="plans/kpu-kota-pontianak-2023.txt"):
    return read_text(text, path)


def seed():
    return read_plan("plans/kpu-kota-pontianak-2023.txt")
