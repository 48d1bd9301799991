"""Headers, titles and labels are recognised by the vocabulary's words even when OCR or a typist
misspelt them (one letter in five), or when they are letter-spaced; short words stay exact."""

from hypothesis import assume, given, settings, strategies as st

from rkt_rules.read import read_data
from rkt_rules.read.recognise.header import column_of, header_of, maybe_header
from rkt_rules.read.recognise.identity import title_of
from rkt_rules.read.recognise.words import columns, same_word, unspaced, words_of

OCR_SWAPS = {"i": "l", "l": "i", "a": "e", "e": "a", "o": "0", "n": "m", "m": "n", "r": "n", "u": "v", "s": "5"}


def misspell(word: str, at: int) -> str:
    """One letter of ``word`` replaced as OCR does."""
    index = at % len(word)
    return word[:index] + OCR_SWAPS.get(word[index], "x") + word[index + 1:]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted((role, phrase) for role, phrases in columns().items() for phrase in phrases)), st.integers(0, 40), st.data())
def test_a_header_with_one_long_word_misread_still_names_its_column(entry, at, data):
    role, phrase = entry
    long_words = [i for i, word in enumerate(phrase) if len(word) >= 5 and word.isalpha()]
    assume(long_words)
    which = data.draw(st.sampled_from(long_words))
    written = " ".join(misspell(word, at) if i == which else word for i, word in enumerate(phrase)).title()
    assert column_of(written).role == role or column_of(written).role in {r for r, ps in columns().items() if phrase in ps}


def test_misread_headers_make_a_table():
    header = header_of(("N0", "Sasaran Stretegis", "Indlkator Kinerja", "Targat"))
    assert header is not None and [c.role for c in header.columns] == [None, "goal", "indicator", "target"]
    assert maybe_header("No\tSasaran\tIndlkator Kinerja\tTarget")


def test_short_words_are_never_guessed():
    assert not same_word("ne", "no") and not same_word("pk", "pj")
    assert column_of("Ne").role is None


@given(st.lists(st.sampled_from(["PROVINSI", "JAWA", "BARAT", "DINAS", "2027"]), min_size=1, max_size=4))
def test_letter_spacing_is_closed_up_word_by_word(words):
    spaced = "  ".join(" ".join(word) for word in words)
    assert unspaced(spaced).split() == words


def test_a_letter_spaced_or_misread_title_still_names_the_document():
    assert title_of("R E N C A N A  S T R A T E G I S").kind == "renstra"
    assert title_of("PERJANJlAN KlNERJA TAHUN 2022").kind == "pk"
    assert title_of("TENTANG RENCANA KINERJA TAHUNAN TAHUN 2024").kind == "rkt"
    assert title_of("Perjanjlan kinerja ini dibuat oleh para pihak yang bertanda tangan") is None


def test_a_year_column_reads_as_the_target_for_that_year():
    assert (column_of("Tahun 2027").role, column_of("Tahun 2027").year) == ("target", 2027)
    assert column_of("Kondisi Awal 2020").role == "baseline"
    assert column_of("Realisasi 2021").role is None


def test_a_plan_with_misread_header_words_reads():
    text = "RENCANA KINERJA TAHUNAN TAHUN 2024\nUnit Kerja : DINAS CONTOH\n\nNo\tSasaran Stretegis\tIndlkator Kinerja\tTargat\n1\tMeningkatnya layanan\tPersentase layanan\t90%\n"
    document = read_data(text.encode(), "x.txt").documents[0]
    assert [(i.text, i.target.raw) for g in document.goals for i in g.indicators] == [("Persentase layanan", "90%")]
    assert words_of("Indlkator") == ("indlkator",)
