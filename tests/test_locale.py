"""The message catalogs: both languages say the same things, and Indonesian output is Indonesian."""

import re
import string
import subprocess
import sys

from rkt_rules.locale import catalog
from tests.conftest import SEED


def _fields(value):
    if isinstance(value, list):
        return [_fields(v) for v in value]
    named = {name for _, name, _, _ in string.Formatter().parse(value) if name}
    return named | set(re.findall(r"%\((\w+)\)|%s", value))


def test_both_catalogs_have_the_same_keys_and_placeholders():
    ids, ens = catalog("id"), catalog("en")
    assert ids.keys() == ens.keys()
    for section in ens:
        assert ids[section].keys() == ens[section].keys(), section
        for key in ens[section]:
            assert _fields(ids[section][key]) == _fields(ens[section][key]), (section, key)


ENGLISH = re.compile(r"\b(error|warning|warnings|findings|finding|file|files|usage|options|choose|unknown|could not|"
                     r"not|no such|the|is|and|of)\b", re.IGNORECASE)


def _english_words(text: str) -> list[str]:
    """English words outside rule slugs (kebab-case), codes, paths and plan text in quotes."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\{[^}]*\}", "", text)  # quoted plan text and values, {choices} a user types
    text = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", "", text)           # rule names
    text = re.sub(r"\S+\.(txt|toml|pdf|docx|xlsx)\b\S*", "", text)  # file names
    return ENGLISH.findall(text)


def test_default_output_has_no_english_outside_slugs_and_file_names():
    outputs = [
        subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True)
        for args in (["check", SEED], ["check", "missing.txt"], ["check", SEED, "--format", "blah"], ["check", SEED, "--fail-on", "x"],
                     ["--help"], ["check", "--help"], ["rules"], ["explain", "RKT006"], ["check", SEED, "--explain"])
    ]
    for result in outputs:
        for text in (result.stdout, result.stderr):
            for line in text.splitlines():
                assert not _english_words(line), (line, _english_words(line))


def test_english_is_one_flag_away():
    english = subprocess.run([sys.executable, "-m", "rkt_rules", "check", SEED, "--lang", "en"], capture_output=True, text=True).stdout
    assert " warning RKT" in english and english.rstrip().endswith("in 1 file")


def test_english_counts_say_one_error_and_two_errors(tmp_path):
    """English counts its severities as English does (1 error, 0 errors); Indonesian has one form."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    plan = tmp_path / "plan.txt"
    plan.write_text("RENCANA KINERJA TAHUNAN TAHUN 2024\nUnit Kerja : DINAS CONTOH KABUPATEN CONTOH\n"
                    "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n1\tMeningkatnya layanan\tPersentase layanan\t120%\n", encoding="utf-8")
    english = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(plan), "--lang", "en"], capture_output=True, text=True, cwd=ROOT)
    assert "(1 error, 0 warnings, " in english.stdout.splitlines()[-1]
    indonesian = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(plan)], capture_output=True, text=True, cwd=ROOT)
    assert "(1 galat, 0 peringatan, " in indonesian.stdout.splitlines()[-1]
    page = (ROOT / "rkt_rules" / "web" / "templates" / "page.html.j2").read_text(encoding="utf-8")
    assert 'data-chosen-one="{{ t.chosen_one }}"' in page and catalog("en")["web"]["chosen_one"] == "{count} file chosen"
