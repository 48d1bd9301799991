"""LKj (the year's report against its PK): read as a report of its own kind, never checked as a plan, its
capaian recomputed from target and realisation by the indicator's direction."""

import pytest
from hypothesis import assume, given, settings, strategies as st

from rkt_rules import check
from rkt_rules.read import read_data, read_plan
from rkt_rules.rules.checks.achievement import expected_achievements, rounding_shown
from tests.conftest import ROOT

SAMPLES = ROOT / "tests" / "lkj"
HEADER = "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian"


def lkj(*rows: str, title: str = "LAPORAN KINERJA TAHUN 2023", header: str = HEADER) -> bytes:
    return "\n".join([title, "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH", header, *rows, ""]).encode()


def codes(data: bytes) -> list[str]:
    return [finding.code for finding in check([read_data(data, "lkj.txt")]).findings]


def written(value: float, places: int) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def test_the_shared_samples_read_as_the_reviewer_reads_them():
    kaltim = read_plan(SAMPLES / "kpu-kaltim-sekretariat-lkj-2020.txt").documents[0]
    assert (kaltim.document_type, kaltim.unit, kaltim.fiscal_year) == ("lkj", "SEKRETARIAT KPU PROVINSI KALIMANTAN TIMUR", 2020)
    rows = [(i.target.raw, i.realisation.raw, i.achievement.raw, i.category) for g in kaltim.goals for i in g.indicators if i.achievement]
    assert rows[:3] == [("80%", "80%", "100%", "Berhasil"), ("2 Lap", "2 Lap", "100%", "Berhasil"), ("11 Lap", "11 Lap", "100%", "Berhasil")]
    assert kaltim.goals[0].group.startswith("KEGIATAN 3355")  # a group row, not a goal
    sampang = read_plan(SAMPLES / "inspektorat-sampang-lkjip-2019.txt").documents[0]
    assert (sampang.document_type, sampang.unit, sampang.fiscal_year) == ("lkj", "Inspektorat Daerah Kabupaten Sampang", 2019)
    first = sampang.goals[0]
    assert (first.number, first.text) == ("1", "Meningkatnya Akuntabilitas Keuangan Dan Kinerja Pemerintah Daerah")
    assert (first.indicators[0].target.raw, first.indicators[0].realisation.raw) == ("55%", "n/a")


def test_the_samples_findings_are_the_reviewers():
    # each checked alone: its PK was not given, said once (RKT054)
    sampang = check([read_plan(SAMPLES / "inspektorat-sampang-lkjip-2019.txt")], lang="en").findings
    assert [f.code for f in sampang] == ["RKT054", "RKT056", "RKT049"]  # in report order
    assert "50–51, 65–66, 75–76, 90–91, > 100" in sampang[1].message  # the gaps the reviewer reads in its scale
    assert [f.code for f in check([read_plan(SAMPLES / "kpu-kaltim-sekretariat-lkj-2020.txt")]).findings] == ["RKT054"]


@settings(max_examples=80, deadline=None)
@given(st.floats(1, 1000), st.floats(0.5, 1.6), st.booleans(), st.integers(0, 2))
def test_a_capaian_written_by_the_formula_of_its_direction_is_never_a_finding(target, ratio, lower, places):
    """The class of reports that are right: any target, any realisation, either direction, rounded as shown."""
    realisation = target * ratio
    achievement = expected_achievements(round(target, 2), round(realisation, 2), lower)[0]
    text = "Angka kematian ibu" if lower else "Persentase layanan yang tuntas"
    row = f"1\tMeningkatnya layanan\t{text}\t{written(target, 2)}\t{written(realisation, 2)}\t{written(achievement, places)}%"
    assert "RKT048" not in codes(lkj(row))


@settings(max_examples=60, deadline=None)
@given(st.floats(10, 1000), st.floats(0.5, 1.6), st.floats(2, 40), st.booleans())
def test_a_capaian_off_by_more_than_its_rounding_is_a_finding(target, ratio, off, lower):
    realisation = target * ratio
    right = expected_achievements(round(target, 2), round(realisation, 2), lower)
    wrong = right[0] + off
    assume(all(abs(wrong - value) > 0.5 for value in right))
    text = "Angka kematian ibu" if lower else "Persentase layanan yang tuntas"
    row = f"1\tMeningkatnya layanan\t{text}\t{written(target, 2)}\t{written(realisation, 2)}\t{written(wrong, 2)}%"
    assert "RKT048" in codes(lkj(row))


@pytest.mark.parametrize("lower, formula", [(False, lambda t, r: r / t * 100), (True, lambda t, r: (2 - r / t) * 100),
                                            (True, lambda t, r: t / r * 100)])
def test_each_direction_takes_its_own_formulas(lower, formula):
    for target, realisation in ((80, 80.53), (100, 90), (64, 64.14), (5, 7)):
        assert any(abs(value - formula(target, realisation)) < 1e-9 for value in expected_achievements(target, realisation, lower))
    assert not any(abs(value - 80.53 / 80 * 100) < 1e-9 for value in expected_achievements(80, 80.53, True))


def test_the_better_high_formula_used_for_a_better_high_indicator_inverted_is_said():
    row = "1\tMeningkatnya ketahanan\tPersentase wilayah bebas banjir\t80 %\t80,53 %\t99,34 %"
    [finding] = [f for f in check([read_data(lkj(row), "lkj.txt")], lang="en").findings if f.code == "RKT048"]
    assert "100,66%" in finding.message and "target ÷ realisation" in finding.message


@pytest.mark.parametrize("raw, step", [("99,34", 0.005), ("100", 0.5), ("100,0", 0.05), ("1.000", 0.5), ("95 %", 0.5)])
def test_the_rounding_a_number_shows(raw, step):
    assert rounding_shown(raw) == pytest.approx(step)


def test_an_lkj_is_checked_by_its_own_rules_only():
    """A plan rule (a goal without an indicator, a target missing) never runs on a report: it is no plan."""
    data = lkj("1\tMeningkatnya layanan\tPersentase layanan\t\t95%\t", "2\tMeningkatnya mutu\t\t\t\t")
    assert all(code in {"RKT048", "RKT049", "RKT050", "RKT051", "RKT052", "RKT053", "RKT054"} for code in codes(data))


def test_a_table_of_an_lkj_that_measures_nothing_is_not_read_as_its_rows():
    data = "\n".join(["LAPORAN KINERJA TAHUN 2023", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH",
                      "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "1\tMeningkatnya layanan\tPersentase layanan\t90%", "",
                      HEADER, "1\tMeningkatnya layanan\tPersentase layanan\t90%\t90%\t100%", ""]).encode()
    plan = read_data(data, "lkj.txt")
    [document] = plan.documents
    assert [i.realisation.raw for g in document.goals for i in g.indicators] == ["90%"]
    assert any(d.problem == "lkj table without realisation" for d in plan.diagnostics)


def test_a_report_table_inside_a_plan_is_still_context():
    data = "\n".join(["RENCANA KINERJA TAHUNAN TAHUN 2023", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH",
                      "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "1\tMeningkatnya layanan\tPersentase layanan\t90%", "",
                      HEADER, "1\tMeningkatnya layanan\tPersentase layanan\t90%\t90%\t100%", ""]).encode()
    [document] = read_data(data, "rkt.txt").documents
    assert document.document_type == "rkt" and all(i.realisation is None for g in document.goals for i in g.indicators)


def test_of_several_realisation_columns_this_years_is_the_realisation_and_a_single_one_whatever_it_names():
    two = lkj("1\tMeningkatnya layanan\tPersentase layanan\t90%\t80%\t91%", title="LAPORAN KINERJA TAHUN 2021",
              header="No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi 2020\tRealisasi 2021")
    [indicator] = read_data(two, "lkj.txt").documents[0].goals[0].indicators
    assert (indicator.realisation.raw, indicator.extra) == ("91%", {"Realisasi 2020": "80%"})
    one = two.replace(b"\tRealisasi 2021", b"").replace(b"\t80%\t91%", b"\t91%")
    [indicator] = read_data(one, "lkj.txt").documents[0].goals[0].indicators
    assert indicator.realisation.raw == "91%"


def test_a_renstra_target_is_kept_as_written_and_no_capaian_is_judged_against_it():
    data = lkj("1\tMeningkatnya layanan\tPersentase layanan\t\t100", title="LAPORAN KINERJA TAHUN 2021",
               header="No\tSasaran Strategis\tIndikator Kinerja\tRealisasi 2021\tTarget Renstra")
    [indicator] = read_data(data, "lkj.txt").documents[0].goals[0].indicators
    assert (indicator.target.kind, indicator.extra) == ("missing", {"Target Renstra": "100"})
    assert codes(data) == ["RKT054"]  # only: its PK was not given


def test_an_lkj_whose_title_comes_only_under_its_first_table_reads_that_table():
    """A scanned cover: the first words read are the measurement table, the report's title its page footer."""
    data = "\n".join([HEADER, "1\tMeningkatnya layanan\tPersentase layanan\t90%\t81%\t90%",
                      "2\tMeningkatnya mutu\tPersentase mutu\t80%\t80%\t100%", "",
                      "Laporan Kinerja Instansi Pemerintah Dinas Contoh Kabupaten Contoh Tahun 2021 1", ""]).encode()
    plan = read_data(data, "lkj.txt")
    [document] = plan.documents
    assert document.document_type == "lkj" and document.fiscal_year == 2021
    assert [i.realisation.raw for g in document.goals for i in g.indicators] == ["81%", "80%"]
    assert not any(d.problem == "report table" for d in plan.diagnostics)


def test_a_report_table_before_a_plans_title_stays_unread():
    data = "\n".join([HEADER, "1\tMeningkatnya layanan\tPersentase layanan\t90%\t81%\t90%", "",
                      "RENCANA KINERJA TAHUNAN TAHUN 2022", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH",
                      "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "1\tMeningkatnya layanan\tPersentase layanan\t92%", ""]).encode()
    plan = read_data(data, "rkt.txt")
    [document] = plan.documents
    assert document.document_type == "rkt" and [i.target.raw for g in document.goals for i in g.indicators] == ["92%"]
    assert any(d.problem == "report table" for d in plan.diagnostics)


def test_in_a_set_an_lkj_is_compared_only_by_the_rules_naming_it(tmp_path):
    """A Secretariat's LKj beside its commission's RKT is not the plan that supports it (RKT005/RKT006), and an
    LKj read as two documents of one year is not 'two documents of a type' (RKT038)."""
    secretariat_lkj = "\n".join(["LAPORAN KINERJA TAHUN 2023", "Unit Kerja : SEKRETARIAT KPU KABUPATEN CONTOH", HEADER,
                                 "1\tTerwujudnya layanan\tPersentase laporan keuangan tepat waktu\t100%\t100%\t100%", "",
                                 "LAPORAN KINERJA TAHUN 2023", "Unit Kerja : SEKRETARIAT KPU KABUPATEN CONTOH", HEADER,
                                 "1\tTerwujudnya layanan\tPersentase arsip tertata\t100%\t100%\t100%", ""])
    commission_rkt = "\n".join(["RENCANA KINERJA TAHUNAN TAHUN 2023", "Unit Kerja : KPU KABUPATEN CONTOH",
                                "No\tSasaran Strategis\tIndikator Kinerja\tTarget",
                                "1\tMeningkatnya partisipasi pemilih\tPersentase partisipasi pemilih\t77,5%", ""])
    (tmp_path / "lkj.txt").write_text(secretariat_lkj, encoding="utf-8")
    (tmp_path / "rkt.txt").write_text(commission_rkt, encoding="utf-8")
    from rkt_rules import check as check_paths

    found = {finding.code for finding in check_paths([str(tmp_path / "lkj.txt"), str(tmp_path / "rkt.txt")]).findings}
    assert not found & {"RKT005", "RKT006", "RKT038"}, found


def test_an_lkj_checked_without_its_pk_says_so_once_and_with_it_not_at_all(tmp_path):
    lkj_text = lkj("1\tMeningkatnya layanan\tPersentase layanan\t90%\t90%\t100%").decode()
    pk_text = "\n".join(["PERJANJIAN KINERJA TAHUN 2023", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH",
                         "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "1\tMeningkatnya layanan\tPersentase layanan\t90%", ""])
    (tmp_path / "lkj.txt").write_text(lkj_text, encoding="utf-8")
    alone = [f.code for f in check([str(tmp_path / "lkj.txt")]).findings]
    assert alone.count("RKT054") == 1
    (tmp_path / "pk.txt").write_text(pk_text, encoding="utf-8")
    together = [f.code for f in check([str(tmp_path / "lkj.txt"), str(tmp_path / "pk.txt")]).findings]
    assert "RKT054" not in together and "RKT052" not in together and "RKT053" not in together


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 15), min_size=3, max_size=6), st.booleans(), st.booleans())  # bands within 10–100 %
def test_a_scale_read_from_its_table_leaves_a_gap_exactly_where_its_bands_do(widths, gapped, open_top):
    """Bands built downwards from 100 (or open above it), each written as `low % ≤ high %`, the lowest `≤ high %`."""
    rows, high = [], 100
    for n, width in enumerate(widths):
        low = high - width
        interval = f"≤ {high} %" if n == len(widths) - 1 else f"{low + (1 if gapped else 0)} % ≤ {high} %"
        rows.append(f"{n + 1}\t{interval}\tKategori {chr(65 + n)}")
        high = low
    if open_top:
        rows.insert(0, "0\t> 100 %\tIstimewa")
    data = "\n".join(["LAPORAN KINERJA TAHUN 2019", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH", "",
                      "NO\tINTERVAL NILAI\tKRITERIA", *rows, "", HEADER,
                      "1\tMeningkatnya layanan\tPersentase layanan\t90%\t90%\t100%", ""]).encode()
    [document] = read_data(data, "lkj.txt").documents
    assert len(document.scale) == len(rows)
    assert ("RKT056" in codes(data)) == (gapped or not open_top)


def test_a_category_is_judged_by_the_band_its_capaian_falls_in():
    scale = ["NO\tINTERVAL\tKRITERIA", "1\t> 90 %\tSangat Baik", "2\t> 75 % ≤ 90 %\tBaik", "3\t≤ 75 %\tKurang", ""]
    def report(capaian, category):
        return "\n".join(["LAPORAN KINERJA TAHUN 2019", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH", "", *scale,
                          HEADER + "\tKategori", f"1\tMeningkatnya layanan\tPersentase layanan\t100%\t{capaian}%\t{capaian}%\t{category}", ""]).encode()
    assert "RKT055" not in codes(report(95, "Sangat Baik")) and "RKT055" not in codes(report(80, "baik"))
    assert "RKT055" in codes(report(80, "Sangat Baik")) and "RKT055" in codes(report(60, "Baik"))


def test_the_page_shows_an_lkjs_capaian_computed_beside_the_one_written():
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from rkt_rules.web.app import create_app

    row = "1\tMeningkatnya ketahanan\tPersentase wilayah bebas banjir\t80 %\t80,53 %\t99,34 %"
    page = TestClient(create_app()).post("/results", files=[("files", ("lkj.txt", lkj(row), "text/plain"))]).text
    assert "<th>Realisasi</th><th>Capaian (tertulis)</th><th>Capaian (dihitung)</th>" in page
    assert "<td>80,53 %</td><td>99,34 %</td><td>100,66%</td>" in page


def test_the_reports_show_an_lkjs_measures_and_a_plans_sheet_keeps_its_layout(tmp_path):
    import io

    from openpyxl import load_workbook

    from rkt_rules.report.formats import formatter

    row = "1\tMeningkatnya ketahanan\tPersentase wilayah bebas banjir\t80 %\t80,53 %\t99,34 %"
    report = check([read_data(lkj(row), "lkj.txt")])
    html = formatter("html")(report)
    assert "<td>80,53 %</td><td>99,34 %</td><td>100,66%</td>" in html
    sheet = load_workbook(io.BytesIO(formatter("xlsx")(report))).worksheets[-1]
    assert [sheet.cell(3, column).value for column in range(7, 11)] == ["Realisasi", "Capaian (tertulis)", "Capaian (dihitung)", "Kategori"]
    [at] = [r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 3).value == "Persentase wilayah bebas banjir"]
    assert [sheet.cell(at, column).value for column in range(7, 10)] == ["80,53 %", "99,34 %", "100,66%"]


@pytest.mark.parametrize("cell, expected", [("91 % ≤ 100 %", (91, 100)), ("85 - 100", (85, 100)), ("85 – 100 %", (85, 100)),
                                            ("85 s.d. 100", (85, 100)), ("≥ 91 %", (91, None)), ("> 100 %", (100, None)),
                                            ("< 50", (None, 50)), ("≤ 50,5 %", (None, 50.5)), ("Sangat Baik", None), ("", None)])
def test_the_interval_forms_a_scale_table_writes(cell, expected):
    from rkt_rules.read.recognise.lkj import interval

    assert interval(cell) == expected


@pytest.mark.parametrize("achievement_header", ["Capaian", "Capaian (%)", "%", "Tingkat Capaian", "Persentase Capaian"])
def test_each_way_a_report_heads_its_capaian_column(achievement_header):
    data = lkj("1\tMeningkatnya layanan\tPersentase layanan\t90%\t81%\t90%",
               header=f"No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\t{achievement_header}")
    [indicator] = read_data(data, "lkj.txt").documents[0].goals[0].indicators
    assert (indicator.realisation.raw, indicator.achievement.raw) == ("81%", "90%")


@pytest.mark.parametrize("identity, said", [('unit = "SEKRETARIAT KPU KOTA CONTOH"\n', "tahun (tidak terbaca)"),
                                            ("fiscal_year = 2023\n", "(unit tidak terbaca) tahun 2023"),
                                            ("", "(unit tidak terbaca) tahun (tidak terbaca)")])
def test_an_lkj_whose_unit_or_year_is_unread_says_it_was_compared_with_no_pk(identity, said):
    """Never silent: a report that can be matched with no PK (its unit or its year unread) is said to be so,
    as one whose PK was not given is, instead of passing with no finding."""
    toml = ('schema_version = 2\n[[document]]\ndocument_type = "lkj"\n' + identity +
            '[[document.goal]]\nnumber = "1"\ntext = "Meningkatnya layanan"\n[[document.goal.indicator]]\n'
            'text = "Persentase layanan tepat waktu"\ntarget = "90%"\nrealisation = "92%"\nachievement = "102,22%"\n')
    findings = [f for f in check(read_data(toml.encode(), "lkj.toml")).findings if f.code == "RKT054"]
    assert len(findings) == 1 and said in findings[0].message


def _average_report(capaian: list[float], average: str, merged: bool) -> bytes:
    """An LKj of ``capaian`` (target 100, so realisation equals capaian) and its average row: under the No and
    Sasaran columns (``merged``: the text in the first column, as a cell spanning the row prints it) or in the
    Sasaran column."""
    rows = [f"{n}\tMeningkatnya kualitas layanan {n}\tPersentase layanan tuntas {n}\t100%\t{written(v, 2)}%\t{written(v, 2)}%"
            for n, v in enumerate(capaian, start=1)]
    label = "Rata-rata Capaian Kinerja"
    rows.append(f"{label}\t\t\t\t\t{average}" if merged else f"\t{label}\t\t\t\t{average}")
    return lkj(*rows)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(40, 130), min_size=2, max_size=6), st.integers(0, 2), st.booleans())
def test_an_average_written_from_its_indicators_is_never_a_finding_and_is_no_indicator(capaian, places, merged):
    rounded = [round(v, 2) for v in capaian]
    data = _average_report(rounded, written(sum(rounded) / len(rounded), places) + "%", merged)
    document = read_data(data, "lkj.txt").documents[0]
    assert document.average is not None and len([i for g in document.goals for i in g.indicators]) == len(capaian)
    assert "RKT057" not in codes(data)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(40, 130), min_size=2, max_size=6), st.floats(1.0, 30.0), st.booleans(), st.booleans())
def test_an_average_off_by_more_than_a_point_from_every_way_of_averaging_is_a_finding(capaian, off, up, merged):
    rounded = [round(v, 2) for v in capaian]
    ways = [sum(rounded) / len(rounded), sum(min(v, 100) for v in rounded) / len(rounded)]
    stated = (max(ways) + off) if up else (min(ways) - off)
    assume(all(abs(stated - way) > 0.6 for way in ways))
    assert "RKT057" in codes(_average_report(rounded, written(stated, 1) + "%", merged))


def test_an_average_row_is_kept_through_toml():
    from rkt_rules.read.toml_plan import read_toml
    from rkt_rules.report.writers.toml_plan import plan_to_toml

    plan = read_data(_average_report([100.0, 80.0], "98,5%", True), "lkj.txt")
    again = read_toml(plan_to_toml(plan), "lkj.toml")
    assert again.documents[0].average.achievement.raw == "98,5%"
    assert [f.code for f in check([again]).findings].count("RKT057") == 1
