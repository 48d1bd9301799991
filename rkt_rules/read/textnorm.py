"""Indonesian text normalised for matching: case, punctuation, stopwords, affixes.

Two indicators are compared as sets of stems, so *keamanan* meets *aman* and
*dimenangkan* meets *menang*; the scoring itself lives with the checks that use
it (rules/checks/alignment.py). Stems come from PySastrawi (its stemmer with its
dictionary of root words), loaded the first time a text is compared; the function
words and the measure words every indicator repeats (*persentase*, *jumlah*) are
vocabulary (vocabulary/words.toml [matching]), a list that keeps negations and
opposites: they change what an indicator measures. Words are memoised (plans repeat the same words); whole texts are not:
each is compared once per check, and a memo of texts that never come back costs
more than it saves.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..vocabulary import derived, load

WORD = re.compile(r"[^\W_]+", re.UNICODE)


@cache
def _stemmer():
    """PySastrawi's stemmer over its own dictionary of root words.

    Built from its parts rather than by StemmerFactory, which adds the 29,000
    root words one method call at a time (most of a cold check's cost when it
    did); our own lru_cache stands in for its result cache."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    dictionary = ArrayDictionary()
    dictionary.words = {word: word for word in StemmerFactory().get_words_from_file() if word.strip()}
    return Stemmer(dictionary)


@derived
@cache
def stopwords() -> frozenset[str]:
    """The function words and the measure and office words of [matching] (vocabulary/words.toml).

    Not PySastrawi's stopword list: made for search, it drops ``tidak``, ``dalam``, ``luar``, ``lebih``,
    ``kurang``, ``tepat`` and single letters, so ``tepat waktu`` and ``tidak tepat waktu`` would be one
    indicator, and ``laik jalan`` the same as ``tidak laik jalan``."""
    matching = load("words")["matching"]
    return frozenset(w.lower() for w in matching["function_words"] + matching["ignore"])


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's stem by PySastrawi; short words and words with digits are their own.

    A root word of its dictionary is its own stem, as the stemmer would find
    first; other words go to its word stemmer directly (``stem`` would first
    normalise and split a whole text)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    stemmer = _stemmer()
    if word in stemmer.dictionary.words:
        return word
    return stemmer.stem_word(word)


@lru_cache(maxsize=65536)
def _stem_of(word: str) -> str | None:
    """A word's stem, or None when the word or its stem is a stopword."""
    ignored = stopwords()
    if word in ignored:
        return None
    found = stem(word)
    return None if found in ignored else found


@derived
@cache
def negation_stems() -> frozenset[str]:
    """The negations (tidak, bukan, belum…) as ``stems`` gives them: a text holding one measures the opposite."""
    return frozenset(stem(word) for word in load("words")["breakdown"]["negations"])


def opposite(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Two texts' stems, one negated and the other not (``laik jalan`` / ``tidak laik jalan``): never one indicator."""
    negations = negation_stems()
    return (mine & negations) != (theirs & negations)


def stems(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content stems of ``text``: lowercased, split on punctuation, stopwords and ``ignore`` dropped."""
    found = set()
    for word in WORD.findall(text.lower()):
        stemmed = _stem_of(word)
        if stemmed is not None and word not in ignore and stemmed not in ignore:
            found.add(stemmed)
    return frozenset(found)


def content_words(text: str, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of ``text`` that say what it measures, as written (lowercased, stopwords and
    ``ignore`` dropped, not stemmed): for comparing texts of one document, whose wording repeats."""
    ignored = stopwords()
    return frozenset(w for w in WORD.findall(text.lower()) if w not in ignored and w not in ignore)


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
