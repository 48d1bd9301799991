"""A unit named by its short form in the title (RENSTRA DINSOS P3AKB) under a letterhead or heading that writes
it out: the document's unit is the name written out, when the short form agrees with it letter by letter, as
Indonesian offices shorten their names (the opening letters of each word, a letter repeated as P3). A heading
naming another office never replaces it."""

from hypothesis import given, settings, strategies as st

from rkt_rules.read import read_data
from rkt_rules.read.recognise.identity import abbreviates

SUBJECTS = ["SOSIAL", "PEMBERDAYAAN", "PEREMPUAN", "PERLINDUNGAN", "ANAK", "KELUARGA", "BERENCANA", "KESEHATAN",
            "PERENCANAAN", "PEMBANGUNAN", "PENDAPATAN", "PERHUBUNGAN", "KEPENDUDUKAN", "PARIWISATA", "ARSIP"]
OTHERS = ["LINGKUNGAN", "HIDUP", "TENAGA", "MANUSIA", "GIZI", "TATA", "RUANG", "HUKUM"]  # no opening letter in SUBJECTS
KINDS = ["DINAS", "BADAN", "KANTOR"]
PLACES = ["KABUPATEN BONDOWOSO", "KOTA CONTOH", "PROVINSI JAWA TENGAH"]


@st.composite
def office(draw, pool=SUBJECTS):
    kind = draw(st.sampled_from(KINDS))
    subjects = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=5, unique=True))
    return kind, subjects, draw(st.sampled_from(PLACES))


@st.composite
def short_form(draw, kind, subjects):
    """Each word cut to its opening letters (at least one), the cuts run together in one or two words."""
    cuts = [word[:draw(st.integers(1, min(4, len(word))))] for word in [kind, *subjects]]
    split = draw(st.integers(1, len(cuts)))
    return " ".join(part for part in ("".join(cuts[:split]), "".join(cuts[split:])) if part)


def plan(letterhead: str, title: str, prose: list[str]) -> bytes:
    lines = [letterhead, *prose, title, "", "No\tSasaran Strategis\tIndikator Kinerja\tTarget",
             "1\tMeningkatnya kualitas layanan\tPersentase layanan yang tuntas\t90%"]
    return ("\n".join(lines) + "\n").encode()


PROSE = st.lists(st.sampled_from(["VISI", "MEWUJUDKAN DAERAH YANG MAJU DAN SEJAHTERA", "TUJUAN", "1. MENURUNNYA TINGKAT KEMISKINAN"]),
                 max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.data(), office(), PROSE, st.sampled_from(["RENSTRA {} 2021-2026", "RENCANA KINERJA TAHUNAN {} TAHUN 2024"]))
def test_a_short_name_in_the_title_takes_the_letterheads_name_it_abbreviates(data, named, prose, title):
    kind, subjects, place = named
    full = f"{kind} {' '.join(subjects)} {place}"
    short = data.draw(short_form(kind, subjects))
    if short.split() == [kind] or all(word in full.split() for word in short.split()):
        return  # not shortened: a name merely lengthened is another case (more_specific)
    document = read_data(plan(full, title.format(short), prose), "plan.txt").documents[0]
    assert document.unit == full


@settings(max_examples=40, deadline=None)
@given(st.data(), office(), office(OTHERS), PROSE)
def test_a_heading_naming_another_office_never_replaces_the_title_s_unit(data, named, other, prose):
    kind, subjects, place = named
    short = data.draw(short_form(kind, subjects))
    other_kind, other_subjects, other_place = other
    heading = f"{kind} {' '.join(other_subjects)} {other_place}"  # the same kind of office, other words
    assert not abbreviates(short, heading) or short.split() == [kind]
    document = read_data(plan(heading, f"RENSTRA {short} 2021-2026", prose), "plan.txt").documents[0]
    assert document.unit != heading


def test_a_name_merely_written_out_is_no_abbreviation():
    assert not abbreviates("DINAS SOSIAL", "DINAS SOSIAL KABUPATEN CONTOH")
    assert abbreviates("DINSOS P3AKB", "DINAS SOSIAL, PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK, DAN KELUARGA BERENCANA KABUPATEN BONDOWOSO")
    assert not abbreviates("DINKES", "DINAS PENDIDIKAN KABUPATEN CONTOH")
