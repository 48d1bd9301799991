"""A plan laid out as labelled lists instead of a table (an e-SAKIP dashboard's cards, a page typed as
headings and numbered lists): a label naming a plan column opens a list, the indicators listed under
a tujuan (or, without one, a sasaran) are that goal's, and the page gives no target, which one finding
says for the whole document (RKT046). Lists are read only when a file holds no plan table: a plan with a table keeps its table's rows,
and a page whose lists name no indicator is still no plan."""

import pytest
from hypothesis import given, settings, strategies as st

from rkt_rules import check
from rkt_rules.errors import PlanError
from rkt_rules.read import read_data

TUJUAN_LABELS = ["TUJUAN RENSTRA", "Tujuan :", "TUJUAN"]
GOAL_LABELS = ["SASARAN RENSTRA :", "Sasaran Strategis :", "SASARAN"]
INDICATOR_LABELS = ["Indikator Tujuan / Sasaran:", "Indikator Kinerja :", "INDIKATOR"]
SUBJECTS = ["pelayanan administrasi", "kesejahteraan sosial", "kesetaraan gender", "keluarga berkualitas", "ketahanan pangan",
            "kualitas jalan", "akses air minum"]
MEASURES = ["Persentase", "Indeks", "Jumlah", "Rasio"]

cards = st.lists(st.tuples(st.sampled_from(SUBJECTS), st.lists(st.sampled_from(SUBJECTS), min_size=1, max_size=3),
                           st.lists(st.tuples(st.sampled_from(MEASURES), st.sampled_from(SUBJECTS)), min_size=1, max_size=4)),
                 min_size=1, max_size=4, unique_by=lambda card: card[0])


def page(cards, labels, heading="RENSTRA DINAS CONTOH KABUPATEN CONTOH") -> str:
    tujuan_label, goal_label, indicator_label = labels
    body = [f"<h3>{heading}</h3>"]
    for number, (tujuan, goals, indicators) in enumerate(cards, 1):
        body.append(f'<div class="card"><h6>{tujuan_label}</h6><h5>{number}. MENINGKATNYA {tujuan.upper()}</h5>')
        body.append(f"<h6>{goal_label}</h6>" + "".join(f"<p>{n}. Meningkatnya {goal}</p>" for n, goal in enumerate(goals, 1)))
        body.append(f"<h6>{indicator_label}</h6>" + "".join(f"<p>{n}. {measure} {subject} {number}</p>"
                                                              for n, (measure, subject) in enumerate(indicators, 1)) + "</div>")
    body.append("<h5>PROGRAM DINAS CONTOH</h5><p>1. Program Penunjang Urusan</p><p>2. Program Perlindungan Sosial</p>")
    return f"<html><body>{''.join(body)}</body></html>"


@settings(max_examples=40, deadline=None)
@given(cards, st.tuples(st.sampled_from(TUJUAN_LABELS), st.sampled_from(GOAL_LABELS), st.sampled_from(INDICATOR_LABELS)))
def test_indicators_listed_under_a_tujuan_are_its_rows_with_no_target(cards, labels):
    plan = read_data(page(cards, labels).encode(), "sakip.html")
    assert len(plan.documents) == 1
    read = [(goal.text, indicator.text, indicator.target.kind) for goal in plan.documents[0].goals for indicator in goal.indicators]
    assert read == [(f"MENINGKATNYA {tujuan.upper()}", f"{measure} {subject} {number}", "missing")
                    for number, (tujuan, _, indicators) in enumerate(cards, 1) for measure, subject in indicators]
    codes = [finding.code for finding in check([plan]).findings]
    assert codes.count("RKT046") == 1 and "RKT020" not in codes  # no target anywhere: said once for the document


def test_a_page_whose_lists_name_no_indicator_is_still_no_plan():
    text = "<html><body><h6>TUJUAN RPJMD</h6><p>1. Meningkatnya kesejahteraan</p><h6>SASARAN RPJMD</h6><p>1. Menurunnya kemiskinan</p></body></html>"
    with pytest.raises(PlanError) as caught:
        read_data(text.encode(), "page.html")
    assert caught.value.key == "no-plan-table"


@settings(max_examples=20, deadline=None)
@given(cards)
def test_lists_in_a_plan_with_a_table_are_narrative_not_rows(cards):
    listed = page(cards, ("Tujuan :", "Sasaran :", "Indikator Kinerja :")).replace("<html><body>", "").replace("</body></html>", "")
    table = ("<table><tr><th>No</th><th>Sasaran</th><th>Indikator Kinerja</th><th>Target</th></tr>"
             "<tr><td>1</td><td>Meningkatnya layanan</td><td>Persentase layanan tepat waktu</td><td>90%</td></tr></table>")
    plan = read_data(f"<html><body>{listed}{table}</body></html>".encode(), "plan.html")
    assert [indicator.text for goal in plan.documents[0].goals for indicator in goal.indicators] == ["Persentase layanan tepat waktu"]


def test_a_report_listing_its_sasaran_and_indicators_is_never_read_as_a_plan():
    text = ("<html><body><h3>LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2023</h3><h6>TUJUAN :</h6><p>1. Meningkatnya layanan</p>"
            "<h6>Indikator Kinerja :</h6><p>1. Persentase layanan tepat waktu</p></body></html>")
    with pytest.raises(PlanError):
        read_data(text.encode(), "lkj.html")
