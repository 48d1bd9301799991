"""The reviewer's workflow: a worksheet to send out and take back, report names that never
collide, no binary on a terminal, folders that hold other files, and the same bytes
whatever the hash seed."""

import json
import os
import shutil
import subprocess
import sys

from openpyxl import load_workbook

from rkt_rules.cli import main
from tests.conftest import ROOT, SEED, seed_findings


def run(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def temuan(path):
    sheet = load_workbook(path)["Temuan"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[:2] == ["No", "Kode"])
    return sheet, rows[header], [row for row in rows[header + 1:] if row[0] is not None]


def test_worksheet_has_a_row_per_finding_with_columns_for_the_unit(tmp_path):
    assert run("report", SEED, "--output-dir", str(tmp_path), "--fail-on", "never").returncode == 0
    sheet, header, rows = temuan(tmp_path / "kpu-kota-pontianak-2023.xlsx")
    assert header == ["No", "Kode", "Aturan", "Tingkat", "Dokumen", "Sasaran", "Indikator", "Target", "Temuan", "Dasar",
                      "Kriteria LKE", "Tanggapan", "Tindak lanjut", "Status", "Kunci"]
    assert len(rows) == len(seed_findings())
    sengketa = next(row for row in rows if row[1] == "RKT006")
    assert (sengketa[3], sengketa[7], sengketa[10], sengketa[13]) == ("peringatan", "89%", "1.b.8, 1.b.9", "Terbuka")
    assert sengketa[5].startswith("18. Terlaksananya penyelesaian sengketa")
    assert sheet.auto_filter.ref.startswith("A6:") and sheet.freeze_panes == "A7"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$6:$6"
    assert sheet.column_dimensions["O"].hidden  # the key column
    statuses = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert statuses and statuses[0].formula1 == '"Terbuka,Ditindaklanjuti,Selesai,Tidak disetujui"'
    summary = [[c.value for c in row] for row in load_workbook(tmp_path / "kpu-kota-pontianak-2023.xlsx")["Ringkasan"].iter_rows()]
    assert ["Kriteria LKE", "galat", "peringatan", "info", "Jumlah"] in summary
    assert any(row[0] == "1.b.8" for row in summary)


def test_the_worksheet_round_trip_carries_answers_and_lists_what_was_resolved(tmp_path):
    plan = tmp_path / "plan.txt"
    shutil.copy(ROOT / SEED, plan)
    sent = tmp_path / "sent"
    run("report", str(plan), "--output-dir", str(sent), "--fail-on", "never")
    book = load_workbook(sent / "plan.xlsx")
    sheet = book["Temuan"]
    for row in sheet.iter_rows(min_row=7):
        if row[1].value == "RKT006":
            row[11].value, row[12].value, row[13].value = "Target disepakati dengan KPU.", "Direvisi di PK", "Ditindaklanjuti"
        if row[1].value == "RKT008":
            row[11].value, row[13].value = "Satuan diperbaiki menjadi persen.", "Selesai"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    before = filled.read_bytes()
    plan.write_text(plan.read_text(encoding="utf-8").replace("oleh KPU Kota Pontianak\t6 Kec", "oleh KPU Kota Pontianak\t100%"), encoding="utf-8")
    plan.write_text(plan.read_text(encoding="utf-8").replace("\n1\tTerwujudnya Dukungan", "\n\n\n1\tTerwujudnya Dukungan"), encoding="utf-8")
    back = tmp_path / "back"
    assert run("report", str(plan), "--output-dir", str(back), "--responses", str(filled), "--fail-on", "never").returncode == 0
    assert filled.read_bytes() == before  # the returned workbook is only read
    _, _, rows = temuan(back / "plan.xlsx")
    sengketa = next(row for row in rows if row[1] == "RKT006")
    assert sengketa[11:14] == ["Target disepakati dengan KPU.", "Direvisi di PK", "Ditindaklanjuti"]
    assert all(row[1] != "RKT008" for row in rows)
    resolved = [[c.value for c in row] for row in load_workbook(back / "plan.xlsx")["Selesai"].iter_rows(min_row=4)]
    assert [(row[0], row[2], row[4]) for row in resolved] == [("RKT008", "Satuan diperbaiki menjadi persen.", "Selesai")]


def _returned(tmp_path, change):
    sent = tmp_path / "sent"
    run("report", SEED, "--output-dir", str(sent), "--fail-on", "never")
    book = load_workbook(sent / "kpu-kota-pontianak-2023.xlsx")
    change(book["Temuan"])
    returned = tmp_path / "returned.xlsx"
    book.save(returned)
    return run("report", SEED, "--output-dir", str(tmp_path / "back"), "--responses", str(returned), "--fail-on", "never")


def test_a_worksheet_whose_answer_columns_were_renamed_is_refused_not_emptied(tmp_path):
    def rename(sheet):
        for cell in sheet[6]:
            if cell.value in ("Tanggapan", "Tindak lanjut", "Status"):
                cell.value = f"{cell.value} unit"
        sheet.cell(7, 12).value = "Jawaban yang tidak boleh hilang"

    result = _returned(tmp_path, rename)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Tanggapan" in result.stderr, result.stderr
    assert not (tmp_path / "back").exists()


def test_an_answer_that_is_a_formula_never_computed_is_refused_naming_its_cell(tmp_path):
    def formula(sheet):
        sheet.cell(7, 12).value = '=CONCAT("Sudah ", "diperbaiki")'  # openpyxl saves formulas without a cached value

    result = _returned(tmp_path, formula)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Temuan!L7" in result.stderr, result.stderr


def test_a_foreign_workbook_is_one_line_and_exit_2(tmp_path):
    foreign = tmp_path / "other.xlsx"
    shutil.copy(ROOT / "tests" / "real_documents" / "deliserdang-bappedalitbang-evaluasi-renja-2025.xlsx", foreign)
    result = run("report", SEED, "--output-dir", str(tmp_path / "out"), "--responses", str(foreign))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "bukan lembar kerja rkt-rules" in result.stderr


def test_two_plans_of_one_name_get_reports_of_their_own_and_an_index(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(ROOT / SEED, tmp_path / folder / "plan.txt")
    (tmp_path / "b" / "plan.txt").write_text((ROOT / SEED).read_text(encoding="utf-8").replace("\t89%", "\t100%"), encoding="utf-8")
    result = run("report", str(tmp_path / "a" / "plan.txt"), str(tmp_path / "b" / "plan.txt"), "--output-dir", str(tmp_path / "out"), "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["a/plan.html", "a/plan.json", "a/plan.md", "a/plan.xlsx", "b/plan.html", "b/plan.json", "b/plan.md", "b/plan.xlsx", "index.html"]
    a, b = (json.loads((tmp_path / "out" / x / "plan.json").read_text()) for x in "ab")
    assert a["summary"]["warning"] == b["summary"]["warning"] + 1  # b's own report, not a's written twice
    index = (tmp_path / "out" / "index.html").read_text()
    assert 'href="a/plan.html"' in index and 'href="b/plan.html"' in index and '<html lang="id">' in index


def test_a_binary_format_is_never_written_to_a_terminal(monkeypatch, capsys, tmp_path):
    from rkt_rules.cli import commands

    monkeypatch.setattr(commands, "_terminal", lambda: True)
    assert main(["check", SEED, "--format", "xlsx"]) == 2
    err = capsys.readouterr().err
    assert err == "rkt-rules: galat: xlsx adalah format biner: sebutkan berkas dengan --output (atau alirkan keluarannya)\n"
    monkeypatch.setattr(commands, "_terminal", lambda: False)
    out = tmp_path / "r.xlsx"
    assert main(["check", SEED, "--format", "xlsx", "--output", str(out)]) == 0 and out.read_bytes()[:2] == b"PK"


def test_a_folder_with_other_files_checks_the_plans_and_skips_the_rest(tmp_path):
    shutil.copy(ROOT / SEED, tmp_path / "plan.txt")
    (tmp_path / "notes.txt").write_text("Catatan rapat, bukan rencana.\n", encoding="utf-8")
    shutil.copy(ROOT / "tests" / "real_documents" / "deliserdang-bappedalitbang-evaluasi-renja-2025.xlsx", tmp_path / "lkj.xlsx")
    result = run("check", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all("dilewati" in line for line in lines)
    summary = json.loads(result.stdout)["summary"]
    assert (summary["files"], summary["skipped"], summary["unreadable"]) == (1, 2, 0)
    assert "1 berkas; 2 dilewati, 0 tidak terbaca" in run("check", str(tmp_path)).stdout


def test_a_folder_of_nothing_checkable_and_a_named_non_plan_exit_2(tmp_path):
    (tmp_path / "notes.txt").write_text("Catatan rapat, bukan rencana.\n", encoding="utf-8")
    assert run("check", str(tmp_path)).returncode == 2
    named = run("check", str(tmp_path / "notes.txt"))
    assert named.returncode == 2 and "galat" in named.stderr


def test_findings_are_the_same_bytes_whatever_the_hash_seed_and_jobs(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write_corpus

    write_corpus(40, tmp_path / "corpus")
    outputs = set()
    for seed, jobs in (("1", "1"), ("2", "2"), ("3", "1")):
        result = run("check", str(tmp_path / "corpus" / "txt"), "--format", "json", "--jobs", jobs, env={"PYTHONHASHSEED": seed})
        assert result.returncode in (0, 1), result.stderr
        outputs.add((result.returncode, result.stdout))
    assert len(outputs) == 1 and json.loads(next(iter(outputs))[1])["summary"]["files"] == 40
