"""The main defence against fitting: plans rendered in the layouts real offices use, in every
format, read back to the same plan. A failure names the layout and the format; the shared
documents are samples of these families, never the target."""

from hypothesis import HealthCheck, given, settings

from rkt_rules.read import read_data
from tests.layouts import expected, reading, render, specs_and_layouts

SUFFIX = {"text": "txt", "spaced": "txt", "docx": "docx", "xlsx": "xlsx", "html": "html", "pdf": "pdf"}


def _normal(value: dict) -> dict:
    value = dict(value)
    value["unit"] = " ".join((value["unit"] or "").upper().split())
    return value


def check_reads_back(spec, layout, fmt):
    data = render(spec, layout, fmt)
    plan = read_data(data, f"generated.{SUFFIX[fmt]}")
    import os
    if os.environ.get("LAYOUT_DUMP") and _normal(reading(plan)) != _normal(expected(spec, layout)):
        open(os.environ["LAYOUT_DUMP"], "wb").write(data)
    assert _normal(reading(plan)) == _normal(expected(spec, layout)), f"{fmt} {layout}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs_and_layouts(formats=("text", "spaced", "html", "docx", "xlsx")))
def test_a_plan_in_any_generated_layout_reads_back(case):
    check_reads_back(*case)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs_and_layouts(formats=("pdf",)))
def test_a_plan_in_any_generated_pdf_layout_reads_back(case):
    check_reads_back(*case)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs_and_layouts(formats=("spaced",)))
def test_a_plan_whose_columns_are_set_with_spaces_reads_back(case):
    """Text extracted with ``pdftotext -layout`` or pasted from a console: no TAB, columns by position."""
    check_reads_back(*case)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs_and_layouts(formats=("docx",)).filter(lambda case: case[1].typed))
def test_a_word_plan_typed_with_tabs_reads_back(case):
    """Labels, the budget and the two parties typed with TABs (a header spaced by hand), no drawn table."""
    check_reads_back(*case)
