"""Tools for people who write rules: test a ruleset, lint it, document it.

``rules test`` runs every rule's documented examples (the failing one must fire
the rule, the passing one must not) and the ruleset's case files (plan
snippets with the exact findings expected), like ``conftest verify``.
``rules lint`` finds rules that can never fire or always fire, rules that
contradict each other, untranslated text and placeholders used in one
language only. ``rules docs`` writes the Markdown reference.
"""

from __future__ import annotations

from ..tomlread import TOMLDecodeError, loads as toml_loads
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import RulesetError, validation_problem
from .ruleset import Rule, Ruleset, placeholders

NUMERIC = {"percent", "number", "quantity", "range"}
NEEDS = {"range": NUMERIC, "scale": NUMERIC | {"percent"}, "readable": {"missing", "unreadable"}}


@dataclass
class Outcome:
    name: str
    passed: bool
    detail: list[str]


# --- rules test ----------------------------------------------------------------

class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    rule: str
    goal: str | None = None
    indicator: int | None = None
    unit: str | None = None


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    plan: str
    expect: list[Expected] = Field(default_factory=list)
    only: list[str] | None = None


def load_cases(path: str) -> list[Case]:
    try:
        data = toml_loads(Path(path).read_text(encoding="utf-8"))
        return [Case.model_validate(item) for item in data.get("case", [])]
    except FileNotFoundError:
        raise RulesetError("case-file-missing", path=path) from None
    except TOMLDecodeError as error:
        raise RulesetError("invalid-toml", path=path, reason=str(error)) from None
    except ValidationError as error:
        first = error.errors()[0]
        raise RulesetError("config-key", path=path, key=".".join(str(p) for p in first["loc"]), reason=validation_problem(first)) from None


def _describe(rule: str, goal, indicator, unit=None) -> str:
    where = "".join([f" goal {goal}" if goal else "", f" indicator {indicator}" if indicator else "", f" ({unit})" if unit else ""])
    return f"{rule}{where}"


def run_examples(rules: list[Rule]) -> list[Outcome]:
    from .engine import Engine
    from .examples import example_plan

    outcomes = []
    engine = Engine(rules, "en")  # the whole ruleset: a rule may rely on the others (identity names those it cannot run)
    for rule in rules:
        for kind, examples in (("failing", rule.spec.examples.fail), ("passing", rule.spec.examples.pass_)):
            for number, example in enumerate(examples, start=1):
                fired = [f for f in engine.check_run(example_plan(example)) if f.code == rule.code]
                ok = bool(fired) if kind == "failing" else not fired
                detail = [] if ok else (
                    ["expected the rule to fire; it did not"] if kind == "failing"
                    else [f"expected no finding; got: {f.message}" for f in fired])
                outcomes.append(Outcome(f"{rule.code} {rule.name}: {kind} example {number}", ok, detail))
    return outcomes


def run_cases(ruleset: Ruleset, rules: list[Rule]) -> list[Outcome]:
    from .engine import Engine
    from .examples import example_plan

    engine = Engine(rules, "en")
    outcomes = []
    for path in ruleset.cases:
        for case in load_cases(path):
            found = engine.check_run(example_plan(case.plan))
            if case.only is not None:
                found = [f for f in found if f.rule in case.only or f.code in case.only]
            names = {r.code: r.name for r in rules}
            got = Counter((f.rule, f.location.goal, f.location.indicator) for f in found)
            missing = []
            for item in case.expect:
                rule = names.get(item.rule, item.rule)
                key = next((k for k in got if k[0] == rule and (item.goal is None or k[1] == item.goal)
                            and (item.indicator is None or k[2] == item.indicator) and got[k] > 0), None)
                if key is None:
                    missing.append(_describe(rule, item.goal, item.indicator))
                else:
                    got[key] -= 1
            unexpected = [_describe(*k) for k, n in sorted(got.items(), key=str) for _ in range(n)]
            detail = [f"- expected, not found: {m}" for m in missing] + [f"+ found, not expected: {u}" for u in unexpected]
            outcomes.append(Outcome(f"{Path(path).name}: {case.name}", not detail, detail))
    return outcomes


def format_outcomes(outcomes: list[Outcome]) -> str:
    lines = []
    for outcome in outcomes:
        lines.append(f"{'PASS' if outcome.passed else 'FAIL'}  {outcome.name}")
        lines += [f"        {line}" for line in outcome.detail]
    failed = sum(not o.passed for o in outcomes)
    lines.append(f"rules test: {len(outcomes) - failed} passed, {failed} failed")
    return "\n".join(lines) + "\n"


# --- rules lint ----------------------------------------------------------------

def lint(rules: list[Rule]) -> list[str]:
    problems = []

    def say(rule: Rule, message: str) -> None:
        problems.append(f"{rule.source}: {rule.code} {rule.name}: {message}")

    for rule in rules:
        spec, options = rule.spec, rule.options
        kinds = set(spec.where.target) if spec.where.target else None
        needed = NEEDS.get(spec.check)
        if spec.check == "one_of" and options.field == "grade":
            needed = {"grade"}
        if kinds is not None and needed is not None and not kinds & needed:
            say(rule, f"can never fire: it only looks at {sorted(kinds)} targets, but check {spec.check!r} needs {sorted(needed)}")
        if spec.check in ("range", "count") and options.min is not None and options.max is not None and options.min > options.max:
            say(rule, f"fires on every value: min {options.min} is above max {options.max}")
        if spec.check == "one_of" and not options.values:
            say(rule, "fires on every value: no value is allowed")
        for field_name, text in (("summary", spec.summary), ("why", spec.why), ("message", spec.message)):
            if text.id.strip() == text.en.strip():
                say(rule, f"{field_name} is not translated (Indonesian and English are the same)")
        used = {lang: set(placeholders(spec.message(lang), ValueError)) for lang in ("id", "en")}
        for lang, other in (("id", "en"), ("en", "id")):
            for name in sorted(used[lang] - used[other]):
                say(rule, f"placeholder {{{name}}} is used in message.{lang} but not in message.{other}")
        if spec.reference is not None and spec.reference.strip().lower() in ("todo", "-", "tbd", "?"):
            say(rule, "reference is a placeholder: name a regulation by number and article, or leave it out and give lke = [...]")
        if not rule.enabled:
            say(rule, "is disabled (it will not run)")
    problems += _contradictions([r for r in rules if r.enabled])
    return problems


def _contradictions(rules: list[Rule]) -> list[str]:
    """Pairs of rules on the same nodes whose allowed values cannot both hold."""
    problems = []
    for i, first in enumerate(rules):
        for second in rules[i + 1:]:
            a, b = first.spec, second.spec
            if a.check != b.check or a.visits != b.visits or a.where != b.where:
                continue
            clash = None
            if a.check == "one_of" and first.options.field == second.options.field:
                if not set(first.options.values) & set(second.options.values):
                    clash = f"allows {list(second.options.values)} where {first.code} allows only {list(first.options.values)}"
            elif a.check == "range" and first.options.unit == second.options.unit:
                lo = max(v for v in (first.options.min, second.options.min, float("-inf")) if v is not None)
                hi = min(v for v in (first.options.max, second.options.max, float("inf")) if v is not None)
                if lo > hi:
                    clash = f"requires {second.options.min}–{second.options.max} where {first.code} requires {first.options.min}–{first.options.max}"
            if clash:
                problems.append(f"{second.source}: {b.code} {b.name}: contradicts {a.code} {a.name}: {clash}; every value fails one of them")
    return problems


# --- rules docs ----------------------------------------------------------------

def docs(ruleset: Ruleset, lang: str) -> str:
    import json

    from ..locale import entry, say

    columns, h = entry("docs.columns", lang), entry("docs.headings", lang)
    out = [f"# {say('docs.title', lang)}: {ruleset.name}", "", f"<!-- {say('docs.generated', lang)} -->", "",
           "| " + " | ".join(columns) + " |", "|---|---|---|---|---|"]
    for rule in ruleset.rules:
        out.append(f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) | {rule.name} | {say('severity.' + rule.severity, lang)} | {rule.visits} | {rule.spec.summary(lang)} |")
    for rule in ruleset.rules:
        spec = rule.spec
        out += ["", f"## {spec.code} {spec.name}", "",
                f"**{h[7]}**: {say('severity.' + rule.severity, lang)} · **{h[8]}**: {spec.visits} · **{h[9]}**: `{spec.check}`", "",
                f"**{h[0]}**: {spec.summary(lang)}", "", f"**{h[1]}**: {spec.why(lang)}", ""]
        if spec.reference:
            out += [f"**{h[2]}**: {spec.reference}", ""]
        if spec.lke:
            out += [f"**{h[10]}**: {', '.join(spec.lke)}", ""]
        out.append(f"**{h[4]}**: {spec.message(lang)}")
        if spec.options:
            out += ["", f"**{h[3]}**:", "", "```json", json.dumps(spec.options, ensure_ascii=False, indent=2), "```"]
        for title, examples in ((h[5], spec.examples.fail), (h[6], spec.examples.pass_)):
            out += ["", f"**{title}**:", ""]
            for example in examples:
                out += ["```text", example.strip("\n").replace("\t", " → "), "```"]
    return "\n".join(out) + "\n"


CHECK_KINDS_BEGIN = "<!-- check kinds: generated from the registry by `make docs` -->"
CHECK_KINDS_END = "<!-- end of check kinds -->"


def check_kind_table() -> str:
    """The table of check kinds in docs/authoring.md, from the registry itself: the
    summary is the kind's docstring, the options its options model."""
    from .checks import CHECKS

    out = [CHECK_KINDS_BEGIN, "", "| kind | visits | what it checks | options |", "|---|---|---|---|"]
    for name in sorted(CHECKS):
        kind = CHECKS[name]
        options = ", ".join(f"`{option}`" for option in kind.options.model_fields)
        out.append(f"| `{name}` | {', '.join(kind.visits)} | {kind.summary.replace('``', '`').replace('|', '/')} | {options} |")
    return "\n".join(out + ["", CHECK_KINDS_END])


def with_check_kind_table(text: str) -> str:
    """``text`` (docs/authoring.md) with its generated table replaced by the current one."""
    start, end = text.index(CHECK_KINDS_BEGIN), text.index(CHECK_KINDS_END) + len(CHECK_KINDS_END)
    return text[:start] + check_kind_table() + text[end:]
