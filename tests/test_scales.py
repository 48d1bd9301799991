"""One table of scales (vocabulary/scales.toml) for every scale rule: a score outside its index's
scale is an error (RKT010), the very top a warning (RKT022), a grade off its grades an error (RKT003);
a share or a count of something about the index is not its score."""

from hypothesis import given, settings, strategies as st

from rkt_rules import check
from rkt_rules.read import read_data
from rkt_rules.rules.checks.indicator import builtin_scales

NUMBERED = [scale for scale in builtin_scales() if scale.max is not None]
GRADED = [scale for scale in builtin_scales() if scale.grades]


def codes(indicator: str, target: str) -> list[str]:
    text = f"No\tSasaran\tIndikator Kinerja\tTarget\n1\tMeningkatnya tata kelola pemerintahan\t{indicator}\t{target}\n"
    return sorted(f.code for f in check(read_data(text.encode(), "plan.txt")).findings if f.code in ("RKT003", "RKT010", "RKT022"))


def test_every_scale_names_its_example_and_has_numbers_or_grades():
    from rkt_rules.rules.checks.indicator import _named

    named = _named(builtin_scales())
    for scale in builtin_scales():
        assert scale.example and named(scale.example) == scale, scale.name
        assert scale.grades or (scale.min is not None and scale.max is not None and scale.min < scale.max)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(NUMBERED), st.integers(1, 50))
def test_a_score_past_its_scale_is_an_error_and_a_share_of_it_is_not_a_score(scale, over):
    assert codes(scale.example, str(int(scale.max) + over)) == ["RKT010"]
    if scale.also is not None:  # a second interval of the same index (IKM 1–4): inside it is no error, between the two is
        assert codes(scale.example, str(int(scale.also[1]))) == []
        if scale.also[1] + 1 < scale.min:
            assert codes(scale.example, str(int(scale.also[1]) + 1)) == ["RKT010"]
    assert "RKT010" not in codes(f"Persentase rekomendasi {scale.example} yang ditindaklanjuti", f"{int(scale.max) + over}%")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(NUMBERED), st.floats(0.05, 0.95))
def test_a_score_inside_its_scale_passes_and_its_top_is_a_warning(scale, share):
    inside = round(scale.min + (scale.max - scale.min) * share)
    if inside < scale.max:
        assert codes(scale.example, str(inside)) == []
    assert codes(scale.example, str(int(scale.max))) == ["RKT022"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(GRADED), st.data())
def test_a_grade_is_judged_on_the_scale_its_indicator_names(scale, data):
    grade = data.draw(st.sampled_from(scale.grades))
    assert "RKT003" not in codes(scale.example, grade)
    off = next(g for g in ("E", "F", "AAA") if g not in scale.grades)
    assert "RKT003" in codes(scale.example, off)
