"""Plan → JSON, the contract of ``rkt-rules parse --format json`` (DESIGN.md)."""

from __future__ import annotations

import json

from ..model import Plan


def plan_to_dict(plan: Plan) -> dict:
    return plan.model_dump(mode="json")


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2) + "\n"


READING = ("line", "cell", "evidence", "stated_years")  # where things were found, and how: not what the plan says


def without_locations(plan: Plan) -> dict:
    """The plan's content without its locations (path, lines, office cells) and the
    reader's evidence (which label or title gave the unit, every year stated):
    what two formats of the same plan must agree on."""
    data = plan_to_dict(plan)
    data.pop("path", None)

    def strip(node):
        if isinstance(node, dict):
            return {key: strip(value) for key, value in node.items() if key not in READING}
        if isinstance(node, list):
            return [strip(item) for item in node]
        return node

    return strip(data)
