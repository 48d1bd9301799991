"""The hand-written floor: the five core checks as one plain Python function.

Two forms, both written without rule objects or dispatch:
- ``check_neutral`` on the neutral JSON the peers read (the end-to-end floor:
  ``python benchmarks/floor.py DIR_OR_FILE OUT.jsonl``);
- ``check_model`` on rkt-rules' own parsed Plan (the rule-evaluation floor).
Each returns findings as [code, document index, goal number, indicator position].
"""

from __future__ import annotations

import json
import os
import sys

GRADES = frozenset("ABCDE")


def check_neutral(plan: dict) -> list:
    out, kpu, secretariat = [], {}, []
    for di, document in enumerate(plan["documents"]):
        is_secretariat = document["unit"].startswith("SEKRETARIAT")
        if not document["signatory"]["role"].startswith("Sekretaris" if is_secretariat else "Ketua"):
            out.append(["RKT004", di, None, None])
        for goal in document["goals"]:
            number = str(goal["no"])
            if not goal["indicators"]:
                out.append(["RKT001", di, number, None])
            for position, indicator in enumerate(goal["indicators"], start=1):
                target = indicator["target"]
                unit, value = target["unit"], target["value"]
                if unit == "percent" and value is not None and not 0 <= value <= 100:
                    out.append(["RKT002", di, number, position])
                elif unit == "grade" and target["grade"] not in GRADES:
                    out.append(["RKT003", di, number, position])
                if value is not None:
                    key = (indicator["text"].lower(), unit)
                    if is_secretariat:
                        secretariat.append((di, number, position, key, value))
                    else:
                        kpu.setdefault(key, value)
    for di, number, position, key, value in secretariat:
        if key in kpu and value < kpu[key]:
            out.append(["RKT006", di, number, position])
    return out


def check_model(plan) -> list:
    out, kpu, secretariat = [], {}, []
    for di, document in enumerate(plan.documents):
        is_secretariat = document.kind == "secretariat"
        role = document.signature.role if document.signature else ""
        if not (role or "").startswith("Sekretaris" if is_secretariat else "Ketua"):
            out.append(["RKT004", di, None, None])
        for goal in document.goals:
            if not goal.indicators:
                out.append(["RKT001", di, goal.number, None])
            for position, indicator in enumerate(goal.indicators, start=1):
                target = indicator.target
                if target.kind == "percent" and not 0 <= target.value <= 100:
                    out.append(["RKT002", di, goal.number, position])
                elif target.kind == "grade" and target.grade not in GRADES:
                    out.append(["RKT003", di, goal.number, position])
                if target.value is not None:
                    key = (" ".join(indicator.text.casefold().split()), target.unit)
                    if is_secretariat:
                        secretariat.append((di, goal.number, position, key, target.value))
                    else:
                        kpu.setdefault(key, target.value)
    for di, number, position, key, value in secretariat:
        if key in kpu and value < kpu[key]:
            out.append(["RKT006", di, number, position])
    return out


def main(source: str, output: str) -> None:
    folder = os.path.join(source, "json") if os.path.isdir(os.path.join(source, "json")) else source
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".json")) if os.path.isdir(folder) else [source]
    with open(output, "w") as out:
        for path in files:
            with open(path, "rb") as handle:
                plan = json.load(handle)
            out.write(json.dumps({"file": os.path.basename(path)[:-5], "findings": check_neutral(plan)}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
