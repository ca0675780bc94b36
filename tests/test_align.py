from __future__ import annotations

from conftest import ORIGINAL, REWRITTEN
from rapidfuzz import fuzz

from quality.align import _encode, align, dice
from quality.document import Document, read_document


def test_dice_equals_rapidfuzz_ratio_of_the_encodings():
    a, b = frozenset({1, 5, 9, 12}), frozenset({5, 9, 40})
    assert dice(a, b) == fuzz.ratio(_encode(a), _encode(b)) / 100 == 4 / 7


def test_seed_pair_alignment():
    al = align(read_document(ORIGINAL), read_document(REWRITTEN))
    shapes = {(p.src, p.sus) for p in al.pairs}
    # One source sentence split into three suspect sentences ("Less The number…").
    assert ((2,), (2, 3, 4)) in shapes
    # "… will center on regional cooperation" -> "…. Focus on regional cooperation."
    assert ((4,), (6, 7)) in shapes
    # Inserted captions and credits align with nothing.
    assert {8, 9, 10, 23, 24, 25} <= set(al.unaligned_sus)
    # The source's byline, bio and links are not in the suspect.
    assert al.unaligned_src == [29, 30, 31, 32, 33, 34]
    assert round(al.similarity, 2) == 0.69
    assert round(al.coverage, 2) == 0.97


def test_identical_documents_align_one_to_one():
    d = read_document(ORIGINAL)
    al = align(d, read_document(ORIGINAL))
    assert all(p.shape == (1, 1) and p.similarity == 1.0 for p in al.pairs)
    assert al.unaligned_src == al.unaligned_sus == []
    assert al.similarity == 1.0


SRC = """Storm Ida flooded three subway stations in Brooklyn on Monday night.

The city council approved an emergency budget of 40 million dollars for repairs.

Engineers warned that the drainage system was built for far smaller storms."""

MOVED = """Engineers cautioned that the drainage network was designed for much smaller storms.

Storm Ida flooded three subway stations in Brooklyn on Monday evening.

The city council approved an emergency budget of 40 million dollars for repairs."""


def test_moved_paragraph_still_pairs():
    al = align(Document(SRC), Document(MOVED))
    pairs = sorted((p.src, p.sus, p.moved) for p in al.pairs)
    assert pairs == [((0,), (1,), False), ((1,), (2,), False), ((2,), (0,), True)]
    assert al.unaligned_src == al.unaligned_sus == []


def test_word_edits_have_offsets_on_both_sides():
    src = Document("Officials said the talks will take a backseat on Thursday.")
    sus = Document("Officials said the talks would be reversed on Thursday.")
    (pair,) = align(src, sus).pairs
    edits = [
        (
            e.op,
            [w.text for w in pair.src_words[e.src0 : e.src1]],
            [w.text for w in pair.sus_words[e.sus0 : e.sus1]],
        )
        for e in pair.edits
    ]
    assert edits == [
        ("equal", ["Officials", "said", "the", "talks"], ["Officials", "said", "the", "talks"]),
        ("replace", ["will", "take", "a"], ["would", "be", "reversed"]),
        ("delete", ["backseat"], []),
        ("equal", ["on", "Thursday"], ["on", "Thursday"]),
    ]
