"""Precision and recall of the default ruleset against the defects a SAKIP reviewer wrote, and nothing else.

    python benchmarks/reviewer/run.py                    # per document, the figures, what was missed
    python benchmarks/reviewer/run.py --quiet            # the figures only
    python benchmarks/reviewer/run.py --expected PATH    # another EXPECTED.json (its files beside it)

The documents and the defects are ../shared/real-documents/EXPECTED.json's (tests/real_documents' copy
when the shared folder is not there): documents of other offices, each with the defects a reviewer
wrote, read blind of this tool. No verdict here is ours: a finding agrees when the place a defect
names (its ``where``) holds the goal or indicator the finding is about, or, for a finding about a whole
document (its signature block, its date), when the place is the signature block or its date; any other
warning or error is a false alarm. Precision counts warnings and errors (what gates CI and what a reviewer is asked to
act on); recall counts the written defects reported at any severity. Reports (LKj, evaluasi Renja)
are refused, so their defects count as missed: the tool does not check reports yet.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rkt_rules.errors import RktError  # noqa: E402
from rkt_rules.read import read_plan  # noqa: E402
from rkt_rules.rules.engine import Engine  # noqa: E402
from rkt_rules.rules.ruleset import load_rulesets  # noqa: E402

SHARED = ROOT.parent / "shared" / "real-documents" / "EXPECTED.json"
BUNDLED = ROOT / "tests" / "real_documents" / "EXPECTED.json"
WORD = re.compile(r"[0-9a-z]+")
TARGETS = {"precision": 0.90, "recall": 0.60}  # issue 24's goals on documents nobody here has seen
NAMES = 0.7  # the share of a goal's or indicator's words a defect's ``where`` must hold to name it


def words(text: str | None) -> set[str]:
    return set(WORD.findall((text or "").lower().replace("prosentase", "persentase")))


ELIDED = re.compile(r"\s*(?:…|\.\.\.)\s*")
# A defect about the signature block or its date: what a finding about a whole document (who signed, when,
# the block's parts) is about, since it names no goal or indicator.
SIGNING = re.compile(r"\b(?:signature|signed|signer|tanda tangan|ditandatangani|date|dated|tanggal|nip|pihak)\b", re.IGNORECASE)


# A defect about the document as a whole: every indicator of it, or the whole document.
WHOLE = re.compile(r"\b(?:every|all|each)\s+(?:indicators?|rows?|targets?)\b|\bthe whole document\b", re.IGNORECASE)


def about_signing(defect: dict) -> bool:
    """The defect's place is a signature block or its date, or the document as a whole (every indicator,
    the whole document): what a finding about a document, naming no goal or indicator, can name."""
    where = defect.get("where", "")
    return SIGNING.search(where) is not None or WHOLE.search(where) is not None


QUOTED = re.compile(r'"([^"]{8,})"|\u201c([^\u201d]{8,})\u201d')


def names(where: str, subject: str, unit: str = "") -> bool:
    """The defect's place names the finding's goal or indicator: most of its words are there, or the
    place quotes its opening and elides the rest (``Penurunan Turn-Around Time (TRT) … (60 Menit)``).
    The words of the document's own unit are left out of the count: a reviewer shortens the unit's name
    ("… belanja anggaran Ditjen Hubla" for "… Direktorat Jenderal Perhubungan Laut")."""
    mine = words(subject) - words(unit) or words(subject)
    if bool(mine) and len(mine & words(where)) / len(mine) >= NAMES:
        return True
    quoted = ELIDED.split(where.strip().strip("'\""), 1)
    opening = WORD.findall(quoted[0].lower()) if len(quoted) == 2 else []
    return len(opening) >= 3 and WORD.findall((subject or "").lower())[: len(opening)] == opening


def opens(quote: str, subject: str) -> bool:
    """A name quoted in double quotes is the opening of the subject's (three words or more): a reviewer
    quotes an indicator by its start ("Nilai BMN pada neraca" for "Nilai BMN pada neraca Direktorat …")."""
    mine = WORD.findall(quote.lower())
    return len(mine) >= 3 and WORD.findall((subject or "").lower())[: len(mine)] == mine


def cites_target(where: str, target: object) -> bool:
    """The defect's place quotes the finding's target cell as written ('8,675%'): a reviewer names a row by its
    value. Only a distinctive value (a digit, five characters or more), never a common one such as '100%'."""
    raw = str(target or "").strip()
    return len(raw) >= 5 and any(ch.isdigit() for ch in raw) and f"'{raw}'" in where


def quoted(why: str) -> list[str]:
    """Names a defect quotes in double quotes, in its place or its explanation ('nine "Jumlah kebutuhan
    tenaga …" indicators', 'the same goes for "Nilai BMN pada neraca"'): the reviewer names those too."""
    return [a or b for a, b in QUOTED.findall(why)]


def subject(plan, finding) -> str:
    """What a finding is about, as text: its indicator, its goal, or nothing (a document or the plan)."""
    if finding.subject:
        return finding.subject
    for document in plan.documents:
        if document.unit != finding.location.unit:
            continue
        for goal in document.goals:
            if finding.location.goal is not None and goal.number == finding.location.goal:
                return goal.text
    return ""


def score(entries: list[dict], folder: Path) -> dict:
    """Per document and in all: warnings and errors that name a written defect, defects named by any finding."""
    engine = Engine(load_rulesets(["default"]).enabled(), "en")
    documents, gating, agreed, defects, found = [], 0, 0, 0, 0
    rules: dict[str, list[int]] = {}  # code → [warnings and errors, of them agreeing]
    for entry in entries:
        written = entry.get("defects") or []
        reached = [False] * len(written)
        row = {"file": entry["file"], "defects": len(written), "gating": 0, "agreed": 0, "false": [], "refused": None}
        try:
            plan = read_plan(folder / entry["file"])
        except RktError as error:
            row["refused"] = error.one_line("en")[:100]
            plan = None
        for finding in sorted(engine.check(plan), key=lambda f: f.sort_key()) if plan is not None else []:
            about = subject(plan, finding)
            whole = not about and finding.location.goal is None and finding.location.indicator is None
            if whole:
                hits = [i for i, defect in enumerate(written) if about_signing(defect)]
            else:
                unit = finding.location.unit or ""
                hits = [i for i, defect in enumerate(written) if names(defect.get("where", ""), about, unit)
                        or any(names(quote, about, unit) or opens(quote, about)
                                for quote in quoted(defect.get("where", "") + " " + defect.get("why", "")))
                        or cites_target(defect.get("where", ""), finding.evidence.get("target"))]
            for i in hits:
                reached[i] = True
            if finding.severity in ("warning", "error"):
                row["gating"] += 1
                row["agreed"] += bool(hits)
                tally = rules.setdefault(finding.code, [0, 0])
                tally[0] += 1
                tally[1] += bool(hits)
                if not hits:
                    row["false"].append(f"{finding.code} {finding.message[:90]}")
        row["found"] = sum(reached)
        row["missed"] = [defect.get("where", "")[:90] for defect, hit in zip(written, reached) if not hit]
        documents.append(row)
        gating, agreed = gating + row["gating"], agreed + row["agreed"]
        defects, found = defects + len(written), found + row["found"]
    return {"documents": documents, "rules": dict(sorted(rules.items())), "gating": gating, "agreed": agreed, "defects": defects, "found": found,
            "precision": agreed / gating if gating else 1.0, "recall": found / defects if defects else 1.0}


def main(argv: list[str]) -> int:
    expected = Path(argv[argv.index("--expected") + 1]) if "--expected" in argv else (SHARED if SHARED.exists() else BUNDLED)
    result = score(json.loads(expected.read_text(encoding="utf-8")), expected.parent)
    if "--quiet" not in argv:
        for row in result["documents"]:
            state = f"refused: {row['refused']}" if row["refused"] else f"{row['agreed']}/{row['gating']} warnings and errors agree"
            print(f"{row['file']:<52} defects {row['found']}/{row['defects']} reported; {state}")
            for line in row["false"][:5]:
                print(f"    false alarm: {line}")
            for where in row["missed"][:5]:
                print(f"    missed: {where}")
        print("per rule (warnings and errors that name a written defect):",
              ", ".join(f"{code} {agree}/{total}" for code, (total, agree) in result["rules"].items()))
    print(f"precision {result['precision']:.0%} ({result['agreed']} of {result['gating']} warnings and errors name a written defect), "
          f"recall {result['recall']:.0%} ({result['found']} of {result['defects']} written defects reported) "
          f"[{expected}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
