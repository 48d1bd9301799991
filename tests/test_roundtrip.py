"""Properties: rendering then reading gives the same plan; any text gives a plan or our error."""

from hypothesis import given
from hypothesis import strategies as st

from rkt_rules.errors import PlanError
from rkt_rules.model import Plan
from rkt_rules.read.decoding import decode
from rkt_rules.read.targets import is_percent_indicator
from rkt_rules.read.text import read_text
from rkt_rules.read.toml_plan import read_toml
from rkt_rules.report.serialize import without_locations
from rkt_rules.report.writers.text_layout import plan_to_text
from rkt_rules.report.writers.toml_plan import plan_to_toml
from tests.strategies import plans

@given(plans)
def test_text_layout_round_trip(plan):
    assert without_locations(read_text(plan_to_text(plan), "generated")) == without_locations(plan)


@given(plans)
def test_toml_round_trip(plan):
    assert without_locations(read_toml(plan_to_toml(plan), "generated")) == without_locations(plan)


@st.composite
def reports(draw):
    """A plan made an LKj: each indicator with a realisation, a capaian and a category as a report writes them
    (any of them missing), and the report's own scale of categories."""
    from rkt_rules.model import Band
    from rkt_rules.read.targets import read_target

    plan = draw(plans)
    realised = st.sampled_from([None, "80%", "2 Lap", "98,6", "", "N/A"])
    capaian = st.sampled_from([None, "100%", "98,64%", "120"])
    category = st.sampled_from([None, "Sangat Baik", "Berhasil", "Kurang"])
    scale = tuple(draw(st.lists(st.sampled_from([Band(low=90.0, high=None, category="Sangat Baik", raw=">= 90%"),
                                                 Band(low=75.0, high=90.0, category="Baik", raw="75 - < 90"),
                                                 Band(low=None, high=50.0, category="Kurang", raw="< 50%")]), max_size=3, unique_by=lambda b: b.category)))
    documents = []
    for document in plan.documents:
        goals = []
        for goal in document.goals:
            indicators = []
            for indicator in goal.indicators:
                real, achieved = draw(realised), draw(capaian)
                indicators.append(indicator.model_copy(update={
                    "realisation": None if real is None else read_target(real, is_percent_indicator(indicator.text)),
                    "achievement": None if achieved is None else read_target(achieved, True), "category": draw(category)}))
            goals.append(goal.model_copy(update={"indicators": tuple(indicators)}))
        documents.append(document.model_copy(update={"document_type": "lkj", "goals": tuple(goals), "scale": scale}))
    return plan.model_copy(update={"documents": tuple(documents)})


@given(reports())
def test_an_lkj_keeps_its_measures_and_its_scale_through_toml(plan):
    """convert to TOML loses nothing a report says: realisation, capaian, category and its scale come back."""
    assert without_locations(read_toml(plan_to_toml(plan), "generated")) == without_locations(plan)


LAYOUT_PIECES = st.sampled_from([
    "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "(1)\t(2)\t(3)\t(4)", "1\tG\tPersentase X\t100%",
    "\t\tJumlah Y\t2 Lap", "**RENCANA KINERJA TAHUNAN (RKT)", "TAHUN 2023**", "Nama/Unit Organisasi",
    "Tahun Anggaran", ": KPU KOTA X", ": 2023", "Pontianak, 10 Januari 2023", "Ketua KPU Kota X", "NAMA", "",
    "\t\t\t", "2\t\t\t", "x\ty\tz\tw\tv",
])


@given(st.lists(st.one_of(LAYOUT_PIECES, st.text(max_size=30)), max_size=25))
def test_any_text_gives_a_plan_or_our_own_error(lines):
    try:
        plan = read_text("\n".join(lines), "fuzz.txt")
    except PlanError as error:
        assert error.path == "fuzz.txt"
    else:
        assert isinstance(plan, Plan) and plan.documents


@given(st.binary(max_size=200))
def test_any_bytes_decode_or_fail_with_our_error(data):
    try:
        text, notes = decode(data, "fuzz.txt")
    except PlanError:
        return
    lines = data.split(b"\n")
    for note in notes:  # each named line is one that truly holds bytes that are not UTF-8
        raw = lines[note.line - 1][3:] if note.line == 1 and data.startswith(b"\xef\xbb\xbf") else lines[note.line - 1]
        assert "\ufffd" in raw.decode("utf-8", "replace")
    try:
        read_text(text, "fuzz.txt")
    except PlanError:
        pass
