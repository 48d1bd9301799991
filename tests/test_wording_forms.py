"""Rules by the form of the wording (issue 24), each tested on the class, not on one document:
- a goal that *names* a piece of work (a process noun: ``Penyediaan Rumah Khusus``, ``Dukungan
  Manajemen …``) is a kegiatan presented as a sasaran: reported once on the goal, and the outputs
  counted under it fit it, so they are not reported again;
- a goal that means a result but words it as a change (``Peningkatan …``) or a verb of doing
  (``Melanjutkan …``) keeps its counted outputs reported;
- a count is of outputs by the noun after the count word, by the work its people take part in, or
  by its target's unit word;
- goal numbering that starts again at 1 begins a new list; a gap is still one;
- rows of a program table going on from a page the reader could not tie to a goal are the detail of
  delivery, not unreadable rows."""

from hypothesis import given, settings, strategies as st

from rkt_rules.read.text import read_text
from rkt_rules.rules.examples import example_plan
from tests.engine_helpers import codes, findings_for

WORK = ["Penyediaan", "Perencanaan", "Pembinaan", "Pengelolaan", "Dukungan Manajemen", "Penyelenggaraan"]
CHANGES = ["Peningkatan", "Penurunan", "Penguatan", "Percepatan"]
VERBS = ["Melanjutkan", "Melaksanakan", "Menyusun"]
THINGS = ["rumah khusus", "layanan perizinan", "sarana irigasi", "administrasi kepegawaian"]
OUTPUTS = [("Jumlah Dokumen Perencanaan {}", "2 Dokumen"), ("Jumlah Laporan Pemantauan {}", "4 Laporan"),
           ("Jumlah kegiatan sosialisasi {}", "6 Kegiatan")]


def found(rows: str) -> list[str]:
    return codes(findings_for(example_plan(rows)))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(WORK), st.sampled_from(THINGS), st.sampled_from(OUTPUTS))
def test_outputs_under_a_goal_that_names_a_piece_of_work_are_not_reported_again(work, thing, output):
    indicator, target = output
    got = found(f"1\t{work} {thing}\t{indicator.format(thing)}\t{target}")
    assert got.count("RKT015") == 1  # the goal's wording: the defect a reviewer writes
    assert "RKT021" not in got


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(CHANGES + VERBS), st.sampled_from(THINGS), st.sampled_from(OUTPUTS))
def test_outputs_under_a_result_worded_as_a_change_or_a_verb_are_reported(word, thing, output):
    indicator, target = output
    assert "RKT021" in found(f"1\t{word} kualitas {thing}\t{indicator.format(thing)}\t{target}")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(THINGS), st.sampled_from(["Rekomendasi", "Pedoman", "Dokumen", "Laporan"]))
def test_a_count_whose_target_unit_is_a_work_product_counts_outputs(thing, unit):
    assert "RKT021" in found(f"1\tMeningkatnya kualitas {thing}\tJumlah hasil strategis {thing}\t60 {unit}")


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(THINGS), st.sampled_from(["pelatihan", "bimbingan teknis", "sosialisasi", "diklat"]))
def test_people_taking_part_in_work_held_are_counted_as_outputs(thing, work):
    assert "RKT021" in found(f"1\tMeningkatnya kualitas {thing}\tJumlah pegawai yang mengikuti {work} {thing}\t170 Orang")


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(THINGS), st.sampled_from(["Unit", "Orang", "Rumah Tangga", "Km"]))
def test_a_count_of_results_is_no_output(thing, unit):
    assert "RKT021" not in found(f"1\tMeningkatnya kualitas {thing}\tJumlah penerima manfaat {thing}\t60 {unit}")


def rows(numbers: list[int]) -> str:
    return "\n".join(f"{n}\tMeningkatnya mutu layanan {n}\tPersentase layanan tepat waktu nomor {n}\t80%" for n in numbers)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(2, 6), min_size=1, max_size=3))
def test_numbering_that_starts_again_at_one_is_a_new_list(lengths):
    numbers = [n for length in lengths for n in range(1, length + 1)]
    assert "RKT011" not in found(rows(numbers))


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 6), st.integers(2, 4))
def test_a_gap_in_the_numbering_is_still_reported(length, skip):
    numbers = list(range(1, length + 1)) + [length + skip]
    assert "RKT011" in found(rows(numbers))


PROGRAM_TABLE = (
    "**RENCANA STRATEGIS 2021-2026**\n\nDINAS CONTOH KABUPATEN CONTOH\n\n"
    "Tujuan\tSasaran\tProgram/Kegiatan\tIndikator\tTarget\n{rows}\n"
)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "PROGRAM PENGELOLAAN SUMBER DAYA AIR", "1.03.02 PROGRAM PENATAAN RUANG",
                                           "1.03.02.2.01.53 Operasi dan Pemeliharaan"]),
                          st.sampled_from(["Persentase irigasi dalam kondisi baik", "Panjang drainase kondisi baik"]),
                          st.sampled_from(["80%", "12 Km"])), min_size=1, max_size=5))
def test_program_rows_going_on_from_an_earlier_page_are_detail_not_unreadable(lines):
    body = "\n".join(f"\t\t{program}\t{indicator}\t{target}" for program, indicator, target in lines)
    plan = read_text(PROGRAM_TABLE.format(rows=body), "renstra.txt")
    problems = [d.problem for d in plan.diagnostics]
    assert "continuation row before any goal" not in problems
    assert "RKT014" not in codes(findings_for(plan))


GOAL = "1\tMeningkatnya mutu layanan\t{}\t{}"
STATUS = ["Tidak adanya kematian pasien {}", "Tidak ada insiden keselamatan {}", "Terakreditasinya {} sebagai rumah sakit pendidikan",
          "Tersusunnya dokumen {}", "Opini BPK atas {}", "Predikat {}"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(STATUS), st.sampled_from(THINGS), st.sampled_from(["100%", "95 %", "80%"]))
def test_a_state_an_absence_or_a_category_given_a_percentage_is_reported(form, thing, target):
    assert "RKT039" in found(GOAL.format(form.format(thing), target))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(STATUS), st.sampled_from(THINGS), st.sampled_from(["0", "WTP", "Paripurna", "1 Dokumen"]))
def test_the_same_forms_with_a_fitting_target_are_not(form, thing, target):
    assert "RKT039" not in found(GOAL.format(form.format(thing), target))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(THINGS), st.sampled_from(["100%", "80%"]))
def test_a_share_of_things_in_a_state_is_a_measure(thing, target):
    assert "RKT039" not in found(GOAL.format(f"Persentase {thing} yang terakreditasi", target))


CHANGE = ["Peningkatan", "Penurunan", "Meningkatnya", "Menurunnya", "Berkurangnya"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CHANGE), st.sampled_from(THINGS), st.sampled_from(["60 Menit", "40%", "0,09 %", "12"]))
def test_a_change_given_a_level_is_reported(word, thing, target):
    assert "RKT040" in found(GOAL.format(f"{word} waktu {thing}", target))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CHANGE), st.sampled_from(THINGS), st.sampled_from(["+5%", "-2%", "≤ 60 Menit", ">= 10%", "B"]))
def test_a_change_whose_target_is_signed_or_bounded_is_not(word, thing, target):
    assert "RKT040" not in found(GOAL.format(f"{word} waktu {thing}", target))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["kapal bersertifikat", "dokumen perizinan", "pegawai terlatih"]), st.integers(1, 99), st.integers(1, 9),
       st.sampled_from(["", " Sertifikat", " Dokumen", " Orang", " Unit"]))
def test_a_count_of_things_with_a_fraction_is_reported(thing, whole, tenth, unit):
    assert "RKT041" in found(GOAL.format(f"Jumlah {thing}", f"{whole},{tenth}{unit}"))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 99), st.integers(1, 9), st.sampled_from([" km", " Ha", " Mega Ton", " Juta Liter/Tahun", " Bulan"]))
def test_a_count_in_a_unit_of_measure_may_be_fractional(whole, tenth, unit):
    assert "RKT041" not in found(GOAL.format("Jumlah jalan yang diperbaiki", f"{whole},{tenth}{unit}"))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Indeks", "Indek", "Index", "Skor"]), st.integers(60, 99))
def test_an_index_given_a_percentage_is_reported(word, value):
    assert "RKT008" in found(GOAL.format(f"{word} Kepuasan Masyarakat", f"{value}%"))
    assert "RKT008" not in found(GOAL.format(f"{word} Kepuasan Masyarakat", f"{value}"))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Jumlah realisasi belanja anggaran {}", "Persentase penyerapan anggaran {}", "Nilai BMN pada neraca {}",
                        "Tingkat daya serap anggaran {}", "Nilai aset tetap {}"]), st.sampled_from(["Direktorat", "Dinas Contoh", "Badan"]))
def test_an_indicator_measuring_the_budget_absorbed_or_the_assets_held_is_an_input(form, unit):
    assert "RKT043" in found(GOAL.format(form.format(unit), "95%"))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Persentase BMN yang tercatat dan bersertifikat", "Opini BPK atas laporan keuangan", "Persentase pendapatan asli daerah yang terealisasi",
                        "Rasio persentase penyerapan anggaran terhadap persentase pencapaian program",
                        "Persentase realisasi belanja produk dalam negeri", "Persentase realisasi belanja pada usaha mikro dan kecil"]))
def test_a_result_of_managing_money_or_assets_is_no_input(text):
    assert "RKT043" not in found(GOAL.format(text, "90%"))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Jumlah", "Persentase", "Total", ""]), st.sampled_from(["kebutuhan", "Kebutuhan", "keperluan"]),
       st.sampled_from(["tenaga penyelam", "guru SD", "tenaga medis puskesmas", "sarana irigasi"]))
def test_an_indicator_whose_measured_noun_is_a_need_is_an_input(measure, need, thing):
    assert "RKT043" in found(GOAL.format(f"{measure} {need} {thing}".strip(), "20 Orang"))


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["pemenuhan kebutuhan", "terpenuhinya kebutuhan", "kebutuhan yang terpenuhi dari", "kebutuhan yang dapat dipenuhi untuk"]),
       st.sampled_from(["air bersih", "tenaga medis", "guru SD"]))
def test_a_need_met_is_a_result_not_an_input(form, thing):
    assert "RKT043" not in found(GOAL.format(f"Persentase {form} {thing}", "90%"))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Perda APBD Tepat Waktu", "Evaluasi Raperda APBD Kab/Kota Tepat Waktu", "Laporan keuangan yang disusun",
                        "Kebijakan teknis bidang perumahan"]),
       st.sampled_from([("4", "Dokumen"), ("2", "Laporan"), ("12", "Kegiatan"), ("3", "Rekomendasi")]))
def test_a_target_counting_work_products_counts_outputs_however_the_indicator_is_worded(text, target):
    number, unit = target
    assert "RKT021" in found(GOAL.format(text, f"{number} {unit}"))
    assert "RKT021" not in found(GOAL.format(f"Persentase {text.lower()}", f"{number} {unit}"))  # a share, another rule's matter
    assert "RKT021" not in found(GOAL.format(text, f"{number} Unit"))  # not a work product
