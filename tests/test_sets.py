"""Plan sets: a unit's documents checked together across files, and the cascade between units."""

import json
import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rkt_rules
from rkt_rules.sets import Card, PlanSet, cards_of, declared_cycle, form_sets, hierarchy, undeclared_units, unit_key
from tests.conftest import ROOT

SEED = ROOT / "plans" / "kpu-kota-pontianak-2023.txt"
EXAMPLES = sorted((ROOT / "plans").glob("contoh-*.txt"))
SET_RULES = {"RKT005", "RKT006", "RKT029", "RKT030", "RKT031", "RKT032", "RKT033", "RKT034", "RKT035", "RKT036", "RKT037", "RKT038"}
UNIT = "DINAS KESEHATAN KABUPATEN CONTOH"
A = "1\tMeningkatnya derajat kesehatan masyarakat\tPersentase balita gizi buruk yang mendapat perawatan\t{}"
B = "2\tMeningkatnya cakupan imunisasi\tPersentase desa yang mencapai UCI\t{}"


def document(title: str, *rows: str, unit: str = UNIT) -> str:
    return "\n".join([title, f"Unit Kerja : {unit}", "No\tSasaran Strategis\tIndikator Kinerja\tTarget", *rows]) + "\n"


def rkt(*rows, year=2024, unit=UNIT):
    return document(f"RENCANA KINERJA TAHUNAN TAHUN {year}", *rows, unit=unit)


def pk(*rows, year=2024, unit=UNIT):
    return document(f"PERJANJIAN KINERJA TAHUN {year}", *rows, unit=unit)


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "rkt_rules", *args], capture_output=True, text=True, cwd=cwd)


def findings(paths, **options) -> list:
    report = rkt_rules.check([str(p) for p in paths], lang="en", **options)
    return [f for f in report.findings if f.code in SET_RULES]


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the seed split in two files -------------------------------------------------

def split_seed(folder):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if i > 20 and "RENCANA KINERJA TAHUNAN" in line) - 1
    return write(folder, "kpu.txt", "\n".join(lines[:start]) + "\n"), write(folder, "sekretariat.txt", "\n".join(lines[start:]))


def test_the_seed_split_in_two_files_gives_the_seed_files_alignment_findings(tmp_path):
    kpu, secretariat = split_seed(tmp_path)
    whole = rkt_rules.check(str(SEED), lang="en").findings
    split = rkt_rules.check([str(kpu), str(secretariat)], lang="en").findings
    assert [(f.code, f.message, f.location.goal, f.location.indicator) for f in whole] == \
           [(f.code, f.message, f.location.goal, f.location.indicator) for f in split]
    sengketa = next(f for f in split if f.code == "RKT006")
    assert sengketa.location.path == str(secretariat) and "89%" in sengketa.message and "100%" in sengketa.message
    assert next(f for f in split if f.code == "RKT005").location.path == str(kpu)


def test_without_sets_the_split_seed_loses_its_alignment_findings(tmp_path):
    kpu, secretariat = split_seed(tmp_path)
    result = run("check", str(kpu), str(secretariat), "--no-sets", "--format", "json", "--fail-on", "never")
    assert {f["code"] for f in json.loads(result.stdout)["findings"]} & {"RKT005", "RKT006"} == set()


# --- each cross-document kind, across files ---------------------------------------

@pytest.mark.parametrize("texts, code, on_file, names", [
    ({"rkt.txt": rkt(A.format("100%")), "pk.txt": pk(A.format("90%"))}, "RKT030", "pk.txt", "rkt.txt"),
    ({"rkt.txt": rkt(A.format("90%")), "pk.txt": pk(A.format("95%"))}, "RKT031", "pk.txt", "rkt.txt"),
    ({"rkt.txt": rkt(A.format("100%")), "pk.txt": pk(A.format("100%"), B.format("90%"))}, "RKT029", "pk.txt", "rkt.txt"),
    ({"rkt.txt": rkt(A.format("100%")), "iku.txt": document("INDIKATOR KINERJA UTAMA TAHUN 2024", A.format("-"), B.format("-"))},
     "RKT032", "rkt.txt", "iku.txt"),
    ({"rkt-2023.txt": rkt(A.format("95%"), year=2023), "rkt-2024.txt": rkt(A.format("90%"))}, "RKT037", "rkt-2024.txt", "rkt-2023.txt"),
])
def test_a_cross_document_finding_sits_on_the_document_to_change_and_names_the_other(tmp_path, texts, code, on_file, names):
    paths = [write(tmp_path, name, text) for name, text in texts.items()]
    found = findings(paths)
    assert [(f.code, f.location.path) for f in found] == [(code, str(tmp_path / on_file))]
    assert str(tmp_path / names) in found[0].message and found[0].evidence["other_path"] == str(tmp_path / names)


def test_renstra_targets_for_the_year_are_compared_with_the_rkt(tmp_path):
    renstra = "\n".join(["RENCANA STRATEGIS TAHUN 2020-2024", f"Unit Kerja : {UNIT}",
                         "No\tSasaran Strategis\tIndikator Kinerja\tTarget 2023\tTarget 2024",
                         A.format("95%") + "\t100%", B.format("85%") + "\t90%"]) + "\n"
    paths = [write(tmp_path, "renstra.txt", renstra), write(tmp_path, "rkt.txt", rkt(A.format("95%")))]
    found = {(f.code, f.location.goal) for f in findings(paths)}
    assert found == {("RKT033", "1"), ("RKT035", None)}  # 95% against the Renstra's 100% for 2024; indicator B missing


def test_documents_of_unrelated_units_are_never_compared(tmp_path):
    paths = [write(tmp_path, "rkt.txt", rkt(A.format("100%"))),
             write(tmp_path, "pk.txt", pk(A.format("50%"), unit="DINAS PENDIDIKAN KABUPATEN LAIN"))]
    assert findings(paths) == []


def test_units_are_the_same_whatever_their_names_abbreviations_and_case(tmp_path):
    paths = [write(tmp_path, "rkt.txt", rkt(A.format("100%"), unit="Dinas  Kesehatan Kab. Contoh")),
             write(tmp_path, "pk.txt", pk(A.format("90%"), unit="DINAS KESEHATAN KABUPATEN CONTOH"))]
    assert [f.code for f in findings(paths)] == ["RKT030"]


def test_a_document_with_its_counterpart_in_its_own_file_is_not_compared_across_files(tmp_path):
    # pk.txt holds its own RKT (100%, agreeing); the other file's RKT says 50%: never the PK's counterpart,
    # and two RKTs of one unit and year are named as such.
    paths = [write(tmp_path, "pk.txt", rkt(A.format("100%")) + "\n" + pk(A.format("100%"))),
             write(tmp_path, "other.txt", rkt(A.format("50%")))]
    assert [(f.code, f.location.path) for f in findings(paths)] == [("RKT038", str(tmp_path / "other.txt"))]


def test_two_candidate_counterparts_in_other_files_are_compared_with_neither(tmp_path):
    paths = [write(tmp_path, "pk.txt", pk(A.format("10%"))), write(tmp_path, "a.txt", rkt(A.format("100%"))),
             write(tmp_path, "b.txt", rkt(A.format("90%")))]
    found = findings(paths)
    assert [f.code for f in found] == ["RKT038"]
    assert found[0].location.path == str(tmp_path / "a.txt") and found[0].evidence["others"] == [str(tmp_path / "b.txt")]


# --- the hierarchy ------------------------------------------------------------------

PEMDA = "PEMERINTAH KABUPATEN CONTOH"


def test_a_declared_parent_unit_is_compared_and_an_undeclared_one_is_not(tmp_path):
    write(tmp_path, "pemda.txt", rkt(A.format("100%"), unit=PEMDA))
    write(tmp_path, "dinkes.txt", rkt(A.format("90%")))
    assert run("check", ".", "--format", "json", "--fail-on", "never", cwd=tmp_path).stdout.count("RKT036") == 0
    (tmp_path / "rkt-rules.toml").write_text(f'[hierarchy]\n"Dinas Kesehatan Kab. Contoh" = "{PEMDA}"\n', encoding="utf-8")
    result = run("check", ".", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "RKT036"]
    assert [(f["location"]["path"], f["evidence"]["other_unit"]) for f in found] == [("./dinkes.txt", PEMDA)]


def test_a_pk_second_party_links_the_unit_to_its_superior(tmp_path):
    signed = pk(A.format("90%")) + "\nPIHAK KEDUA\tPIHAK PERTAMA\nBupati Contoh\tKepala Dinas Kesehatan Kabupaten Contoh\nNAMA BUPATI\tNAMA KEPALA\n"
    paths = [write(tmp_path, "pemda.txt", pk(A.format("100%"), unit=PEMDA)), write(tmp_path, "dinkes.txt", signed)]
    assert [(f.code, f.location.path) for f in findings(paths)] == [("RKT036", str(tmp_path / "dinkes.txt"))]


def test_a_secretariat_is_compared_with_its_commission_by_the_alignment_rules_only(tmp_path):
    kpu, secretariat = split_seed(tmp_path)
    assert "RKT036" not in {f.code for f in findings([kpu, secretariat])}


def test_a_hierarchy_naming_a_unit_no_document_has_is_a_warning(tmp_path):
    write(tmp_path, "dinkes.txt", rkt(A.format("100%")))
    (tmp_path / "rkt-rules.toml").write_text('[hierarchy]\n"Dinas Kesehatan Kab. Contoh" = "Pemerintah Kabupaten Tiada"\n', encoding="utf-8")
    result = run("check", ".", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0
    assert f"rkt-rules: warning: {tmp_path / 'rkt-rules.toml'}: [hierarchy] names 'Pemerintah Kabupaten Tiada', which no document checked has\n" in result.stderr


def test_a_cycle_in_the_hierarchy_is_a_config_error(tmp_path):
    write(tmp_path, "dinkes.txt", rkt(A.format("100%")))
    (tmp_path / "rkt-rules.toml").write_text('[hierarchy]\n"Unit A" = "Unit B"\n"Unit B" = "unit a"\n', encoding="utf-8")
    result = run("check", ".", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"rkt-rules: error: {tmp_path / 'rkt-rules.toml'}: [hierarchy] goes round in a circle: Unit A → Unit B → Unit A\n"


def test_kpu_names_link_kabupaten_kota_to_the_one_province_present_and_the_province_to_kpu_ri():
    cards = [Card("a", 0, name, unit_key(name), 2024, "rkt", "kpu", None, None, 1)
             for name in ("KPU Kota Contoh", "KPU Kabupaten Lain", "KPU Provinsi Contoh", "Komisi Pemilihan Umum")]
    parents = {child: parent.unit for child, parent in hierarchy(cards).items()}
    assert parents == {"kpu kota contoh": "kpu provinsi contoh", "kpu kabupaten lain": "kpu provinsi contoh", "kpu provinsi contoh": "kpu"}
    two_provinces = cards + [Card("b", 0, "KPU Provinsi Lain", "kpu provinsi lain", 2024, "rkt", "kpu", None, None, 1)]
    assert "kpu kota contoh" not in hierarchy(two_provinces)  # which one is not known: no link, no comparison


def test_declared_links_win_over_the_pk_and_names():
    cards = [Card("a", 0, "Sekretariat KPU Kota X", "sekretariat kpu kota x", 2024, "pk", "secretariat", "kpu kota y", None, 1)]
    assert hierarchy(cards, {"Sekretariat KPU Kota X": "Unit Z"})["sekretariat kpu kota x"].source == "config"
    assert hierarchy(cards)["sekretariat kpu kota x"].source == "pk"
    assert hierarchy([cards[0]._replace(parent=None)])["sekretariat kpu kota x"].source == "kpu-name"


@pytest.mark.parametrize("a, b", [("Pemerintah Kab. Contoh", "KABUPATEN CONTOH"), ("Dinas  Kesehatan Prov. Jawa Barat", "dinas kesehatan provinsi jawa barat"),
                                  ("Komisi Pemilihan Umum Kota X", "KPU KOTA X"), ("Pemkab Boyolali", "Kabupaten Boyolali")])
def test_unit_names_compare_after_normalising(a, b):
    assert unit_key(a) == unit_key(b)


def test_kabupaten_and_kota_of_one_name_stay_apart():
    assert unit_key("KPU Kota Contoh") != unit_key("KPU Kabupaten Contoh")


def test_cycles_and_unknown_names_are_found():
    assert declared_cycle({"A": "B", "B": "C"}) is None
    assert declared_cycle({"A": "B", "B": "C", "C": "a"}) == ["A", "B", "C", "A"]
    cards = [Card("a", 0, "A", "a", 2024, "rkt", "other", None, None, 1)]
    assert undeclared_units({"A": "B"}, cards) == ["B"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["unit a", "unit b", "unit c", "unit d", None]), st.sampled_from(["x.txt", "y.txt", "z.txt"])), max_size=12),
       st.dictionaries(st.sampled_from(["unit a", "unit b", "unit c", "unit d"]), st.sampled_from(["unit a", "unit b", "unit c", "unit d"]), max_size=3))
def test_two_documents_share_a_set_exactly_when_their_units_are_linked(documents, declared):
    cards = [Card(path, n, key, key, 2024, "rkt", "other", None, None, 1) for n, (key, path) in enumerate(documents)]
    parents = hierarchy(cards, declared)
    sets = form_sets(cards, parents)
    placed = [card for members in sets for card in members]
    assert sorted(placed) == sorted(card for card in cards if card.key)  # each known document once, unknown units in none
    neighbours: dict = {}
    present = {card.key for card in placed}
    for child, parent in parents.items():  # the links between units with documents, both ways: the reference
        if child not in present or parent.unit not in present:
            continue  # siblings under a unit with no document are never compared: no set joins them
        neighbours.setdefault(child, set()).add(parent.unit)
        neighbours.setdefault(parent.unit, set()).add(child)

    def reachable(start):
        seen, todo = {start}, [start]
        while todo:
            for other in neighbours.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen

    where = {card: n for n, members in enumerate(sets) for card in members}
    for a in placed:
        for b in placed:
            assert (where[a] == where[b]) == (b.key in reachable(a.key))


# --- real documents -----------------------------------------------------------------

REAL = ROOT / "tests" / "real_documents"


def test_a_real_iku_and_pk_of_one_office_agree_and_raise_no_alarm():
    iku, agreement = REAL / "jabar-dinkes-iku-2017.pdf", REAL / "jabar-dinkes-pk-2017.docx"
    assert findings([iku, agreement]) == []
    sets = form_sets([*cards_of(rkt_rules.read_plan(iku)), *cards_of(rkt_rules.read_plan(agreement))], {})
    assert len(sets) == 1 and {card.type for card in sets[0]} == {"iku", "pk"}


def test_a_key_indicator_dropped_from_a_real_pk_is_found(tmp_path):
    converted = tmp_path / "pk.txt"
    assert run("convert", str(REAL / "jabar-dinkes-pk-2017.docx"), str(converted)).returncode == 0
    text = converted.read_text(encoding="utf-8")
    dropped = "\n".join(line for line in text.split("\n") if "Ratio kematian bayi" not in line)
    assert dropped != text
    converted.write_text(dropped, encoding="utf-8")
    found = findings([REAL / "jabar-dinkes-iku-2017.pdf", converted])
    assert [(f.code, f.location.path, f.evidence["other_indicator"]) for f in found] == [("RKT032", str(converted), "Ratio kematian bayi")]


# --- the example set, the library, explain, reports -----------------------------------

def test_the_example_set_shows_one_finding_of_each_cross_document_kind():
    codes = {f.code for f in findings([SEED, *EXAMPLES])}
    assert {"RKT006", "RKT029", "RKT030", "RKT031", "RKT032", "RKT033", "RKT034", "RKT035", "RKT036", "RKT037"} <= codes
    for example in EXAMPLES:
        assert example.read_text(encoding="utf-8").startswith("CONTOH (rekaan)")


def test_the_library_forms_sets_from_plans_already_read_as_from_paths(tmp_path):
    kpu, secretariat = split_seed(tmp_path)
    from_paths = findings([kpu, secretariat])
    report = rkt_rules.check([rkt_rules.read_plan(kpu), rkt_rules.read_plan(secretariat)], lang="en")
    assert [f.to_dict() for f in report.findings if f.code in SET_RULES] == [f.to_dict() for f in from_paths]


def test_sets_across_files_are_the_same_with_workers(tmp_path):
    for n in range(20):  # enough files for the worker pool
        shutil.copy(EXAMPLES[n % len(EXAMPLES)], tmp_path / f"{n:02}-{EXAMPLES[n % len(EXAMPLES)].name}")
    one = run("check", str(tmp_path), "--jobs", "1", "--format", "json", "--fail-on", "never")
    two = run("check", str(tmp_path), "--jobs", "2", "--format", "json", "--fail-on", "never")
    assert one.returncode == two.returncode == 0 and one.stdout == two.stdout
    assert "RKT038" in one.stdout  # every example four times: each unit and year named as ambiguous


def test_explain_lists_the_sets_and_the_links_that_joined_them():
    result = run("check", str(SEED), *map(str, EXAMPLES), "--explain", "--lang", "en")
    assert result.returncode == 0
    lines = result.stdout.split("\n")
    assert lines[0] == "Plan sets formed:" and lines[1] == "Set 1: 7 documents from 6 files"
    assert "    KPU KOTA PONTIANAK → KPU PROVINSI KALIMANTAN BARAT (KPU names)" in lines
    assert "    SEKRETARIAT KPU KOTA PONTIANAK → KPU KOTA PONTIANAK (the PK's second party)" in lines
    assert any(line.startswith("RKT030 pk-target-not-below-rkt (warning): visited 7 sets") for line in lines)


def test_a_report_over_several_files_carries_the_findings_across_them(tmp_path):
    kpu, secretariat = split_seed(tmp_path)
    result = run("report", str(kpu), str(secretariat), "--output-dir", str(tmp_path / "out"), "--fail-on", "never")
    assert result.returncode == 0
    report = json.loads((tmp_path / "out" / "sekretariat.json").read_text(encoding="utf-8"))
    assert "RKT006" in {f["code"] for f in report["findings"]} and report["summary"]["files"] == 1


def test_a_pair_is_compared_by_the_files_own_set_or_by_the_runs_never_by_both(tmp_path):
    both = write(tmp_path, "both.txt", rkt(A.format("100%")) + "\n" + pk(A.format("90%")))
    alone = write(tmp_path, "pk-2.txt", pk(A.format("80%"), unit="DINAS KESEHATAN KABUPATEN DUA"))
    rkt_two = write(tmp_path, "rkt-2.txt", rkt(A.format("100%"), unit="DINAS KESEHATAN KABUPATEN DUA"))
    plans = {str(path): rkt_rules.read_plan(path) for path in (both, alone, rkt_two)}
    own = PlanSet.of_file(plans[str(both)])
    assert [(s.type, [c.type for c in cs]) for s, cs in own.counterparts(("pk",), ("rkt",), "same-year")] == [("pk", ["rkt"])]
    cards = [card for plan in plans.values() for card in cards_of(plan)]
    parents = hierarchy(cards)
    across = [PlanSet(tuple(members), parents, True, plans.__getitem__) for members in form_sets(cards, parents)]
    pairs = [(s.path, [c.path for c in cs]) for plan_set in across for s, cs in plan_set.counterparts(("pk",), ("rkt",), "same-year")]
    assert pairs == [(str(alone), [str(rkt_two)])]  # both.txt's PK had its RKT at home: the run leaves it alone


def test_a_toml_plans_own_suppression_holds_for_a_finding_across_files(tmp_path):
    write(tmp_path, "rkt.txt", rkt(A.format("100%")))
    converted = tmp_path / "pk.toml"
    assert run("convert", str(write(tmp_path, "pk.txt", pk(A.format("90%")))), str(converted)).returncode == 0
    (tmp_path / "pk.txt").unlink()
    assert [f.code for f in findings([tmp_path / "rkt.txt", converted])] == ["RKT030"]
    with converted.open("a", encoding="utf-8") as plan:
        plan.write('\n[[suppress]]\nrule = "pk-target-not-below-rkt"\nreason = "Disepakati dalam rapat pimpinan, 3 Januari 2024."\n')
    report = rkt_rules.check([str(tmp_path / "rkt.txt"), str(converted)], lang="en")
    assert [f.code for f in report.findings if f.code in SET_RULES] == []
    assert [s.finding.code for s in report.suppressed] == ["RKT030"]


def test_indicators_written_alike_are_the_same_one_even_with_no_telling_word(tmp_path):
    # "Persentase A": after the measure word nothing says what it measures; the same text is still the same indicator
    row = "1\tSasaran\tPersentase A\t{}"
    paths = [write(tmp_path, "rkt.txt", rkt(row.format("100%"))), write(tmp_path, "pk.txt", pk(row.format("90%")))]
    assert [f.code for f in findings(paths)] == ["RKT030"]


def test_a_regional_offices_pk_is_held_to_its_renja_where_it_has_no_rkt(tmp_path):
    renja = document("RENCANA KERJA PERANGKAT DAERAH TAHUN 2024", A.format("100%"))
    paths = [write(tmp_path, "renja.txt", renja), write(tmp_path, "pk.txt", pk(A.format("90%")))]
    found = findings(paths)
    assert [(f.code, f.evidence["other_type"]) for f in found] == [("RKT030", "Renja")]


def test_one_normaliser_of_unit_names_for_sets_and_signers():
    """The office a signer's role names and the key plan sets compare are one notion (issue 25)."""
    from rkt_rules.rules.checks.document import institution
    from rkt_rules.sets import unit_key

    for unit in ["SEKRETARIAT KPU KAB. CONTOH", "Sekretariat Komisi Pemilihan Umum Kabupaten Contoh", "KPU Kab Contoh"]:
        assert institution(unit) == unit_key("KPU Kabupaten Contoh")
    assert institution("Pemerintah Prov. Jawa Barat") == unit_key("PROVINSI JAWA BARAT")
