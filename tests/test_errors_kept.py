"""Errors the product must not swallow: each says what happened and keeps the run's outcome."""

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEED


def run_into_closed_pipe(*args):
    """stdout is a pipe whose reader has already gone: every write fails with EPIPE."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "rkt_rules", *args], stdout=write, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    finally:
        os.close(write)


@pytest.mark.parametrize("fail_on, code", [("warning", 1), ("never", 0)])
def test_a_closed_stdout_keeps_the_exit_code_of_the_check(fail_on, code):
    result = run_into_closed_pipe("check", SEED, "--fail-on", fail_on)
    assert result.returncode == code
    assert result.stderr == ""


def test_a_closed_stdout_keeps_the_exit_code_of_an_unreadable_file(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run_into_closed_pipe("check", SEED, str(tmp_path / "empty.txt"), "--fail-on", "never")
    assert result.returncode == 2
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr


def test_a_closed_stdout_keeps_the_exit_code_of_a_diff(tmp_path):
    worse = tmp_path / "worse.txt"
    worse.write_text((ROOT / SEED).read_text(encoding="utf-8").replace("\t100%", "\t180%", 1), encoding="utf-8")
    result = run_into_closed_pipe("diff", SEED, str(worse), "--fail-on", "error")
    assert result.returncode == 1 and result.stderr == ""


def _seed_with(tmp_path, line_number: int, insert: bytes):
    lines = (ROOT / SEED).read_bytes().split(b"\n")
    lines[line_number - 1] += insert
    path = tmp_path / "damaged.txt"
    path.write_bytes(b"\n".join(lines))
    return path


def _findings(path):
    import json

    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(path), "--format", "json", "--fail-on", "never"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return [(f["rule"], f["location"]["line"], f["message"]) for f in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_one_bad_byte_in_utf8_keeps_the_rest_as_written_and_names_its_line(tmp_path, bom):
    """Before: the whole file was re-read as cp1252 (`≥` became `â‰¥`) without a word,
    or, after a BOM, refused outright."""
    clean = _seed_with(tmp_path, 6, " \u2265 80%".encode())
    expected = _findings(clean)
    damaged = _seed_with(tmp_path, 6, " \u2265 80%".encode() + b" \xff")
    damaged.write_bytes(bom + damaged.read_bytes())
    from rkt_rules.read import read_plan

    plan = read_plan(damaged)
    assert [(d.line, d.problem, d.text) for d in plan.diagnostics] == [(6, "bytes not valid UTF-8", "KOTA PONTIANAK \u2265 80% \ufffd")]
    found = _findings(damaged)
    problem = [f for f in found if f[0] == "parse-problem"]
    assert problem == [("parse-problem", 6, "Bagian sumber tidak terbaca (byte yang bukan UTF-8; baris itu dibaca sebagai UTF-8 dan tiap byte itu "
                                            "ditampilkan sebagai \ufffd): KOTA PONTIANAK \u2265 80% \ufffd")]
    assert [f for f in found if f[0] != "parse-problem"] == expected


def test_a_file_in_a_code_page_is_still_read_as_one(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("No\tSasaran\tIndikator Kinerja\tTarget\n1\tTerwujudnya layanan \u201cprima\u201d\tPersentase layanan\t100%\n".encode("cp1252"))
    from rkt_rules.read import read_plan

    plan = read_plan(path)
    assert plan.diagnostics == ()
    assert plan.documents[0].goals[0].text == "Terwujudnya layanan \u201cprima\u201d"


NEEDS_PINT = "tests/real_documents/kemenhub-rkt-2013.txt"  # words beyond the committed unit table


def _check_with(setup: str):
    code = f"import sys, pathlib\n{setup}\nfrom rkt_rules.cli import main\nraise SystemExit(main(['check', '{NEEDS_PINT}', '--lang', 'en']))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


def test_the_document_needs_pint_beyond_the_committed_table():
    """The two tests below mean something only if this document makes pint parse."""
    result = _check_with("import rkt_rules.read.units as u\ndef refuse(): raise SystemExit(99)\nu.registry = refuse")
    assert result.returncode == 99


def test_a_broken_units_definition_stops_the_run_instead_of_making_every_unit_unknown(tmp_path):
    """Before: the registry was built inside the "not a unit" except, so every word pint
    was asked about became "unknown unit" and the check exited 0."""
    (tmp_path / "units.txt").write_text("this is = = broken [[[\n")
    (tmp_path / "units_table.json").write_bytes((ROOT / "rkt_rules" / "read" / "units_table.json").read_bytes())
    result = _check_with(f"import rkt_rules.read.units as u\nu.HERE = pathlib.Path({str(tmp_path)!r})")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"rkt-rules: error: {tmp_path / 'units.txt'}: the unit definitions cannot be loaded (")


def test_pint_missing_stops_the_run_with_one_line():
    result = _check_with("sys.modules['pint'] = None")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("rkt-rules: error: pint is not installed")


def _two_offices(child_unit: str):
    from tests.engine_helpers import plan_from

    return plan_from(
        "**RENCANA KINERJA TAHUNAN (RKT) TAHUN 2024**\nNama/Unit Organisasi\n: KPU KOTA CONTOH\n"
        "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n1\tTerwujudnya penyelesaian sengketa\tPersentase sengketa hukum yang dimenangkan\t100%\n\n"
        f"**RENCANA KINERJA TAHUNAN (RKT) TAHUN 2024**\nNama/Unit Organisasi\n: {child_unit}\n"
        "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n1\tTerwujudnya dukungan hukum\tPersentase sengketa hukum yang dimenangkan\t80%\n")


def test_a_commission_and_a_secretariat_of_different_offices_are_not_compared_and_it_is_said():
    """Before: each alone, they were paired anyway, and the other office's 80% was a finding."""
    from tests.engine_helpers import findings_for

    found = [(f.rule, f.message) for f in findings_for(_two_offices("SEKRETARIAT KPU KABUPATEN LAIN")) if f.rule.startswith("secretariat") or f.rule.startswith("aligned")]
    assert found == [("secretariat-comparable", "The SEKRETARIAT KPU KABUPATEN LAIN document is not compared with the KPU KOTA CONTOH document: "
                      "they are documents of different offices; their alignment (RKT005, RKT006) is not checked")]
    same = [f.rule for f in findings_for(_two_offices("SEKRETARIAT KPU KOTA CONTOH"))]
    assert "aligned-target-consistent" in same and "secretariat-comparable" not in same


def test_alignment_above_the_pair_limit_says_it_was_not_compared(monkeypatch):
    """Before: above MAX_PAIRS the matching returned nothing, and no finding said so."""
    from rkt_rules.rules.checks import alignment
    from tests.engine_helpers import findings_for, seed

    monkeypatch.setattr(alignment, "MAX_PAIRS", 100)
    found = findings_for(seed())
    refused = [f.message for f in found if f.rule == "secretariat-comparable"]
    assert refused == ["The SEKRETARIAT KPU KOTA PONTIANAK document is not compared with the KPU KOTA PONTIANAK document: "
                       "too many indicator pairs to compare (168, the limit is 100); their alignment (RKT005, RKT006) is not checked"]
    assert not [f for f in found if f.rule in ("secretariat-supports-kpu", "aligned-target-consistent")]
