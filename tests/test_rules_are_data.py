"""No rule file can reach Python: no eval/exec/import driven by rule text, and
the only names a rule can use come from closed tables."""

import ast
from pathlib import Path

import pytest

from rkt_rules.rules.checks import CHECKS
from rkt_rules.rules.checks.fields import FIELDS

PACKAGE = Path(__file__).resolve().parent.parent / "rkt_rules"
BUILTINS = {"eval", "exec", "compile", "__import__", "setattr", "delattr"}
# A computed getattr or an import by name is allowed only where the name comes
# from our own literals or a Literal-validated option, never from rule text.
ALLOWED = {
    ("rules/checks/fields.py", "getattr"),           # _signature/_target: names are literals in FIELDS
    ("rules/checks/document.py", "getattr"),         # signature parts: a Literal-validated tuple
    ("rules/checks/structure.py", "getattr"),        # count: `of` is Literal["indicators", "goals", "documents"]
    ("rules/ruleset.py", "getattr"),                 # message language: the literal tuple ("id", "en")
    ("report/formats/__init__.py", "import_module"),  # the format table, keyed by our own names
    ("report/formats/__init__.py", "getattr"),
    ("__init__.py", "import_module"),          # the public API's lazy names, from its own closed table _WHERE
    ("__init__.py", "getattr"),
}


def calls(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in BUILTINS:
            yield func.id, node.lineno
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name == "getattr" and not (len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
            yield name, node.lineno
        if name == "import_module":
            yield name, node.lineno


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_dynamic_code_in_the_package(path):
    relative = str(path.relative_to(PACKAGE))
    found = [(name, line) for name, line in calls(path) if (relative, name) not in ALLOWED]
    assert not found, f"{relative} calls {found}"


def test_fields_and_checks_are_closed_tables():
    assert all(not name.startswith("_") for name in FIELDS)
    assert all(not name.startswith("_") for name in CHECKS)


def test_format_table_cannot_be_reached_from_rules():
    from rkt_rules.rules.ruleset import RuleSpec

    assert "format" not in RuleSpec.model_fields and "module" not in RuleSpec.model_fields
