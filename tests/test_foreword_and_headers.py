"""A long plan (Renja, Renstra) is signed in its foreword, repeats its title as a running header on
every page, and has chapter headings and a table of contents between the cover and its tables. Its
reading is one document whose unit is the title's: headings under the title never extend the unit's
name, the running header after the foreword's signature is no new document, a chapter heading that
names no year and no unit (``RENCANA KERJA & PENDANAAN``) neither, and a page number in a footer
(``i-1``, ``II-15``, ``Lembar 27 dari 27``) is never a signer's name."""

from hypothesis import given, settings, strategies as st

from rkt_rules.read import read_data

UNITS = ["Dinas Kesehatan Kabupaten Contoh", "Kabupaten Administrasi Kepulauan Contoh", "Badan Perencanaan Pembangunan Daerah Kota Contoh"]
HEADINGS = ["KATA PENGANTAR", "DAFTAR ISI", "HASIL EVALUASI", "RENJA PERANGKAT", "DAERAH TAHUN LALU", "EXECUTIVE SUMMARY",
            "PENDAHULUAN", "TUJUAN DAN SASARAN", "PERANGKAT DAERAH", "PENUTUP"]
FOOTERS = ["i-1", "II-15", "III.4", "- 3 -", "Hal. 5", "12", "Lembar 27 dari 27", "Lampiran III | Lembar 2 dari 9", "Halaman 4 dari 30"]
HEADER = "No\tSasaran\tIndikator Kinerja\tTarget"


def rows(start: int, count: int) -> str:
    return "\n".join(f"{n}\tMeningkatnya layanan bidang {n}\tPersentase layanan bidang {n} tepat waktu\t9{n % 10}%"
                     for n in range(start, start + count))


def foreword(unit: str, footer: str) -> str:
    return f"KATA PENGANTAR\nPuji syukur kami panjatkan.\n\nContoh, 21 Juli 2023\nKepala {unit}\n\n\nNAMA KEPALA, S.Sos\nNIP 196612051987031003\n{footer}\n"


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(UNITS), st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=5), st.sampled_from(FOOTERS))
def test_a_long_plan_signed_in_its_foreword_is_one_document_of_the_titles_unit(unit, headings, footer):
    title = f"Rancangan Akhir Rencana Kerja {unit} Tahun 2024"
    pages = [title, foreword(unit, footer), title, "\n".join(headings), title, f"{HEADER}\n{rows(1, 3)}",
             title, "RENCANA KERJA &", "PENDANAAN", f"{HEADER}\n{rows(4, 3)}"]
    plan = read_data("\n\n".join(pages).encode(), "renja.txt")
    assert len(plan.documents) == 1
    document = plan.documents[0]
    assert document.unit == unit
    assert [goal.number for goal in document.goals] == [str(n) for n in range(1, 7)]
    assert document.signature is not None and document.signature.name == "NAMA KEPALA, S.Sos"


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(FOOTERS))
def test_a_footer_under_a_signature_with_no_printed_name_is_no_name(footer):
    text = f"RENCANA KERJA DINAS CONTOH TAHUN 2024\n{HEADER}\n{rows(1, 2)}\n\nContoh, 2 Januari 2024\nKepala Dinas Contoh\n\n\n{footer}\n"
    document = read_data(text.encode(), "rkt.txt").documents[0]
    assert document.signature is None or document.signature.name is None


def test_a_second_plan_of_another_year_still_begins_a_new_document():
    text = "\n\n".join(f"RENCANA KINERJA TAHUNAN DINAS CONTOH TAHUN {year}\n{HEADER}\n{rows(1, 2)}\n\nContoh, 2 Januari {year}\n"
                       f"Kepala Dinas Contoh\n\n\nNAMA KEPALA" for year in (2023, 2024))
    assert [d.fiscal_year for d in read_data(text.encode(), "rkt.txt").documents] == [2023, 2024]


NAMES = ["JUNAEDI, S.Sos, M.Si", "Dr. H. Ahmad Suryana, M.Kes", "NAMA KEPALA", "Ir. Siti Rahmawati, M.T.", "Didi Kurniadi"]
PROSE = ["27. Administrasi Keuangan Perangkat Daerah.", "8. Program Pengelolaan Arsip;", "- Pembinaan pegawai",
         "Pembentukan Kewirausahaan Baru pada Kabupaten Administrasi.", "Provinsi Daerah Khusus Ibukota Jakarta",
         "Kabupaten Administrasi Kepulauan Contoh Tahun"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(PROSE))
def test_a_printed_name_is_a_name_and_prose_under_a_table_is_not(name, prose):
    from rkt_rules.read.recognise.signatures import could_be_name

    assert could_be_name(name) and not could_be_name(prose)
    text = f"RENCANA KERJA DINAS CONTOH TAHUN 2024\n{HEADER}\n{rows(1, 2)}\n\nContoh, 2 Januari 2024\nKepala Dinas Contoh\n\n\n{{}}\n"
    assert read_data(text.format(name).encode(), "rkt.txt").documents[0].signature.name == name
    signature = read_data(text.format(prose).encode(), "rkt.txt").documents[0].signature
    assert signature is None or signature.name is None


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["BAB", "Bab", "BAGIAN"]), st.sampled_from(["I", "II", "III", "IV", "2"]),
       st.sampled_from(["AKUNTABILITAS KINERJA", "PENDAHULUAN", "RENCANA KINERJA"]), st.booleans(),
       st.sampled_from(["A. CAPAIAN KINERJA", "1. Latar Belakang", "B. PERENCANAAN KINERJA"]))
def test_a_chapter_heading_under_a_title_never_names_the_unit(word, number, name, split, item):
    """Under a title that names no unit (a running header), a chapter heading (BAB III, then or with its name) or a
    lettered section is a heading: the unit stays unread, never the heading's words."""
    chapter = [f"{word} {number}", name] if split else [f"{word} {number} {name}"]
    text = "\n".join(["RENCANA KINERJA TAHUNAN TAHUN 2024", *chapter, item, "",
                      "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "1\tMeningkatnya layanan\tPersentase layanan\t90%", ""])
    [document] = read_data(text.encode(), "rkt.txt").documents
    assert document.unit is None


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["RINGKASAN EKSEKUTIF", "Ringkasan Eksekutif", "IKHTISAR EKSEKUTIF", "KATA PENGANTAR", "DAFTAR ISI",
                        "Executive Summary"]),
       st.sampled_from(["RENCANA KINERJA TAHUNAN TAHUN 2024", "PERJANJIAN KINERJA TAHUN 2024", "INDIKATOR KINERJA UTAMA TAHUN 2024"]))
def test_a_front_matter_heading_under_a_title_never_names_the_unit(heading, title):
    """The front matter every report or plan prints (Ringkasan Eksekutif, Kata Pengantar, Daftar Isi) is a heading:
    under a title that names no unit, the unit stays unread, never the heading's words."""
    text = "\n".join([title, heading, "", "No\tSasaran Strategis\tIndikator Kinerja\tTarget",
                      "1\tMeningkatnya layanan\tPersentase layanan\t90%", ""])
    units = [document.unit for document in read_data(text.encode(), "plan.txt").documents]
    assert units and all(unit is None for unit in units)
