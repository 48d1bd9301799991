"""PDF pages whose text runs sideways or upside down (read/upright.py): a landscape table put on a portrait
page a quarter turn round, a page saved the wrong way up. The class, drawn by hypothesis: any generated PDF
layout, its pages turned by a quarter, a half or three quarters, reads as the upright one."""

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rkt_rules.read import read_data
from tests.layouts import expected, reading, render, specs_and_layouts
from tests.test_generated_layouts import _normal


def _turned(pdf: bytes, degrees: int) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    for page in document:
        page.set_rotation(degrees)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs_and_layouts(formats=("pdf",)), st.sampled_from([90, 180, 270]))
def test_a_pdf_whose_pages_lie_turned_reads_as_the_upright_one(case, degrees):
    spec, layout, _ = case
    plan = read_data(_turned(render(spec, layout, "pdf"), degrees), "turned.pdf")
    assert _normal(reading(plan)) == _normal(expected(spec, layout)), (degrees, layout)
    assert "page 1" in next(d for d in plan.documents if d.goals).goals[0].cell  # pages keep their numbers


def test_upright_pages_and_pages_of_little_text_are_left_as_they_are():
    import pdfplumber

    from rkt_rules.read import upright
    from tests.layouts import Layout
    from tests.test_ocr import _spec

    pdf = render(_spec(), Layout(), "pdf")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert upright.turns(document.pages) == {}
    with pdfplumber.open(io.BytesIO(_turned(pdf, 90))) as document:
        assert upright.turns(document.pages) == {0: 270}
