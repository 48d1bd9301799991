"""The reviewer benchmark scores findings against the defects a reviewer wrote, and nothing else:
no verdict of ours. A warning that names no written defect lowers precision; a defect no finding
names lowers recall; a report that is refused reports nothing."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("reviewer", ROOT / "benchmarks" / "reviewer" / "run.py")
reviewer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reviewer)
FOLDER = ROOT / "tests" / "real_documents"
ENTRIES = {e["file"]: e for e in json.loads((FOLDER / "EXPECTED.json").read_text(encoding="utf-8"))}
TEXT = ENTRIES["kemenhub-rkt-2013.txt"]


def test_a_finding_agrees_only_where_a_written_defect_names_its_subject():
    result = reviewer.score([TEXT], FOLDER)
    row = result["documents"][0]
    assert row["defects"] == len(TEXT["defects"]) and row["found"] == result["found"]
    assert 0 < result["agreed"] <= result["gating"]


def test_without_the_reviewers_defects_every_warning_is_a_false_alarm_and_nothing_is_found():
    result = reviewer.score([{**TEXT, "defects": []}], FOLDER)
    assert result["agreed"] == 0 and result["gating"] > 0 and result["precision"] == 0.0 and result["defects"] == 0


def test_a_defect_no_finding_names_lowers_recall():
    extra = {**TEXT, "defects": TEXT["defects"] + [{"check": "reviewer", "where": "stempel dinas tidak terbaca pada halaman sampul", "why": "x"}]}
    assert reviewer.score([extra], FOLDER)["recall"] < reviewer.score([TEXT], FOLDER)["recall"]


def test_a_refused_report_reports_nothing_and_its_defects_count_as_missed(tmp_path):
    (tmp_path / "evaluasi.txt").write_text("EVALUASI RENJA TAHUN 2023\nNo\tIndikator\tTarget\tRealisasi\n1\tPersentase X\t90%\t95%\n", encoding="utf-8")
    result = reviewer.score([{"file": "evaluasi.txt", "defects": [{"where": "Persentase X", "why": "capaian salah"}]}], tmp_path)
    assert result["documents"][0]["refused"] and result["found"] == 0 and result["recall"] == 0.0


def test_names_needs_most_of_the_subjects_words():
    assert reviewer.names("'Jumlah dokumen regulasi kesehatan' (2 Dokumen)", "Jumlah dokumen regulasi kesehatan")
    assert not reviewer.names("Nilai SAKIP", "Persentase layanan publik")
    assert not reviewer.names("anything", "")


def test_a_place_that_quotes_the_opening_and_elides_the_rest_names_it():
    subject = "Penurunan Turn-Around Time (TRT) di pelabuhan yang diusahakan"
    assert reviewer.names("Penurunan Turn-Around Time (TRT) … (60 Menit)", subject)
    assert reviewer.names("'Penurunan Turn-Around Time ...' (60 Menit)", subject)
    assert not reviewer.names("Penurunan … (60 Menit)", subject)  # too short an opening to name anything
    assert not reviewer.names("Peningkatan Turn-Around Time … (60 Menit)", subject)


def test_a_finding_about_a_whole_document_names_a_defect_about_its_signature_block_only():
    assert reviewer.about_signing({"where": 'signature date "Bandung, Juni 2017" (both blocks)'})
    assert reviewer.about_signing({"where": "lampiran signature: 'NIP. 19670720 199903 1 0005'"})
    assert not reviewer.about_signing({"where": "Program/Anggaran list"})
    assert not reviewer.about_signing({"where": "Jumlah dokumen perencanaan"})


def test_a_reviewer_who_shortens_the_units_name_still_names_the_indicator():
    subject = "Jumlah realisasi belanja anggaran Direktorat Jenderal Perhubungan Laut"
    unit = "DIREKTORAT JENDERAL PERHUBUNGAN LAUT"
    assert reviewer.names("Jumlah realisasi belanja anggaran Ditjen Hubla (Rp 9,6 T)", subject, unit)
    assert not reviewer.names("Jumlah realisasi belanja anggaran Ditjen Hubla (Rp 9,6 T)", subject)
    assert not reviewer.names("Jumlah kapal patroli", subject, unit)  # the unit's words alone name nothing
    assert not reviewer.names("Direktorat Jenderal Perhubungan Laut", "Jumlah kapal patroli Direktorat Jenderal Perhubungan Laut", unit)


def test_an_indicator_quoted_in_the_explanation_is_named_too():
    assert reviewer.quoted('budget absorption is an input (the same goes for "Nilai BMN pada neraca")') == ["Nilai BMN pada neraca"]
    assert reviewer.quoted("worded as an activity ('Penataan ...')") == []  # single quotes are words cited, not names


def test_a_name_quoted_in_the_defects_place_names_the_indicators_it_opens(tmp_path):
    (tmp_path / "rkt.txt").write_text("No\tSasaran\tIndikator Kinerja\tTarget\n"
                                      "1\tMeningkatnya kualitas SDM pelayaran\tJumlah kebutuhan tenaga penyelam\t20 Orang\n"
                                      "\t\tJumlah kebutuhan tenaga pemadam kebakaran\t20 Orang\n", encoding="utf-8")
    defect = {"where": 'goal 1, two "Jumlah kebutuhan tenaga …" indicators', "why": "needs, not quality achieved"}
    result = reviewer.score([{"file": "rkt.txt", "defects": [defect]}], tmp_path)
    assert result["found"] == 1 and result["agreed"] == result["gating"] == 2
    assert reviewer.score([{"file": "rkt.txt", "defects": [{**defect, "where": "goal 1, two indicators"}]}], tmp_path)["found"] == 0


def test_a_quoted_name_names_the_subject_it_opens_and_no_other():
    assert reviewer.opens("Nilai BMN pada neraca", "Nilai BMN pada neraca Direktorat Jenderal Perhubungan Laut")
    assert not reviewer.opens("Nilai BMN pada neraca", "Nilai BMN yang diinventarisasi")
    assert not reviewer.opens("Nilai BMN", "Nilai BMN pada neraca")  # two words name too little


def test_a_defect_about_every_indicator_or_the_whole_document_is_a_documents():
    assert reviewer.about_signing({"where": "every indicator"}) and reviewer.about_signing({"where": "the whole document"})
    assert not reviewer.about_signing({"where": "indicator 3 of goal 2"})


def test_a_place_quoting_a_distinctive_target_names_the_finding_about_it():
    assert reviewer.cites_target("'8,675%', '9,184' (percentage indicators)", "8,675%")
    assert not reviewer.cites_target("targets '100%' everywhere", "100%")  # too common a value to name a row
    assert not reviewer.cites_target("'8,675%'", None) and not reviewer.cites_target("'8,675%'", "9,184")
