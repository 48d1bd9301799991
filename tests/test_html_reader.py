"""Web pages (e-SAKIP prints, saved pages) read through the same recogniser: tables with
rowspan and colspan, headings and paragraphs as text lines, navigation left out."""

import pytest

from rkt_rules.errors import PlanError
from rkt_rules.read import read_data, sniff

PAGE = """<!DOCTYPE html><html><head><title>e-SAKIP</title><script>var x = "<table>";</script></head><body>
<nav><ul><li>PERJANJIAN KINERJA</li><li>RENCANA KINERJA TAHUNAN</li></ul></nav>
<div class="sidebar-menu"><a>RENSTRA</a></div>
<h3>PERJANJIAN KINERJA TAHUN 2024</h3><h4>DINAS KESEHATAN<br>KABUPATEN CONTOH</h4>
<table border="1"><thead><tr><th>No</th><th>Sasaran Strategis</th><th>Indikator Kinerja</th><th colspan="2">Target</th></tr></thead>
<tbody><tr><td rowspan="2">1</td><td rowspan="2">Meningkatnya derajat kesehatan</td><td>Angka kematian ibu</td><td>80</td><td>per 100.000 KH</td></tr>
<tr><td>Persentase balita gizi baik</td><td>95</td><td>%</td></tr>
<tr><td>2</td><td>Meningkatnya tata kelola</td><td>Nilai SAKIP</td><td colspan="2">BB</td></tr></tbody></table>
<p>Contoh, 2 Januari 2024</p><p>Kepala Dinas Kesehatan Kabupaten Contoh</p><br><br><p>dr. NAMA KEPALA</p></body></html>"""


def test_a_page_is_told_by_its_content_whatever_its_name():
    assert sniff(PAGE.encode(), "download.txt") == "html"
    assert sniff(b"\xef\xbb\xbf  <html><body><table></table></body></html>", "x") == "html"
    assert sniff(b"No\tSasaran\n", "x.txt") == "text"


def test_tables_with_spans_headings_and_paragraphs_read_as_a_plan():
    document = read_data(PAGE.encode(), "pk.html").documents[0]
    assert (document.document_type, document.unit, document.fiscal_year) == ("pk", "DINAS KESEHATAN KABUPATEN CONTOH", 2024)
    assert [(g.number, g.text, [i.text for i in g.indicators]) for g in document.goals] == [
        ("1", "Meningkatnya derajat kesehatan", ["Angka kematian ibu", "Persentase balita gizi baik"]),
        ("2", "Meningkatnya tata kelola", ["Nilai SAKIP"])]
    assert document.goals[1].indicators[0].target.raw == "BB"
    assert document.signature.name == "dr. NAMA KEPALA"


def test_navigation_menus_are_no_titles():
    titles = [d.title for d in read_data(PAGE.encode(), "pk.html").documents]
    assert titles == ["PERJANJIAN KINERJA TAHUN 2024 DINAS KESEHATAN KABUPATEN CONTOH"]


def test_a_page_nested_deeper_than_any_recursion_limit_is_read_or_refused_in_one_line():
    deep = "<html><body>" + "<div>" * 20000 + "teks" + "</div>" * 20000 + "</body></html>"
    with pytest.raises(PlanError):
        read_data(deep.encode(), "deep.html")


def test_absurd_spans_are_bounded():
    page = "<html><body><table><tr><td colspan='100000000'>No</td></tr></table></body></html>"
    with pytest.raises(PlanError):
        read_data(page.encode(), "span.html")
