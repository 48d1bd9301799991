"""Fuzzing every entry point: the only outcomes are a result or the project's own error.

Bounded by the "ci" hypothesis profile; HYPOTHESIS_PROFILE=heavy runs long.
"""

import contextlib
import io
import math
import os
import shutil

import pytest

from hypothesis import example, given
from hypothesis import strategies as st

from rkt_rules.rules.checks import CHECKS, Site
from rkt_rules.cli import main
from rkt_rules.rules.engine import Engine
from rkt_rules.errors import PlanError, RulesetError
from rkt_rules.rules.examples import example_plan
from rkt_rules.model import Plan
from rkt_rules.read.toml_plan import read_toml
from rkt_rules.rules.ruleset import load_rulesets
from tests.conftest import ROOT
from tests.strategies import plans

RULES = load_rulesets(["default"]).enabled()
ENGINE = Engine(RULES, "en")

TOML_PIECES = st.sampled_from([
    "[[document]]", "[[document.goal]]", "[[document.goal.indicator]]", "[document.signature]", "[[suppress]]",
    'unit = "KPU KOTA X"', 'unit = "SEKRETARIAT KPU KOTA X"', "fiscal_year = 2023", 'number = "1"', "number = 2", 'text = "Persentase A"',
    'target = "100%"', 'target = "B"', "date = 2023-01-10", 'role = "Ketua KPU Kota X"', 'supports = ["1.1"]', "schema_version = 1",
    'rule = "RKT001"', 'reason = "alasan yang cukup"', 'kind = "other"', "extra = { Satuan = \"%\" }", "x = [", "= 3", "",
])


@given(st.lists(st.one_of(TOML_PIECES, st.text(max_size=20)), max_size=20))
def test_toml_plan_reader_gives_a_plan_or_our_error(lines):
    try:
        plan = read_toml("\n".join(lines), "fuzz.toml")
    except PlanError as error:
        assert error.path == "fuzz.toml"
    else:
        assert isinstance(plan, Plan)
        ENGINE.check(plan)


RULE_PIECES = st.sampled_from([
    "[[rule]]", 'code = "XX001"', 'name = "x-rule"', 'summary.id = "a"', 'summary.en = "b"', 'visits = "indicator"', 'visits = "plan"',
    'check = "range"', 'check = "one_of"', 'check = "pattern"', "options = { min = 0, max = 1 }", 'options = { field = "grade", values = ["A"] }',
    'options = { regex = "(a+)+" }', 'options = { regex = "[" }', 'severity = "error"', 'message.id = "{target}"', 'message.en = "{nope}"',
    'why.id = "c"', 'why.en = "d"', 'reference = "r"', 'examples.fail = ["1\\tG\\tI\\t1"]', 'examples.pass = ["1\\tG\\tI\\t1"]',
    'extends = ["default"]', "[rules.grade-scale]", 'severity = "info"', "enabled = false", 'where = { target = "grade" }', "cases = 3", "",
])


@given(st.lists(st.one_of(RULE_PIECES, st.text(max_size=15)), max_size=25))
def test_rule_loader_gives_rules_or_our_error(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("rules") / "fuzz.toml"
    path.write_bytes("\n".join(lines).encode("utf-8", "replace"))
    try:
        ruleset = load_rulesets([str(path)])
    except RulesetError as error:
        assert "\n" not in error.one_line()
    else:
        Engine(ruleset.enabled(), "id").check(example_plan("1\tSosialisasi\tPersentase X\t120%\n\t\tNilai\tF"))


@given(plans)
def test_engine_on_any_plan_gives_findings_in_both_languages(plan):
    for lang in ("id", "en"):
        for finding in Engine(RULES, lang).check(plan):
            assert finding.message and finding.code.startswith("RKT")


ARGS = st.sampled_from(["check", "parse", "rules", "explain", "diff", "report", "plans", "plans/kpu-kota-pontianak-2023.txt", "missing.txt",
                        "--format", "json", "sarif", "nope", "--fail-on", "warning", "bogus", "--lang", "en", "xx", "--rules", "sakip",
                        "--jobs", "0", "-1", "--max-rows", "5", "--output", "/dev/null", "--explain", "--baseline", "test", "lint", "RKT001", "--", ""])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A folder with the plans the arguments name: an --output word lands here, not in the checkout."""
    folder = tmp_path_factory.mktemp("argv")
    shutil.copytree(ROOT / "plans", folder / "plans")
    return folder


@given(argv=st.lists(ARGS, max_size=7))
def test_any_command_line_exits_0_1_or_2_without_a_traceback(scratch, argv):
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(scratch)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit_:  # --help and --version exit through argparse
                code = exit_.code
    finally:
        os.chdir(here)
    assert code in (0, 1, 2), (argv, code, err.getvalue())
    assert "Traceback" not in err.getvalue()
    if code == 2 and err.getvalue():  # one line per unreadable file, each of them ours
        assert all(line.startswith(("rkt-rules: galat: ", "rkt-rules: error: ")) for line in err.getvalue().splitlines())


def _brute_force_duplicates(site, threshold):
    from rkt_rules.rules.checks import indicator_sites
    from rkt_rules.rules.checks.alignment import breakdown, normal_text
    from rkt_rules.read.textnorm import content_words, unit_words

    sites = indicator_sites(site.plan, site.document)
    texts = [content_words(s.indicator.text, unit_words(site.document.unit)) for s in sites]
    found = []
    for later, earlier in ((i, j) for i in range(len(sites)) for j in range(i)):
        if any(f[0] == later for f in found):
            continue
        same = normal_text(sites[later].indicator.text) == normal_text(sites[earlier].indicator.text)
        a, b = texts[later], texts[earlier]
        score = 1.0 if same else (2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0)
        if score >= threshold and (same or not breakdown(sites[later].indicator.text, sites[earlier].indicator.text)):
            found.append((later, earlier))
    return sorted((sites[l].goal.number, sites[l].position, sites[e].goal.number) for l, e in found)


WORDS = ["layanan", "data", "pemilih", "hukum", "informasi", "publik", "anggaran", "logistik", "keamanan", "aman", "tepat", "waktu",
         "perempuan", "pemula", "kecamatan"]  # the last three make breakdowns (per group, per place), which are no duplicates


@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), min_size=2, max_size=12), st.sampled_from([0.5, 0.8, 0.9]))
def test_prefix_filtered_duplicate_search_equals_brute_force(texts, threshold):
    rows = "\n".join(f"{i}\tG{i}\tPersentase {' '.join(words)}\t100%" for i, words in enumerate(texts, start=1))
    plan = example_plan(rows)
    site = Site(plan, plan.documents[0])
    options = CHECKS["unique"].options.model_validate({"threshold": threshold})
    fast = sorted((h.site.goal.number, h.site.position, h.data["other_goal"]) for h in CHECKS["unique"].function([site], options))
    assert fast == _brute_force_duplicates(site, threshold)


def _two_documents(kpu_texts, secretariat_texts):
    def document(unit, texts):
        rows = "\n".join(f"{i}\tG{i}\tPersentase {' '.join(words)}\t100%" for i, words in enumerate(texts, start=1))
        return f"Nama/Unit Organisasi : {unit}\nNo\tSasaran\tIndikator Kinerja\tTarget\n{rows}\n"

    from rkt_rules.read.text import read_text

    return read_text(document("KPU KOTA X", kpu_texts) + "\n" + document("SEKRETARIAT KPU KOTA X", secretariat_texts), "t.txt")


def _brute_force_matches(plan):
    """Every parent against every child, as matching did before candidates were indexed."""
    from rkt_rules.rules.checks import indicator_sites
    from rkt_rules.read.textnorm import rarity_weights, stems, unit_words

    parent_doc, child_doc = plan.documents
    ignore = unit_words(parent_doc.unit) | unit_words(child_doc.unit)
    parents, children = indicator_sites(plan, parent_doc), indicator_sites(plan, child_doc)
    parent_stems = [stems(s.indicator.text, ignore) for s in parents]
    child_stems = [stems(s.indicator.text, ignore) for s in children]
    weights = rarity_weights(parent_stems + child_stems)
    result = []
    for site, mine in zip(parents, parent_stems):
        # fsum: the exact sum, correctly rounded, so two equal sets score the same whatever
        # order they iterate in (with sum, a tie could break on the last bit)
        total = math.fsum(weights[w] for w in mine)
        best, best_score = None, 0.0
        for candidate, theirs in zip(children, child_stems):
            shared = mine & theirs
            if shared:
                score = 2 * math.fsum(weights[w] for w in shared) / (total + math.fsum(weights[w] for w in theirs))
                if score > best_score:
                    best, best_score = candidate, score
        result.append((site.position, best.position if best else None, best.goal.number if best else None, round(best_score, 3)))
    return result


TEXTS = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), min_size=1, max_size=10)


@given(TEXTS, TEXTS)
# Two children with equal stem sets: a tie that plain sum() once broke on the last bit
@example([["layanan"]] * 4 + [["data", "keamanan", "data", "waktu", "data"]],
         [["layanan"]] * 3 + [["keamanan"]] * 2 + [["data", "keamanan", "data", "waktu", "data"], ["data", "keamanan", "waktu"], ["keamanan"]])
def test_indexed_similarity_matching_equals_scoring_every_pair(kpu_texts, secretariat_texts):
    from rkt_rules.rules.checks.alignment import matches

    plan = _two_documents(kpu_texts, secretariat_texts)
    parent, child = (Site(plan, document) for document in plan.documents)
    found = [(m.parent.position, m.child.position if m.child else None, m.child.goal.number if m.child else None, m.score)
             for m in matches(parent, child, mode="similar")]
    assert found == _brute_force_matches(plan)


_OFFICE: dict = {}


def _office_bytes(kind: str) -> bytes:
    if not _OFFICE:
        from rkt_rules.read import read_plan
        from tests.office_builders import build_docx, build_pdf, build_xlsx

        seed = read_plan("plans/kpu-kota-pontianak-2023.txt")
        _OFFICE.update(docx=build_docx(seed), xlsx=build_xlsx(seed), pdf=build_pdf(seed))
    return _OFFICE[kind]


@given(st.sampled_from(["docx", "xlsx", "pdf"]), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8), st.floats(0.05, 1))
def test_office_readers_on_corrupted_bytes_give_a_plan_or_our_error(tmp_path_factory, kind, flips, keep):
    data = bytearray(_office_bytes(kind))
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = bytes(data[: max(8, int(len(data) * keep))])
    path = tmp_path_factory.mktemp("office") / f"fuzz.{kind}"
    path.write_bytes(data)
    from rkt_rules.read import read_plan

    try:
        plan = read_plan(path)
    except PlanError as error:
        assert error.path == str(path) and "\n" not in error.one_line()
    else:
        ENGINE.check(plan)
