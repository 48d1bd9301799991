"""Indonesian text normalised for matching: case, punctuation, stopwords, affixes.

Two indicators are compared as sets of stems, so *keamanan* meets *aman* and
*dimenangkan* meets *menang*; the scoring itself lives with the checks that use
it (checks/alignment.py). Stemming uses Sastrawi (built on first use) and
every word and text is memoised: plans repeat the same phrases endlessly.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Function words, and words every indicator of a unit repeats (its own name,
# the measure word) that say nothing about what is measured.
STOPWORDS = frozenset("""
yang dan di ke dari pada dalam untuk dengan oleh atas serta atau sesuai secara terhadap melalui telah dapat ada tanpa
bagi akan agar guna para setiap seluruh adalah sebagai antara paling lambat hari kerja satu dua tiga
mengenai tentang terkait lingkungan
persentase presentase prosentase jumlah nilai tingkat indeks rasio
kpu kota kabupaten kab provinsi sekretariat
""".split())


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stem(word) if len(word) > 3 and word.isalpha() else word


_STEM_OF: dict[str, str | None] = {}  # word → its stem, or None when the word or its stem is a stopword


def _stem_of(word: str) -> str | None:
    if len(_STEM_OF) > 65536:
        _STEM_OF.clear()
    found = None if word in STOPWORDS else stem(word)
    found = _STEM_OF[word] = None if found in STOPWORDS else found
    return found


@lru_cache(maxsize=65536)
def stems(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content stems of ``text``: lowercased, split on punctuation, stopwords and ``ignore`` dropped."""
    found = set()
    for word in WORD.findall(text.lower()):
        stemmed = _STEM_OF[word] if word in _STEM_OF else _stem_of(word)
        if stemmed is not None and word not in ignore and stemmed not in ignore:
            found.add(stemmed)
    return frozenset(found)


def unit_words(unit: str | None) -> frozenset[str]:
    """Words of a unit's own name (*Pontianak*), which its indicators all repeat."""
    return frozenset(WORD.findall((unit or "").lower())) - {"dan"}


def rarity_weights(texts: list[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each stem over ``texts``: rare words weigh more.

    Words every indicator shares (*pemilu*) then count for little and the word
    that tells two indicators apart (*aman*) for much.
    """
    from collections import Counter
    from math import log

    counts = Counter(word for text in texts for word in text)
    total = len(texts) + 1
    return {word: log(total / (count + 0.5)) for word, count in counts.items()}
