"""Every report format: golden files on fixed findings, structural validation,
escaping of hostile plan text, byte-for-byte determinism."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from rkt_rules.rules.ruleset import load_rulesets
from rkt_rules.api import Settings, check_files
from rkt_rules.config import ProjectConfig
from rkt_rules.report.formats import FORMATS, render
from tests.strategies import plans
from tests.conftest import ROOT, SEED, seed_findings

SARIF_SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"  # the official schema, copied from shared/schemas
HOSTILE = "tests/plans/hostile.toml"
REPORT_SUFFIXES = (".html", ".json", ".md", ".xlsx")  # what `rkt-rules report` writes into reports/


def report_for(path, lang="id", config=None, fail_on="error"):
    settings = Settings(None, lang, fail_on, None, config or ProjectConfig(), 1)
    report, errors = check_files([path], settings, with_plans=True, today=dt.date(2023, 1, 1))  # golden files: one fixed day
    assert not errors
    return report


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("plan", [SEED, HOSTILE], ids=["seed", "hostile"])
def test_golden(golden, name, plan):
    output = render(report_for(plan), name)
    stem, suffix = Path(plan).stem, FORMATS[name].suffix
    if plan == SEED and suffix in REPORT_SUFFIXES:  # the bundled reports are the seed's golden files for these formats
        bundled = Path("reports") / f"{stem}{suffix}"
        expected = bundled.read_bytes() if isinstance(output, bytes) else bundled.read_text(encoding="utf-8")
        assert output == expected, f"{bundled} is stale: run `make reports` and review the diff"
    else:
        golden(f"formats/{stem}{suffix}", output)


def _rendered_in_a_fresh_process(name: str, hash_seed: str) -> bytes:
    code = ("import sys, datetime as dt; from tests.test_formats import report_for; from rkt_rules.report.formats import render; "
            f"out = render(report_for({SEED!r}), {name!r}); sys.stdout.buffer.write(out if isinstance(out, bytes) else out.encode())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": hash_seed})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_same_input_same_bytes_whatever_the_hash_seed(name):
    """Two processes, two hash seeds: set order cannot leak into any format."""
    first = _rendered_in_a_fresh_process(name, "1")
    assert first and first == _rendered_in_a_fresh_process(name, "4242")


def test_sarif_names_a_file_it_could_not_read_and_the_run_is_unsuccessful(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(ROOT / SEED), str(tmp_path / "empty.txt"), "--format", "sarif"],
                            capture_output=True, text=True, cwd=ROOT)
    log = json.loads(result.stdout)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("empty.txt")
            for n in invocation["toolExecutionNotifications"]] == [True]
    assert log["runs"][0]["results"]  # the readable plan's results are all there


def test_junit_holds_only_what_the_strict_schema_allows_and_an_unreadable_plan_is_an_error(tmp_path):
    """Jenkins xUnit's junit-10.xsd: testsuites may carry name, time, tests, failures, disabled, errors;
    a testsuite needs name and tests, and may carry failures, errors, skipped (among others)."""
    (tmp_path / "empty.txt").write_text("")
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(ROOT / SEED), str(tmp_path / "empty.txt"), "--format", "junit"],
                            capture_output=True, text=True, cwd=ROOT)
    root = ET.fromstring(result.stdout)
    assert set(root.attrib) <= {"name", "time", "tests", "failures", "disabled", "errors"}
    suites = list(root.iter("testsuite"))
    allowed = {"name", "tests", "failures", "errors", "time", "disabled", "skipped", "timestamp", "hostname", "id", "package", "file"}
    assert suites and all({"name", "tests", "errors"} <= set(s.attrib) <= allowed for s in suites)
    errors = [case for case in root.iter("testcase") if case.find("error") is not None]
    assert len(errors) == 1 and root.get("errors") == "1" and "empty.txt" in errors[0].get("classname")


def test_sarif_is_valid_against_the_official_schema():
    schema = json.loads(SARIF_SCHEMA.read_text())
    for plan in (SEED, HOSTILE):
        log = json.loads(render(report_for(plan), "sarif"))
        jsonschema.validate(log, schema)
    log = json.loads(render(report_for(SEED), "sarif"))
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"RKT001", "RKT017"}
    result = next(r for r in run["results"] if r["ruleId"] == "RKT006")
    assert result["level"] == "warning" and result["locations"][0]["physicalLocation"]["region"] == {"startLine": 69}
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "RKT006"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["help"]["text"]


def test_junit_has_a_case_per_rule_per_document_and_fails_at_fail_on():
    root = ET.fromstring(render(report_for(SEED, fail_on="warning"), "junit"))
    suites = root.findall("testsuite")
    rules = len(load_rulesets(["default"]).rules)
    assert len(suites) == 2 and all(len(s.findall("testcase")) == rules for s in suites)
    secretariat = suites[1]
    failed = sorted(c.get("name") for c in secretariat.findall("testcase") if c.find("failure") is not None)
    warned = sorted({f"{f['code']} {f['rule']}" for f in seed_findings()
                     if f["severity"] != "info" and f["location"]["unit"] == "SEKRETARIAT KPU KOTA PONTIANAK"})
    assert failed == warned  # a case per rule fails when any of its findings reaches --fail-on
    failing_cases = len({(f["location"]["unit"], f["code"]) for f in seed_findings() if f["severity"] != "info"})
    assert root.get("failures") == str(failing_cases) and root.get("tests") == str(2 * rules)
    assert ET.fromstring(render(report_for(SEED), "junit")).get("failures") == "0"


def test_hostile_text_stays_text_in_html_markdown_github():
    report = report_for(HOSTILE)
    html = render(report, "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<b>CONTOH</b>" not in html and "<i>miring</i>" not in html
    markdown = render(report, "markdown")
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert "\\| layanan \\`kode\\`" in markdown and "\\[tautan\\]" in markdown
    github = render(report, "github")
    lines = github.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1]) and not lines[-1].startswith("::")
    assert len(lines) - 1 == len(report.findings)
    assert "layanan %250A%0A::error file=x::injected" in github  # the newline and a literal %0A stay inside one annotation


def test_hostile_text_is_plain_strings_in_xlsx_never_formulas():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render(report_for(HOSTILE), "xlsx")))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    formula_like = [c for c in cells if c.value.startswith(("=", "+", "-", "@"))]
    assert any(c.value.startswith("=HYPERLINK") for c in formula_like)
    assert all(c.data_type == "s" for c in formula_like)
    assert not any("\x07" in c.value for c in cells)
    script = [c for c in cells if "<script>alert('x')</script>" in c.value]
    assert script and all(c.data_type == "s" for c in script)


def test_xlsx_has_an_overview_and_a_sheet_per_document_with_a_row_per_indicator():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render(report_for(SEED), "xlsx")))
    assert book.sheetnames == ["Temuan", "Ringkasan", "RKT 2023 KPU KOTA PONTIANAK", "RKT 2023 SEKRETARIAT KPU KOTA P"]
    secretariat = book["RKT 2023 SEKRETARIAT KPU KOTA P"]
    rows = [r for r in secretariat.iter_rows(min_row=4, values_only=True) if r[2]]
    assert len(rows) == 28
    row18 = next(r for r in rows if r[0] == "18")
    assert row18[3] == "89%" and row18[4] == "peringatan" and "RKT006" in row18[5]


def test_html_lang_and_structure():
    english = render(report_for(SEED, lang="en"), "html")
    assert '<html lang="en">' in english and "Performance plan table" in english
    indonesian = render(report_for(SEED), "html")
    assert '<html lang="id">' in indonesian and "Tabel rencana kinerja" in indonesian
    worst = {}
    for f in seed_findings():
        if f["location"]["goal"]:  # a goal's finding colours its first row, an indicator's its own
            key = (f["location"]["unit"], f["location"]["goal"], f["location"]["indicator"] or 1)
            worst[key] = min(worst.get(key, f["severity"]), f["severity"], key=["error", "warning", "info"].index)
    assert indonesian.count('<tr class="warning">') == sum(s == "warning" for s in worst.values()) and "<svg" in indonesian
    assert "http" not in indonesian.split("<body>")[0].replace("http-equiv", "")  # nothing loaded from outside


def test_report_json_matches_its_committed_schema():
    schema = json.loads(Path("schemas/report.schema.json").read_text())
    for plan in (SEED, HOSTILE):
        jsonschema.validate(json.loads(render(report_for(plan), "json")), schema)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_lists_suppressed_findings_apart(name):
    from rkt_rules.config import ProjectConfig

    config = ProjectConfig(suppress=[{"rule": "RKT006", "reason": "Target disepakati bersama KPU (notulen 12/2023)"}])
    report = report_for(SEED, config=config)
    assert len(report.suppressed) == 1 and "aligned-target-consistent" not in [f.rule for f in report.findings]
    output = render(report, name)
    if name == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(output))
        assert "Dikecualikan" in book.sheetnames
        assert book["Dikecualikan"]["B1"].value == "Target disepakati bersama KPU (notulen 12/2023)"
    elif name == "github":
        assert "1 dikecualikan" in output and "::warning file=plans/kpu-kota-pontianak-2023.txt,line=69" not in output
    elif name == "junit":
        root = ET.fromstring(output)
        case = [c for c in root.iter("testcase") if c.get("name") == "RKT006 aligned-target-consistent"][1]
        assert case.find("skipped").get("message") == "suppressed: Target disepakati bersama KPU (notulen 12/2023)"
    elif name == "sarif":  # no result: code scanning ignores suppressions and would show it as an open alert
        run = json.loads(output)["runs"][0]
        assert not [r for r in run["results"] if "suppressions" in r or r["ruleId"] == "RKT006"]
        assert [r["suppressions"][0]["justification"] for r in run["properties"]["accepted"]] == ["Target disepakati bersama KPU (notulen 12/2023)"]
    else:
        assert "Target disepakati bersama KPU" in output


@settings(max_examples=40, deadline=None)
@given(plans, st.lists(st.tuples(st.integers(0, 7), st.integers(0, 4), st.sampled_from(["error", "warning", "info"])), max_size=30))
def test_findings_land_on_their_rows_as_the_plain_definition_says(plan, places):
    """The reports place each finding on its goal's and indicator's row in one pass over the findings (a long
    plan was quadratic); the result is the plain definition's: goal-level ones on the goal's first row."""
    from rkt_rules.findings import Finding, Location
    from rkt_rules.report.formats.common import DocumentView

    document = plan.documents[0]
    findings = [Finding("RKT001", "r", severity, "m", Location(plan.path, None, document.unit, str(goal) if goal else None, indicator or None))
                for goal, indicator, severity in places]
    view = DocumentView(plan.path, document, findings, [])
    expected = []
    for goal in document.goals:
        level = [f for f in findings if f.location.goal == goal.number and not f.location.indicator]
        if not goal.indicators:
            expected.append(level)
        for position, _ in enumerate(goal.indicators, start=1):
            own = [f for f in findings if f.location.goal == goal.number and f.location.indicator == position]
            expected.append((level if position == 1 else []) + own)
    assert [row.findings for row in view.rows] == expected
    assert view.by_goal() == [(g.number, g.text, [f for f in findings if f.location.goal == g.number]) for g in document.goals
                              if any(f.location.goal == g.number for f in findings)]


def test_github_annotates_ten_of_each_kind_and_logs_the_rest_as_plain_lines_that_start_no_command():
    import dataclasses

    report = report_for(HOSTILE)
    hostile = next(f for f in report.findings if "\n" in f.message)
    many = [dataclasses.replace(hostile, severity="warning")] * 13 + [dataclasses.replace(hostile, severity="error")] * 3
    lines = render(dataclasses.replace(report, findings=many), "github").splitlines()
    assert sum(line.startswith("::warning ") for line in lines) == 10 and sum(line.startswith("::error ") for line in lines) == 3
    plain = [line for line in lines if line.startswith(hostile.location.path)]
    assert len(plain) == 3 and not any(line.lstrip().startswith("::") for line in lines if not line.startswith(("::warning ", "::error ")))
    assert "3 temuan lagi tidak dijadikan anotasi" in lines[-2]


@pytest.mark.parametrize("lang, words", [("id", "halaman 2 (OCR), tabel 1, baris 4"), ("en", "page 2 (OCR), table 1, row 4")])
def test_a_location_in_an_office_file_is_said_in_the_readers_language(lang, words):
    """The readers write one notation (JSON keeps it, the stable form); what a reader reads says it in the
    report's language: the text lines, the worksheet, Markdown and SARIF's logical location."""
    import json

    from openpyxl import load_workbook

    from rkt_rules.findings import Finding, Location, Report
    from rkt_rules.report.formats import render

    from rkt_rules.read.text import read_text

    plan = read_text("RENCANA KINERJA TAHUNAN 2024\nUnit Kerja : DINAS X\n\nNo\tSasaran\tIndikator\tTarget\n"
                     "1\tMeningkatnya mutu\tPersentase layanan\t90%\n", "pk.pdf")
    cell = "page 2 (OCR), table 1, row 4"
    report = Report([Finding("RKT001", "r", "warning", "m", Location("pk.pdf", None, "DINAS X", "1", 1, cell))], 1, lang=lang,
                    plans={"pk.pdf": plan})
    assert f"pk.pdf [{words}]" in render(report, "text")
    assert words in render(report, "markdown")
    sarif = json.loads(render(report, "sarif"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].endswith(words)
    sheet = load_workbook(io.BytesIO(render(report, "xlsx"))).worksheets[0]
    assert any(words in str(value) for row in sheet.iter_rows(values_only=True) for value in row if value)
    assert json.loads(render(report, "json"))["findings"][0]["location"]["cell"] == cell  # the stable form
