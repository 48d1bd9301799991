"""Plans in the JSON of ``parse --format json`` (issue 26): read back to the same plan, checked to the
same findings, targets given as written read as the text reader reads them, every fault one line
naming the file, and a folder of plans takes a plan's JSON but not a baseline or a report beside it."""

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from rkt_rules.errors import PlanError
from rkt_rules.read import plan_files, read_data, read_plan
from rkt_rules.read.targets import read_cell
from rkt_rules.report.serialize import plan_to_json
from tests.engine_helpers import findings_for
from tests.strategies import TARGETS, plans

SEED = "plans/kpu-kota-pontianak-2023.txt"


@settings(max_examples=40, deadline=None)
@given(plans)
def test_a_plans_json_reads_back_to_the_same_plan(plan):
    back = read_data(plan_to_json(plan).encode(), "plan.json")
    assert back == plan.model_copy(update={"path": "plan.json"})


def test_the_seed_checked_from_its_json_gives_the_same_findings():
    plan = read_plan(SEED)
    back = read_data(plan_to_json(plan).encode(), SEED)
    assert findings_for(back) == findings_for(plan)
    assert len(findings_for(plan)) > 10


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TARGETS), st.sampled_from(["Persentase layanan tepat waktu", "Jumlah rumah layak huni", "Nilai SAKIP"]))
def test_a_target_given_as_written_reads_as_a_target_cell(raw, text):
    data = {"documents": [{"goals": [{"number": "1", "text": "Meningkatnya layanan",
                                      "indicators": [{"text": text, "target": raw, "targets": {"2025": raw}}]}]}]}
    indicator = read_data(json.dumps(data).encode(), "portal.json").documents[0].goals[0].indicators[0]
    assert indicator.target == read_cell(raw, text)
    assert indicator.targets == {"2025": read_cell(raw, text)}


@pytest.mark.parametrize("content, line, words", [
    ('{"documents": [\n{"goals": [}', 2, "invalid JSON"),
    ('{"dokumen": []}', None, "holds no plan"),
    ('[1, 2]', None, "holds no plan"),
    ('{"documents": [{"goals": [{"numbr": "1", "text": "A"}]}]}', None, "documents.0.goals.0"),
    ('{"documents": [{"goals": [{"number": "1", "text": "A", "indicators": [{"text": "X", "target": 5}]}]}]}', None, "target"),
    ('{"documents": ' + "[" * 5000 + "]" * 5000 + "}", None, "JSON"),
])
def test_a_faulty_json_plan_is_one_line_naming_the_file(content, line, words):
    with pytest.raises(PlanError) as caught:
        read_data(content.encode(), "bad.json")
    message = caught.value.one_line("en")
    assert message.startswith("bad.json" + (f":{line}" if line else "") + ": ") and words in message
    assert "\n" not in message


def test_the_cli_says_one_line_and_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"documents": [{"goals": [{"number": "1"}]}]}', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(bad)], capture_output=True, text=True)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and f"{bad}: documents.0.goals.0.text" in run.stderr


def test_a_folder_of_plans_takes_a_plans_json_and_leaves_other_json(tmp_path):
    (tmp_path / "rkt.json").write_text(plan_to_json(read_plan(SEED)), encoding="utf-8")
    (tmp_path / "portal.json").write_text('\ufeff {"documents": []}', encoding="utf-8")
    (tmp_path / "baseline.json").write_text('{"schema_version": 2, "tool": "rkt-rules", "entries": []}', encoding="utf-8")
    (tmp_path / "report.json").write_text('{\n  "schema_version": 1,\n  "tool": {"name": "rkt-rules"},\n  "findings": []}', encoding="utf-8")
    assert [p.rsplit("/", 1)[1] for p in plan_files(tmp_path)] == ["portal.json", "rkt.json"]
