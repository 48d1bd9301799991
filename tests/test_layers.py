"""The package's imports point one way, down the steps a plan goes through:
source file → read → sets → rules → report → the library → the two doors (cli, web).
Each part may import only parts of a layer below its own; no cycle between parts."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rkt_rules"

# Bottom first. A part imports only parts of earlier layers (never one of its own layer or a later one).
LAYERS = [
    {"tomlread", "model", "findings"},    # plain data: the plan model, findings, TOML reading
    {"locale", "vocabulary"},             # words: message catalogs, layout and word classes
    {"errors"},                           # every public error, worded from the catalog
    {"suppressions"},                     # [[suppress]] tables, as plans and configs write them
    {"read"},                             # source files → blocks → the one recogniser → Plan
    {"sets"},                             # plan sets across files, the unit hierarchy
    {"rules", "config"},                  # rulesets, the engine, check kinds; the project's settings
    {"report"},                           # findings out: formats, worksheet, plans written back, output files
    {"cache"},                            # each file's result kept for the next run
    {"batch"},                            # many files in worker processes
    {"api"},                              # the library: read_plan, load_rules, check
    {"diff"},                             # two versions of a plan, checked and compared
    {"web"},                              # the reviewer's page and its API
    {"cli"},                              # the command line (its `serve` starts the page)
]
LAYER_OF = {part: index for index, layer in enumerate(LAYERS) for part in layer}


def _part(module: str) -> str:
    """``rkt_rules.read.text`` → ``readers``: the part of the package a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Every module of the package → the package modules it imports, at any depth of its code."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.startswith("rkt_rules"):
                    found.add(target)
                    found.update(f"{target}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("rkt_rules"))
    return {name: {t for t in targets if t in graph} for name, targets in graph.items()}


def part_graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, targets in imports().items():
        # Every module imports the package's __init__ anyway (for __version__): that façade is no layer.
        edges.setdefault(_part(module), set()).update(_part(t) for t in targets if _part(t) not in (_part(module), "__init__"))
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle in the graph, or None."""
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt]
            if not state.get(nxt):
                found = visit(nxt, trail + [nxt])
                if found:
                    return found
        state[node] = 2
        return None

    for start in sorted(edges):
        if not state.get(start):
            found = visit(start, [start])
            if found:
                return found
    return None


def test_the_walker_sees_the_imports_it_must():
    edges = part_graph()
    assert "read" in edges["cli"] and "api" in edges["cli"]
    assert "api" in edges["diff"] and "findings" in edges["api"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_every_part_has_its_layer():
    parts = {_part(module) for module in imports()} - {"__init__", "__main__"}
    assert parts == set(LAYER_OF), "a new part of the package: give it a layer in LAYERS"


def test_no_import_cycle_between_the_parts_of_the_package():
    """Before: diff imported commands, which imports diff."""
    assert cycle(part_graph()) is None


@pytest.mark.parametrize("part", sorted(LAYER_OF))
def test_parts_import_only_lower_layers(part):
    upward = {target for target in part_graph().get(part, set()) if LAYER_OF.get(target, -1) >= LAYER_OF[part]}
    assert not upward, f"{part} imports {sorted(upward)}, which are not below it"


def test_an_upward_import_is_caught():
    edges = {"read": {"rules"}}
    assert any(LAYER_OF[t] >= LAYER_OF[p] for p, targets in edges.items() for t in targets)


def test_the_architecture_map_lists_the_layers_in_their_order():
    """docs/architecture.md draws the layers top down: the same parts, in the reverse of LAYERS, each box's
    parts named before its '·' (``rules + config``)."""
    import re

    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    boxes = re.findall(r'^\s+(\w+)\["([^"·]+)·', text, re.M)
    drawn = [set(label.replace("+", " ").split()) for _, label in boxes]
    assert drawn == list(reversed(LAYERS))
    arrows = re.findall(r"^\s+(\w+)\[[^\]]*\] --> (\w+)$", text, re.M)
    order = [node for node, _ in boxes]
    assert arrows == list(zip(order, order[1:]))  # each box points at the one below it, and only at it
