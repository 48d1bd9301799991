"""A scanned page fed in at an angle is found at that angle and turned level (read/deskew.py).

The page is a plan rendered and rasterised here, then turned by an angle hypothesis draws: the class
"a sheet askew on the scanner's glass", whichever way and by however much a hand feeds it."""

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from rkt_rules.read import deskew


@functools.cache
def _page():
    import pypdfium2 as pdfium

    from tests.layouts import Layout, render
    from tests.test_ocr import _spec

    pdf = render(_spec(), Layout(numbered=True, merged_goals=True, side_by_side=True), "pdf")
    return pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil().convert("L")


@settings(max_examples=25, deadline=None)
@given(st.floats(min_value=-deskew.LIMIT + 0.5, max_value=deskew.LIMIT - 0.5))
def test_a_page_askew_is_found_at_its_angle(degrees):
    turned = _page().rotate(degrees, expand=False, fillcolor=255)
    assert abs(deskew.angle(turned) - degrees) <= 0.1


@settings(max_examples=10, deadline=None)
@given(st.floats(min_value=-6.0, max_value=6.0).filter(lambda d: abs(d) >= deskew.MIN_ANGLE))
def test_a_page_turned_level_is_found_level(degrees):
    level = deskew.levelled(_page().rotate(degrees, expand=False, fillcolor=255))
    assert abs(deskew.angle(level)) <= 0.1


def test_a_level_page_and_a_blank_one_are_left_as_they_are():
    from PIL import Image

    page = _page()
    assert deskew.levelled(page) is page
    blank = Image.new("L", (800, 1100), 255)
    assert deskew.angle(blank) == 0.0 and deskew.levelled(blank) is blank
