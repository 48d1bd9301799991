"""Seeded mutations of the seed: each makes exactly the matching rule fire, at
the right document and goal, and nothing else new."""

import pytest

from tests.engine_helpers import findings_for, plan_from, seed_text

SEC, KPU = "SEKRETARIAT KPU KOTA PONTIANAK", "KPU KOTA PONTIANAK"

MUTATIONS = [
    ("percent above 100",
     ("Pemutakhiran Data Pemilih Tepat Waktu\t100%", "Pemutakhiran Data Pemilih Tepat Waktu\t120%"),
     {("percent-in-range", SEC, "3")}),
    ("grade outside A-E",
     ("Nilai Evaluasi atas Akuntabilitas Kinerja KPU Kota Pontianak\tB", "Nilai Evaluasi atas Akuntabilitas Kinerja KPU Kota Pontianak\tF"),
     {("grade-scale", SEC, "2")}),
    ("indicator cell emptied",
     ("sesuai dengan jadwal oleh KPU Kota Pontianak\t100%", "sesuai dengan jadwal oleh KPU Kota Pontianak\t"),
     {("target-present", SEC, "16")}),
    ("secretariat signed by the ketua",
     (" Sekretaris KPU Kota Pontianak", "Ketua KPU Kota Pontianak"),
     {("signatory-matches-unit", SEC, None)}),
    ("kpu signed by another city's ketua",
     ("Ketua KPU Kota Pontianak\n", "Ketua KPU Kota Singkawang\n"),
     {("signatory-matches-unit", KPU, None)}),
    ("secretariat target lowered below its kpu twin",
     ("Tahapan Pemilu/Pemilihan sesuai dengan jadwal oleh KPU Kota Pontianak\t100%", "Tahapan Pemilu/Pemilihan sesuai dengan jadwal oleh KPU Kota Pontianak\t90%"),
     {("aligned-target-consistent", SEC, "16")}),
]


def keyed(findings):
    return {(f.rule, f.location.unit, f.location.goal, f.message) for f in findings}


@pytest.mark.parametrize("name, change, expected", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_fires_exactly_its_rule(name, change, expected):
    original = seed_text()
    old, new = change
    assert original.count(old) == 1, f"mutation anchor for {name!r} must be unique"
    before = keyed(findings_for(plan_from(original)))
    after = keyed(findings_for(plan_from(original.replace(old, new))))
    introduced = {(rule, unit, goal) for rule, unit, goal, _ in after - before}
    assert introduced == expected
