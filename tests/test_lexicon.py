"""Tests for quality.lexicon against the WordNet 3.0 data in rules/data/wordnet.bin.gz.

Expectations are what WordNet 3.0 says, checked by hand against the database files.
"""

from __future__ import annotations

import pytest

from quality import lexicon


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("arms", ("arms", "arm")),
        ("apprehensions", ("apprehension",)),
        ("rose", ("rose", "rise")),
        ("better", ("better", "good", "well")),
        ("Government", ("government",)),
        ("Shows", ("show",)),
        ("geese", ("goose",)),
        ("children", ("child",)),
        ("went", ("go",)),
        ("running", ("running", "run")),
        ("data", ("data", "datum")),
        ("leaves", ("leaf", "leave")),
        ("glasses", ("glasses", "glass")),
        ("boss", ("boss",)),  # nouns ending in "ss" are not detached (no "bos")
        ("well-known", ("well-known",)),
        ("Mexicans", ("mexican",)),
        ("don\u2019t", ()),
        ("xyzzy", ()),
        ("", ()),
    ],
)
def test_lemmas(word, expected):
    assert lexicon.lemmas(word) == expected


def test_lemmas_include_irregular_bases():
    assert {"rise", "rose"} <= set(lexicon.lemmas("rose"))
    assert {"good", "well"} <= set(lexicon.lemmas("better"))
    assert "arm" in lexicon.lemmas("arms")


@pytest.mark.parametrize(
    ("word", "is_word", "is_proper"),
    [
        ("Government", True, False),
        ("Shows", True, False),
        ("government", True, False),
        ("Harris", False, True),  # WordNet has only the surname "Harris"
        ("Mexican", False, True),
        ("Mexicans", False, True),
        ("Caribbean", False, True),
        ("U.S.", False, True),
        ("Nazi", True, False),  # WordNet also has lowercase "nazi" (a fanatic)
        ("Nazis", True, False),
        ("Wales", True, True),  # proper lemma "Wales", but also the plural of "wale"
        ("xyzzy", False, False),
    ],
)
def test_is_word_and_is_proper(word, is_word, is_proper):
    assert lexicon.is_word(word) is is_word
    assert lexicon.is_proper(word) is is_proper


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Harris", True), ("government", True), ("arms", True), ("xyzzy", False), ("", False)],
)
def test_known(word, expected):
    assert lexicon.known(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("apprehensions", 8),
        ("government", 108),
        ("Shows", 480),
        ("better", 614),  # better + good + well
        ("Harris", 0),  # known, but never sense-tagged
        ("xyzzy", 0),
    ],
)
def test_frequency(word, expected):
    assert lexicon.frequency(word) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("mitigate", "reduce", 2),
        ("primary", "main", 0),  # shared synset
        ("perspective", "view", 0),
        ("negotiations", "talks", 0),
        ("hosts", "hosts", 0),  # shared lemma
        ("increased", "increase", 0),
        ("expand", "increase", 1),
        ("pandemic", "epidemic", 1),
        ("apprehensions", "concerns", None),  # 3 hops
        ("xyzzy", "reduce", None),
        ("reduce", "xyzzy", None),
    ],
)
def test_distance(a, b, expected):
    assert lexicon.distance(a, b) == expected
    assert lexicon.distance(b, a) == expected
    assert lexicon.related(a, b) is (expected is not None)


def test_distance_max_depth():
    assert lexicon.distance("apprehensions", "concerns", max_depth=4) == 3
    assert lexicon.distance("apprehensions", "concerns", max_depth=3) == 3
    assert lexicon.distance("mitigate", "reduce", max_depth=1) is None
    assert lexicon.distance("primary", "main", max_depth=0) == 0
    assert lexicon.distance("primary", "main", max_depth=-1) is None
    assert lexicon.related("mitigate", "reduce")
    assert lexicon.related("primary", "main")
    assert lexicon.related("perspective", "view")
    assert not lexicon.related("mitigate", "reduce", max_depth=1)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("legal", "illegal"),
        ("arm", "disarm"),
        ("arms", "disarm"),
        ("increase", "decrease"),
        ("increased", "decreasing"),
        ("rose", "fell"),  # rise / fall
        ("damp", "dry"),  # indirect: damp is similar to wet, wet / dry
        ("wet", "arid"),  # indirect: arid is similar to dry
        ("lengthening", "shorten"),  # inflection: lengthen / shorten
        ("legality", "illegal"),  # derivation: legality -> legal / illegal
        ("acceptance", "reject"),  # derivation: acceptance -> accept / reject
        ("winner", "lose"),  # derivation: winner -> win / lose
    ],
)
def test_antonyms(a, b):
    assert lexicon.are_antonyms(a, b)
    assert lexicon.are_antonyms(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("tomorrow", "yesterday"),  # WordNet has no antonym pointer between them
        ("increase", "diminish"),  # synonym of the antonym "decrease": not counted
        ("moist", "arid"),  # two similar-to hops
        ("increased", "rose"),
        ("expand", "increase"),
        ("decrease", "decline"),
        ("legal", "legal"),
        ("xyzzy", "legal"),
    ],
)
def test_not_antonyms(a, b):
    assert not lexicon.are_antonyms(a, b)
    assert not lexicon.are_antonyms(b, a)
