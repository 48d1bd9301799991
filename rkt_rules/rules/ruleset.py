"""Rulesets: TOML files validated into rules once, when they load.

A ruleset file holds ``[[rule]]`` tables, may ``extends = ["default", "path"]``
and may override inherited rules by name (``[rules.NAME]``: severity, enabled,
options, where). Every error names the file, the rule and the key, with the
line where it can be found. Nothing in a rule file can run code: a rule picks a
check kind from a closed registry, fields from a closed table, and messages
may only quote named placeholders.
"""

from __future__ import annotations

import re
import string
from ..tomlread import TOMLDecodeError, loads as toml_loads
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checks import CHECKS, CheckKind, Options, Site
from .checks.fields import FIELDS, SITE_VALUES, compile_pattern
from ..errors import RktError, RulesetError, toml_error, validation_problem
from ..model import REPORT_TYPES, DocumentKind, DocumentType, TargetKind

SEVERITIES = ("error", "warning", "info")
# Documents only the rules naming them look at: an annexed action plan, a performance report.
OWN_RULES_ONLY = ("rencana-aksi", *REPORT_TYPES)
TOP_LEVEL_KEYS = frozenset({"name", "description", "extends", "rule", "rules", "cases"})
OVERRIDE_KEYS = frozenset({"severity", "enabled", "options", "where"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _as_tuple(value):
    return (value,) if isinstance(value, str) else value


class Where(_Strict):
    """Which visited nodes a rule applies to; every condition given must hold."""

    target: tuple[TargetKind, ...] | None = None
    target_unit: tuple[str, ...] | None = None
    document: tuple[DocumentKind, ...] | None = None
    document_type: tuple[DocumentType, ...] | None = None
    document_type_not: tuple[DocumentType, ...] | None = None
    text_matches: str | None = None
    text_not_matches: str | None = None

    _tuples = field_validator("target", "target_unit", "document", "document_type", "document_type_not", mode="before")(_as_tuple)

    @field_validator("text_matches", "text_not_matches")
    @classmethod
    def _compiles(cls, regex: str | None) -> str | None:
        if regex is not None:
            compile_pattern(regex)
        return regex


class Message(_Strict):
    """Text a user reads, in Indonesian and English; both are required."""

    id: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: str) -> str:
        return self.id if lang == "id" else self.en


class Examples(_Strict):
    fail: tuple[str, ...] = Field(min_length=1)
    pass_: tuple[str, ...] = Field(min_length=1, alias="pass")


LKE_CRITERION = re.compile(r"^[1-4]\.[a-d]\.[1-9][0-9]?$")


class RuleSpec(_Strict):
    """A rule as written in TOML, before its check kind's options are validated."""

    code: str = Field(pattern=r"^[A-Z]{2,5}[0-9]{3}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    summary: Message
    visits: Literal["set", "plan", "document", "goal", "indicator"]
    where: Where = Where()
    check: str
    options: dict[str, Any] = {}
    severity: Literal["error", "warning", "info"]
    message: Message
    why: Message
    reference: str | None = Field(default=None, min_length=1)  # a regulation by number and article, or an LKE criterion
    lke: tuple[str, ...] = ()  # criteria of the SAKIP evaluation sheet (PermenPANRB 88/2021) the rule bears on
    examples: Examples
    enabled: bool = True

    def grounds(self) -> str:
        """What the rule rests on, as one line: its reference and the LKE criteria it bears on."""
        parts = ([self.reference] if self.reference else []) + ([f"LKE {', '.join(self.lke)}"] if self.lke else [])
        return "; ".join(parts) or "–"

    @field_validator("lke")
    @classmethod
    def _criteria(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if not LKE_CRITERION.match(value):
                raise ValueError(f"{value!r} is no LKE criterion (written like '1.b.5')")
        return values


@dataclass(frozen=True)
class Rule:
    """A validated rule, ready for the engine."""

    spec: RuleSpec
    kind: CheckKind
    options: Any  # the validated options model of its check kind (an Options subclass)
    select: Callable[[list[Site]], list[Site]] | None  # the nodes of a batch its where-filter keeps; None: all
    # (for indicator rules, less the target-kind condition: the engine dispatches on kind)
    source: str
    severity: str
    enabled: bool

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def visits(self) -> str:
        return self.spec.visits

    @property
    def needs(self) -> frozenset[str]:
        """The document fields this rule cannot be judged without: its check kind's, and those its filter reads."""
        where = self.spec.where
        # (a document of unknown type passes a document_type_not filter: that rule still runs on it)
        return self.kind.needs | ({"unit"} if where.document is not None else set()) | ({"document_type"} if where.document_type is not None else set())

    def visits_document(self, document_type: str | None) -> bool:
        """Whether the rule looks at a document of this type: an annexed action plan (rencana-aksi) and a
        performance report (lkj) only for rules that name them, every plan for every rule."""
        types = self.spec.where.document_type
        return document_type not in OWN_RULES_ONLY or (types is not None and document_type in types)


@dataclass
class Ruleset:
    name: str
    rules: list[Rule] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)  # case files (plan snippets with expected findings)

    def enabled(self) -> list[Rule]:
        return [rule for rule in self.rules if rule.enabled]

    def find(self, key: str) -> Rule | None:
        return next((r for r in self.rules if key in (r.code, r.name) or key.upper() == r.code), None)


# --- where filters -----------------------------------------------------------

class _Memo(dict):
    """A regex condition's answer per distinct text (plans repeat their texts)."""

    def __init__(self, pattern: re.Pattern, expect: bool):
        super().__init__()
        self.search, self.expect = pattern.search, expect

    def __missing__(self, text: str) -> bool:
        if len(self) > 65536:
            self.clear()
        result = self[text] = bool(self.search(text)) == self.expect
        return result


def _node_text(site: Site) -> str:
    """The text a ``text_matches`` condition reads: the visited node's own (see FIELDS["text"])."""
    return FIELDS["text"](site) or ""


def _text_step(memo: "_Memo", on_indicator: bool) -> Callable[[list[Site]], list[Site]]:
    if on_indicator:  # the indicator's text, read without a call
        return lambda sites: [s for s in sites if memo[s.indicator.text]]
    return lambda sites: [s for s in sites if memo[_node_text(s)]]


def compile_where(where: Where, visits: str) -> Callable[[list[Site]], list[Site]] | None:
    """The conditions given as one filter over a batch of nodes, or None when the rule takes them all.

    Each condition is a list comprehension over the batch, the cheapest to the
    dearest, so a rule that applies to few nodes pays little for the rest.
    For a rule visiting indicators the target-kind condition is left out: the
    engine hands such a rule only indicators of those kinds.
    """
    steps: list[Callable[[list[Site]], list[Site]]] = []
    if where.target is not None and visits != "indicator":
        kinds = frozenset(where.target)
        steps.append(lambda sites: [s for s in sites if s.indicator is not None and s.indicator.target.kind in kinds])
    if where.target_unit is not None:
        units = frozenset(where.target_unit)
        steps.append(lambda sites: [s for s in sites if s.indicator is not None and s.indicator.target.unit in units])
    if where.document is not None:
        documents = frozenset(where.document)
        steps.append(lambda sites: [s for s in sites if s.document is not None and s.document.kind in documents])
    if where.document_type is not None:
        types = frozenset(where.document_type)
        steps.append(lambda sites: [s for s in sites if s.document is not None and s.document.document_type in types])
    if where.document_type_not is not None:
        excluded = frozenset(where.document_type_not)
        steps.append(lambda sites: [s for s in sites if s.document is None or s.document.document_type not in excluded])
    for regex, expect in ((where.text_matches, True), (where.text_not_matches, False)):
        if regex is not None:
            memo = _Memo(compile_pattern(regex), expect)
            steps.append(_text_step(memo, visits == "indicator"))
    if not steps:
        return None
    if len(steps) == 1:
        return steps[0]

    def select(sites: list[Site]) -> list[Site]:
        for step in steps:
            if not sites:
                break
            sites = step(sites)
        return sites

    return select


# --- locating keys in the TOML text ------------------------------------------

def _rule_blocks(text: str) -> list[tuple[int, int]]:
    """(first line, last line) of every ``[[rule]]`` table, 1-based."""
    lines = text.splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if re.match(r"^\s*\[\[\s*rule\s*\]\]", line)]
    return [(start, (starts[k + 1] - 1) if k + 1 < len(starts) else len(lines)) for k, start in enumerate(starts)]


def _line_of(text: str, block: tuple[int, int] | None, key: str) -> int | None:
    """The line where ``key`` (dotted, e.g. ``options.min``) is set, as near as can be found."""
    lines = text.splitlines()
    first, last = block if block else (1, len(lines))
    parts = key.split(".")
    for part in [key, *parts[:1], *reversed(parts[1:])]:
        if not part or part.isdigit():
            continue
        pattern = re.compile(rf"(^|[\s{{,.])\"?{re.escape(part)}\"?\s*=|^\s*\[+[\w.\s]*\b{re.escape(part)}\s*\]")
        for number in range(first, last + 1):
            if pattern.search(lines[number - 1]):
                return number
    return first if block else None


def _describe(rule: dict | None, index: int) -> str:
    if isinstance(rule, dict):
        code, name = rule.get("code"), rule.get("name")
        if code or name:
            return f"rule {code or '?'} ({name or '?'})"
    return f"rule #{index + 1}"


# --- loading -----------------------------------------------------------------

def builtin_dir() -> Path:
    """Built-in rulesets: packaged beside the code in a wheel, ``rules/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_rules"
    return packaged if packaged.is_dir() else package.parent / "rules"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.toml"))


def resolve(spec: str) -> Path:
    path = Path(spec)
    if path.suffix.lower() == ".toml" or path.exists() or "/" in spec:
        if not path.is_file():
            raise RulesetError("no-ruleset-file", path=spec)
        return path
    builtin = builtin_dir() / f"{spec}.toml"
    if not builtin.is_file():
        raise RulesetError("unknown-ruleset", name=spec, known=", ".join(builtin_names()))
    return builtin


def load_rulesets(specs: list[str] | None) -> Ruleset:
    """Load and merge the rulesets named on the command line (default: ``default``)."""
    merged = Ruleset(name="+".join(specs or ["default"]))
    named: dict[str, str] = {}
    for spec in specs or ["default"]:  # a ruleset named twice ("default" and "rules/default.toml") is loaded once
        named.setdefault(str(resolve(spec).resolve()), spec)
    specs = list(named.values())
    bases = {spec: _bases(spec) for spec in specs}
    for spec in specs:
        if any(str(resolve(spec).resolve()) in bases[other] for other in specs if other != spec):
            continue  # "default" beside a ruleset that extends it: that ruleset holds it already, as it sets it
        loaded = load_ruleset(spec)
        merged.cases += [case for case in loaded.cases if case not in merged.cases]
        for rule in loaded.rules:
            _add(merged, rule, str(resolve(spec)), None, None)
    return merged


def _bases(spec: str) -> set[str]:
    """The files a ruleset extends, directly or through another; unreadable ones are left to load_ruleset to say."""
    seen: set[str] = set()
    todo = [resolve(spec)]
    while todo:
        path = todo.pop()
        try:
            extends = toml_loads(path.read_text(encoding="utf-8")).get("extends", [])
        except (OSError, UnicodeDecodeError, TOMLDecodeError, RulesetError):
            continue
        for base in extends if isinstance(extends, list) else []:
            if isinstance(base, str):
                try:
                    found = resolve(str(path.parent / base) if base.endswith(".toml") and not Path(base).is_absolute() else base)
                except RulesetError:
                    continue
                if str(found.resolve()) not in seen:
                    seen.add(str(found.resolve()))
                    todo.append(found)
    return seen


def _add(ruleset: Ruleset, rule: Rule, path: str, text: str | None, block) -> None:
    for existing in ruleset.rules:
        if existing.code == rule.code or existing.name == rule.name:
            clash = "code" if existing.code == rule.code else "name"
            line = _line_of(text, block, clash) if text else None
            raise RulesetError(f"ruleset-duplicate-{clash}", path=path, line=line, rule=_describe(rule.spec.model_dump(), 0),
                               code=existing.code, name=existing.name, source=existing.source)
    ruleset.rules.append(rule)


def load_ruleset(spec: str, _chain: tuple[str, ...] = ()) -> Ruleset:
    path = resolve(spec)
    key = str(path.resolve())
    if key in _chain:
        raise RulesetError("ruleset-extends-cycle", path=str(path), chain=" -> ".join(Path(p).name for p in (*_chain, key)))
    shown = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise RulesetError("ruleset-not-utf8", path=shown, byte=error.start) from None
    except OSError as error:
        raise RulesetError("ruleset-unreadable", path=shown, reason=error.strerror or error) from None
    try:
        data = toml_loads(text)
    except TOMLDecodeError as error:
        raise toml_error(error, shown, RulesetError) from None

    unknown = sorted(set(data) - TOP_LEVEL_KEYS)
    if unknown:
        raise RulesetError("ruleset-unknown-top", path=shown, line=_line_of(text, None, unknown[0]), key=unknown[0],
                           known=", ".join(sorted(TOP_LEVEL_KEYS)))
    extends = data.get("extends", [])
    if not isinstance(extends, list) or not all(isinstance(e, str) for e in extends):
        raise RulesetError("ruleset-extends-list", path=shown, line=_line_of(text, None, "extends"))

    ruleset = Ruleset(name=str(data.get("name", path.stem)))
    for base in extends:
        base_spec = str(path.parent / base) if base.endswith(".toml") and not Path(base).is_absolute() else base
        try:
            inherited = load_ruleset(base_spec, (*_chain, key))
        except RulesetError as error:
            if error.path is not None:
                raise
            raise RulesetError(error.key, path=shown, line=_line_of(text, None, "extends"), **error.values) from None  # an unknown name: said where it is written
        ruleset.cases += inherited.cases
        for rule in inherited.rules:
            _add(ruleset, rule, shown, None, None)
    cases = data.get("cases", [])
    if not isinstance(cases, list) or not all(isinstance(c, str) for c in cases):
        raise RulesetError("ruleset-cases-list", path=shown, line=_line_of(text, None, "cases"))
    ruleset.cases += [str(path.parent / case) for case in cases]

    raw_rules = data.get("rule", [])
    if not raw_rules and not extends:
        raise RulesetError("ruleset-no-rules", path=shown)
    if not isinstance(raw_rules, list):
        raise RulesetError("ruleset-rule-tables", path=shown, line=_line_of(text, None, "rule"))
    blocks = _rule_blocks(text)
    for index, raw in enumerate(raw_rules):
        block = blocks[index] if index < len(blocks) else None
        _add(ruleset, _build_rule(raw, index, shown, text, block), shown, text, block)

    overrides = data.get("rules", {})
    if not isinstance(overrides, dict):
        raise RulesetError("ruleset-overrides-tables", path=shown, line=_line_of(text, None, "rules"))
    for name, change in overrides.items():
        _override(ruleset, name, change, shown, text)
    return ruleset


def _fail(path: str, text: str, block, who: str, key: str, problem: RktError | str) -> RulesetError:
    """A rule error at the line of ``key``; a missing key has no line, so the rule's header stands in."""
    missing = isinstance(problem, RktError) and problem.key == "key-missing"
    line = _line_of(text, block, key) if key and not missing else (block[0] if block else None)
    if key:
        return RulesetError("ruleset-field", path=path, line=line, who=who, key=key, problem=problem)
    return RulesetError("ruleset-rule-problem", path=path, line=line, who=who, problem=problem)


def _pydantic_error(error: ValidationError) -> tuple[str, RktError | str]:
    """The field pydantic refused and why, in the catalog's words."""
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"] if not isinstance(part, int)).replace("pass_", "pass")
    if first["type"] == "missing":
        return key, RktError("key-missing")
    return key, validation_problem(first)


def _case_file(path: str, text: str, block, who: str, name: str) -> Any:
    """A rule's examples kept in a file of their own (``examples = "cases/RKT001.toml"``, beside the
    ruleset): its ``fail`` and ``pass`` lists of plan snippets, as the rule would write them inline.
    The file is data, read as TOML; a missing or broken one is said at the rule's ``examples`` line."""
    found = Path(path).parent / name
    try:
        return toml_loads(found.read_text(encoding="utf-8"))
    except OSError:
        raise _fail(path, text, block, who, "examples", RktError("case-file-missing-at", file=str(found))) from None
    except (UnicodeDecodeError, TOMLDecodeError) as error:
        raise _fail(path, text, block, who, "examples", RktError("case-file-broken", file=str(found), reason=error)) from None


def _build_rule(raw: Any, index: int, path: str, text: str, block, spec: RuleSpec | None = None) -> Rule:
    who = _describe(raw if isinstance(raw, dict) else None, index)
    if spec is None:
        if not isinstance(raw, dict):
            raise _fail(path, text, block, who, "", RktError("expected-table"))
        if isinstance(raw.get("examples"), str):
            raw = {**raw, "examples": _case_file(path, text, block, who, raw["examples"])}
        try:
            spec = RuleSpec.model_validate(raw)
        except ValidationError as error:
            key, message = _pydantic_error(error)
            raise _fail(path, text, block, who, key, message) from None
    kind = CHECKS.get(spec.check)
    if kind is None:
        raise _fail(path, text, block, who, "check", RktError("unknown-check", check=spec.check, known=", ".join(sorted(CHECKS))))
    if spec.visits not in kind.visits:
        visits: RktError | str = RktError("or-list", items=", ".join(kind.visits[:-1]), last=kind.visits[-1]) if len(kind.visits) > 1 \
            else kind.visits[0]
        raise _fail(path, text, block, who, "visits", RktError("wrong-visits", check=spec.check, visits=visits, given=spec.visits))
    if spec.visits == "set" and spec.where != Where():
        raise _fail(path, text, block, who, "where", RktError("set-no-where"))
    try:
        options = kind.options.model_validate(spec.options)
    except ValidationError as error:
        key, message = _pydantic_error(error)
        raise _fail(path, text, block, who, f"options.{key}" if key else "options", message) from None
    allowed = set(SITE_VALUES) | kind.placeholders | set(spec.options)
    for language in ("id", "en"):
        template = getattr(spec.message, language)
        for name in placeholders(template, lambda m: _fail(path, text, block, who, f"message.{language}", m)):
            if name not in allowed:
                raise _fail(path, text, block, who, f"message.{language}", RktError("unknown-placeholder", name=name,
                                                                                    known=", ".join(sorted(allowed))))
    return Rule(spec=spec, kind=kind, options=options, select=compile_where(spec.where, spec.visits),
                source=path, severity=spec.severity, enabled=spec.enabled)


def placeholders(template: str, fail: Callable[[RktError], Exception]) -> list[str]:
    """The ``{name}`` fields of a message; attribute, index, conversion and format specs are refused."""
    names = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise fail(RktError("malformed-template")) from None  # Python's own words name a brace, in English
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not re.fullmatch(r"[a-z_]+", name) or spec or conversion:
            raise fail(RktError("placeholder-plain", placeholder=f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"))
        names.append(name)
    return names


def _override(ruleset: Ruleset, name: str, change: Any, path: str, text: str) -> None:
    where = lambda key=name: _line_of(text, None, key) or _line_of(text, None, name)  # noqa: E731  looked up only for an error
    target = next((i for i, r in enumerate(ruleset.rules) if name in (r.name, r.code)), None)
    if target is None:
        raise RulesetError("ruleset-override-unknown", path=path, line=where(), name=name)
    if not isinstance(change, dict):
        raise RulesetError("ruleset-override-not-table", path=path, line=where(), name=name)
    unknown = sorted(set(change) - OVERRIDE_KEYS)
    if unknown:
        raise RulesetError("ruleset-override-key", path=path, line=where(unknown[0]), name=name, key=unknown[0],
                           known=", ".join(sorted(OVERRIDE_KEYS)))
    if change.keys() == {"enabled"} and isinstance(change["enabled"], bool):  # the common override: nothing to re-validate
        rule = ruleset.rules[target]
        ruleset.rules[target] = replace(rule, spec=rule.spec.model_copy(update={"enabled": change["enabled"]}), enabled=change["enabled"], source=path)
        return
    rule = ruleset.rules[target]
    spec_data = rule.spec.model_dump(by_alias=True)
    if "options" in change:
        if not isinstance(change["options"], dict):
            raise RulesetError("ruleset-override-options", path=path, line=where(), name=name)
        spec_data["options"] = {**spec_data["options"], **change["options"]}
    for key in ("severity", "enabled", "where"):
        if key in change:
            spec_data[key] = change[key]
    try:
        spec = RuleSpec.model_validate(spec_data)
    except ValidationError as error:
        key, message = _pydantic_error(error)
        raise RulesetError("ruleset-override-field", path=path, line=where(key.split(".")[-1]), name=name, key=key, problem=message) from None
    ruleset.rules[target] = _build_rule(spec_data, target, path, text, None, spec=spec)
