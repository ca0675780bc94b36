"""Offline WordNet 3.0 lexicon: base forms, word/name tests, relatedness and antonyms.

The data is ``rules/data/wordnet.bin.gz`` (installed as ``quality.rules/data``), built from
Debian's ``wordnet-base`` by ``scripts/build_wordnet.py``; see ``WORDNET-LICENSE.txt`` next
to it. It is loaded lazily on first use and kept for the life of the process.

Every function takes a surface word in any case and looks at all of its WordNet base forms
(:func:`lemmas`), across all parts of speech. Only single-word lemmas are known; multi-word
expressions ("take off") are not. Words WordNet does not know give empty/zero/``None``/
``False`` answers, never errors.

Relatedness (:func:`distance`) counts hops between synsets over these WordNet relations,
all taken in both directions: hypernym/hyponym (including instances), similar to, also see,
verb group, entailment, cause, attribute, derivationally related form, pertainym and
participle. Lexical relations are widened to whole synsets. Antonymy and meronymy are not
counted.
"""

from __future__ import annotations

import gzip
import json
import sys
import threading
from array import array
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

__all__ = [
    "antonym_ids",
    "are_antonyms",
    "lemma_ids",
    "distance",
    "frequency",
    "has_proper",
    "is_proper",
    "is_word",
    "known",
    "lemmas",
    "related",
    "synsets",
]

_DATA_NAME = "wordnet.bin.gz"
_MAGIC = b"QWN1\n"
_U32 = next(code for code in "IL" if array(code).itemsize == 4)

# Lemma flags (see scripts/build_wordnet.py).
_COMMON = 1  # occurs in lowercase somewhere in WordNet
_CAPITALISED = 2  # occurs capitalised somewhere in WordNet (a name sense)
_POS_SHIFT = 2  # bits 2..5: has noun / verb / adjective / adverb senses
_NOUN, _VERB, _ADJ, _ADV = range(4)

# WordNet's detachment rules (morph.c), plus NLTK's "ves" -> "f" for nouns.
_SUFFIXES: dict[int, tuple[tuple[str, str], ...]] = {
    _NOUN: (
        ("s", ""),
        ("ses", "s"),
        ("ves", "f"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    _VERB: (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
    _ADJ: (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    _ADV: (),
}

# Cache sizes. A radius-2 neighbourhood is typically a few hundred to a few thousand synsets.
_WORD_CACHE = 65536
_BALL_CACHE = 8192


class _Data:
    """The decoded data file: flat arrays indexed by lemma id and synset id.

    The layout is documented in ``scripts/build_wordnet.py``.
    """

    __slots__ = (
        "lemma_ids",
        "flags",
        "freq",
        "sense_off",
        "sense_syn",
        "nb_off",
        "nb_syn",
        "ant_off",
        "ant_lemma",
        "exceptions",
    )

    def __init__(self, raw: bytes) -> None:
        if not raw.startswith(_MAGIC):
            raise ValueError(f"{_DATA_NAME}: not a quality WordNet data file")
        end = raw.index(b"\n", len(_MAGIC))
        header = json.loads(raw[len(_MAGIC) : end])
        view = memoryview(raw)
        pos = end + 1
        u32: dict[str, array] = {}
        text: dict[str, str] = {}
        blobs: dict[str, bytes] = {}
        for name, kind, length in header["sections"]:
            blob = view[pos : pos + length]
            pos += length
            if kind == "u32":
                values = array(_U32)
                values.frombytes(blob)
                if sys.byteorder == "big":
                    values.byteswap()
                u32[name] = values
            elif kind == "str":
                text[name] = str(blob, "utf-8")
            else:
                blobs[name] = bytes(blob)

        lemma_list = text["lemmas"].split("\n")
        self.lemma_ids: dict[str, int] = dict(zip(lemma_list, range(len(lemma_list)), strict=True))
        self.flags: bytes = blobs["lemma_flags"]
        self.freq: array = u32["lemma_freq"]
        self.sense_off: array = u32["sense_off"]
        self.sense_syn: array = u32["sense_syn"]
        self.nb_off: array = u32["nb_off"]
        self.nb_syn: array = u32["nb_syn"]
        self.ant_off: array = u32["ant_off"]
        self.ant_lemma: array = u32["ant_lemma"]
        self.exceptions: list[dict[str, tuple[str, ...]]] = []
        for code in "nvar":  # same order as _NOUN, _VERB, _ADJ, _ADV
            table: dict[str, tuple[str, ...]] = {}
            for line in text[f"exc_{code}"].splitlines():
                form, *bases = line.split()
                table[form] = tuple(bases)
            self.exceptions.append(table)

    def senses(self, lemma_id: int) -> array:
        """Synset ids of a lemma, by POS and WordNet sense order."""
        return self.sense_syn[self.sense_off[lemma_id] : self.sense_off[lemma_id + 1]]

    def neighbours(self, synset: int) -> array:
        """Synset ids one hop away from ``synset``, over all stored relations."""
        return self.nb_syn[self.nb_off[synset] : self.nb_off[synset + 1]]

    def antonyms(self, lemma_id: int) -> array:
        """Lemma ids that are antonyms of a lemma (direct or one hop, see the build script)."""
        return self.ant_lemma[self.ant_off[lemma_id] : self.ant_off[lemma_id + 1]]


_data: _Data | None = None
_lock = threading.Lock()


def _data_bytes() -> bytes:
    """Read the gzip'd data file from the installed ``quality.rules`` package or the repo."""
    try:
        from importlib.resources import files

        return (files("quality.rules") / "data" / _DATA_NAME).read_bytes()
    except (ImportError, OSError, TypeError):
        path = Path(__file__).resolve().parent.parent / "rules" / "data" / _DATA_NAME
        return path.read_bytes()


def _load() -> _Data:
    """The decoded data, loaded once per process."""
    global _data
    if _data is None:
        with _lock:
            if _data is None:
                _data = _Data(gzip.decompress(_data_bytes()))
    return _data


@lru_cache(maxsize=_WORD_CACHE)
def _normalise(word: str) -> str:
    return word.strip().lower().replace("\u2019", "'")


@lru_cache(maxsize=_WORD_CACHE)
def _lemmas(word: str) -> tuple[str, ...]:
    """Morphy over all parts of speech for a normalised word."""
    data = _load()
    ids, flags = data.lemma_ids, data.flags
    found: dict[str, None] = {}

    def has_pos(candidate: str, pos: int) -> bool:
        i = ids.get(candidate)
        return i is not None and bool(flags[i] >> _POS_SHIFT & (1 << pos))

    if word in ids:
        found[word] = None
    for pos in (_NOUN, _VERB, _ADJ, _ADV):
        exceptions = data.exceptions[pos].get(word)
        if exceptions is not None:
            candidates: Iterable[str] = exceptions
        elif pos == _NOUN and (word.endswith("ss") or len(word) <= 2):
            continue  # WordNet does not detach suffixes from these nouns
        else:
            candidates = (
                word[: len(word) - len(old)] + new
                for old, new in _SUFFIXES[pos]
                if word.endswith(old) and len(word) > len(old)
            )
        for candidate in candidates:
            if has_pos(candidate, pos):
                found[candidate] = None
    return tuple(found)


@lru_cache(maxsize=_WORD_CACHE)
def _lemma_ids(word: str) -> frozenset[int]:
    ids = _load().lemma_ids
    return frozenset(ids[lemma] for lemma in _lemmas(word))


@lru_cache(maxsize=_BALL_CACHE)
def _ball(word: str, radius: int) -> frozenset[int]:
    """Synsets within ``radius`` hops of any synset of any lemma of a normalised word."""
    data = _load()
    if radius == 0:
        return frozenset(s for i in _lemma_ids(word) for s in data.senses(i))
    inner = _ball(word, radius - 1)
    frontier = inner - _ball(word, radius - 2) if radius >= 2 else inner
    reached = set(inner)
    for synset in frontier:
        reached.update(data.neighbours(synset))
    return frozenset(reached)


def lemmas(word: str) -> tuple[str, ...]:
    """WordNet base forms of ``word`` over all parts of speech, lowercase.

    Morphy-style: the word itself if it is a lemma, then for each part of speech the
    exception-list bases (``noun.exc`` etc.) or, if the word has none, the results of
    WordNet's suffix-detachment rules that are lemmas of that part of speech. Nouns ending
    in "ss" or of at most two letters are not detached, as in WordNet. Empty if unknown.
    Like WordNet's morphy this over-generates for some words: "sites" also gives the verb
    "sit", "was" the noun "wa" (the abbreviation WA) besides "be".

    >>> lemmas("apprehensions")
    ('apprehension',)
    """
    return _lemmas(_normalise(word))


def known(word: str) -> bool:
    """True if ``word`` has any WordNet lemma, common or proper."""
    return bool(_lemmas(_normalise(word)))


def is_word(word: str) -> bool:
    """True if some lemma of ``word`` occurs in lowercase in WordNet (a common word).

    "Government" and "Shows" are words; "Harris" is not (WordNet has it only as a
    surname). Note that a name can also be a word through an inflection: "Wales" is the
    plural of the noun "wale".
    """
    data = _load()
    return any(data.flags[i] & _COMMON for i in _lemma_ids(_normalise(word)))


def is_proper(word: str) -> bool:
    """True if WordNet knows ``word`` only as a capitalised lemma (a name).

    If the lowercase word is itself a lemma, that lemma decides ("Wales" is proper even
    though "wales" also inflects "wale"); otherwise all of its base forms must be
    capitalised-only ("Mexicans" -> "Mexican"). False for unknown words. "Nazi" is not
    proper: WordNet also has a lowercase "nazi" (a fanatic).
    """
    data = _load()
    key = _normalise(word)
    own = data.lemma_ids.get(key)
    if own is not None:
        return not data.flags[own] & _COMMON
    ids = _lemma_ids(key)
    return bool(ids) and not any(data.flags[i] & _COMMON for i in ids)


def has_proper(word: str) -> bool:
    """True if WordNet has a capitalised lemma for ``word`` or one of its base forms, even
    when it is also a common word ("Congress", "Senate", "Democrats"); False for "Government"
    or "Climate", which WordNet knows only in lower case."""
    data = _load()
    return any(data.flags[i] & _CAPITALISED for i in _lemma_ids(_normalise(word)))


def frequency(word: str) -> int:
    """SemCor tag count (``cntlist.rev``) summed over all senses of all lemmas of ``word``."""
    data = _load()
    return sum(data.freq[i] for i in _lemma_ids(_normalise(word)))


def distance(a: str, b: str, max_depth: int = 2) -> int | None:
    """Fewest relation hops between any synset of ``a`` and any synset of ``b``.

    0 if the words share a lemma ("rose"/"rising") or a synset (synonyms); ``None`` if the
    distance exceeds ``max_depth`` or either word is unknown. Relations are those listed in
    the module docstring. Neighbourhoods are cached per word, so repeated calls are cheap.
    """
    key_a, key_b = _normalise(a), _normalise(b)
    ids_a, ids_b = _lemma_ids(key_a), _lemma_ids(key_b)
    if not ids_a or not ids_b or max_depth < 0:
        return None
    if not ids_a.isdisjoint(ids_b):
        return 0
    # A shortest path of length d has its midpoint within ceil(d/2) hops of a and
    # floor(d/2) hops of b, so only neighbourhoods of radius ceil(max_depth/2) are needed.
    for depth in range(max_depth + 1):
        if not _ball(key_a, (depth + 1) // 2).isdisjoint(_ball(key_b, depth // 2)):
            return depth
    return None


def synsets(word: str) -> frozenset[int]:
    """Ids of the synsets of every lemma of ``word`` (empty if unknown). Two words share a
    synset exactly when :func:`distance` is 0 through a synset."""
    return _ball(_normalise(word), 0)


def related(a: str, b: str, max_depth: int = 2) -> bool:
    """True if :func:`distance` between ``a`` and ``b`` is at most ``max_depth``."""
    return distance(a, b, max_depth) is not None


def lemma_ids(word: str) -> frozenset[int]:
    """Ids of the WordNet lemmas of ``word`` (see :func:`lemmas`)."""
    return _lemma_ids(_normalise(word))


@lru_cache(maxsize=_WORD_CACHE)
def _antonym_ids(word: str) -> frozenset[int]:
    data = _load()
    out: set[int] = set()
    for i in _lemma_ids(word):
        out.update(data.antonyms(i))
    return frozenset(out)


def antonym_ids(word: str) -> frozenset[int]:
    """Lemma ids that :func:`are_antonyms` accepts as antonyms of ``word``:
    ``are_antonyms(a, b)`` is ``not antonym_ids(a).isdisjoint(lemma_ids(b))`` when the two
    words share no lemma."""
    return _antonym_ids(_normalise(word))


def are_antonyms(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` are WordNet antonyms, directly or one step removed.

    Direct: a lemma of ``a`` and a lemma of ``b`` are linked by an antonym pointer
    ("legal"/"illegal", "arms"/"disarm", "increase"/"decrease" as nouns or verbs). One step
    removed, on one side only: a lemma of one word is in an adjective synset similar to
    the synset of the other's direct antonym (WordNet's indirect antonyms, "damp"/"dry"),
    or is a derivationally related form of that antonym ("lengthening"/"shorten"). Synonyms
    of an antonym do not count ("diminish" is not an antonym of "increase"). Words sharing
    a lemma are never antonyms.
    """
    ids_a, ids_b = _lemma_ids(_normalise(a)), _lemma_ids(_normalise(b))
    if not ids_a or not ids_b or not ids_a.isdisjoint(ids_b):
        return False
    return not ids_b.isdisjoint(_antonym_ids(_normalise(a)))
