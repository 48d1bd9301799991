"""rkt-rules: compliance checks for Indonesian government performance plans
(RKT, PK, IKU, Renja, Renstra).

Data flows one way: source file → reader → Plan → engine (with a ruleset) →
Report → formatter. The public API, documented in docs/api.md:

    import rkt_rules
    plan = rkt_rules.read_plan("plans/kpu-kota-pontianak-2023.txt")
    report = rkt_rules.check([plan], rules=rkt_rules.load_rules("default"), lang="en")
    [(f.code, f.location.line) for f in report.findings]

Names are imported on first use, so that ``rkt-rules --help`` loads neither
pydantic nor pint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "read_plan", "load_rules", "check",
    "Plan", "PlanDocument", "Goal", "Indicator", "Target", "Signature", "Diagnostic",
    "Ruleset", "Rule", "Report", "Finding", "Location",
    "RktError", "PlanError", "RulesetError", "UsageError", "InstallError",
    "__version__",
]

_WHERE = {
    "read_plan": "api", "load_rules": "api", "check": "api",
    "Plan": "model", "PlanDocument": "model", "Goal": "model", "Indicator": "model", "Target": "model",
    "Signature": "model", "Diagnostic": "model",
    "Ruleset": "rules.ruleset", "Rule": "rules.ruleset",
    "Report": "findings", "Finding": "findings", "Location": "findings",
    "RktError": "errors", "PlanError": "errors", "RulesetError": "errors", "UsageError": "errors", "InstallError": "errors",
}

if TYPE_CHECKING:
    from .api import check, load_rules, read_plan
    from .errors import InstallError, PlanError, RktError, RulesetError, UsageError
    from .findings import Finding, Location, Report
    from .model import Diagnostic, Goal, Indicator, Plan, PlanDocument, Signature, Target
    from .rules.ruleset import Rule, Ruleset


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'rkt_rules' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
