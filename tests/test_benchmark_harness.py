"""The benchmark tells the truth: its corpus's findings are what the core ruleset
reports, a stale cached corpus is refused, and a failed run fails the benchmark."""

import json
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import run as bench  # noqa: E402


def test_the_core_ruleset_finds_exactly_the_generated_faults(tmp_path):
    """Before: grade-scale judged "Nilai … laporan keuangan: B" as a BPK opinion, and the
    benchmark reported 72 grade findings for 36 in its manifest."""
    folder = bench.corpus(tmp_path, 200)
    out = tmp_path / "ours.json"
    bench.timed([*bench.CHECK, str(folder / "txt"), "--rules", bench.CORE, "--format", "json", "--output", str(out), "--jobs", "1"])
    manifest = json.loads((folder / "manifest.json").read_text())
    assert bench.verify_check_json(str(out), manifest) == (True, manifest["total"])


def test_a_report_that_checked_fewer_files_does_not_verify(tmp_path):
    folder = bench.corpus(tmp_path, 20)
    manifest = json.loads((folder / "manifest.json").read_text())
    out = tmp_path / "some.json"
    bench.timed([*bench.CHECK, *sorted(str(p) for p in (folder / "txt").iterdir())[:19], "--rules", bench.CORE, "--format", "json", "--output", str(out)])
    assert bench.verify_check_json(str(out), manifest)[0] is False


def test_a_cached_corpus_from_another_generator_is_made_again(tmp_path, capsys):
    folder = bench.corpus(tmp_path, 20)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["generator"] = "0" * 16
    (folder / "manifest.json").write_text(json.dumps(manifest))
    again = bench.corpus(tmp_path, 20)
    assert "its generator differ" in capsys.readouterr().err
    assert json.loads((again / "manifest.json").read_text())["generator"] != "0" * 16


def test_a_run_with_an_unexpected_exit_code_fails_instead_of_being_timed():
    with pytest.raises(bench.RunFailed, match="exited 2, not 0"):
        bench.timed([*bench.CHECK, "no-such-plan.txt"])


def test_whole_run_memory_counts_the_helpers(tmp_path):
    folder = bench.corpus(tmp_path, 200)
    one = bench.whole_run([*bench.CHECK, str(folder / "txt"), "--jobs", "1", "--format", "json", "--output", str(tmp_path / "a.json")], every=0.005)
    two = bench.whole_run([*bench.CHECK, str(folder / "txt"), "--jobs", "2", "--format", "json", "--output", str(tmp_path / "b.json")], every=0.005)
    assert one["processes"] == 1 and two["processes"] == 3  # with --jobs 2: this process and two workers
    assert one["peak_pss_mb"] > 10 and two["peak_pss_mb"] > 10


def test_the_core_ruleset_runs_the_five_peer_checks_and_nothing_else():
    """core.toml switches off every other rule of the default ruleset: a rule added to the default must be
    switched off here too, or the benchmark times more work than the peers do (it once ran 10 rules)."""
    from rkt_rules.rules.ruleset import load_rulesets

    core = load_rulesets([str(ROOT / "benchmarks" / "core.toml")]).enabled()
    assert sorted(rule.code for rule in core) == ["RKT001", "RKT002", "RKT003", "RKT004", "RKT006"]


def test_the_reading_benchmark_times_each_pdf_and_shows_the_rows_it_read(tmp_path, capsys):
    """Pages per second that could hide a loss would lie: each PDF's rows read are printed beside its time."""
    import reading

    folder = ROOT / "tests" / "real_documents"
    assert reading.main([str(folder)]) == 0
    out = capsys.readouterr().out
    expected = {entry["file"]: len(entry["rows"]) for entry in json.loads((folder / "EXPECTED.json").read_text(encoding="utf-8"))}
    pdfs = sorted(path.name for path in folder.glob("*.pdf"))
    assert pdfs
    for name in pdfs:
        line = next(line for line in out.splitlines() if line.startswith(name))
        assert line.split()[-1] == str(expected[name])  # every row of the document, as its reviewer lists them
    assert "PDFs with a text layer:" in out and "pages/s" in out
