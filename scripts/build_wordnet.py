#!/usr/bin/env python3
"""Build the compact WordNet lexicon used by ``quality.lexicon``.

Usage::

    python scripts/build_wordnet.py [WORDNET_DIR] [OUTPUT_DIR]

``WORDNET_DIR`` defaults to ``/usr/share/wordnet`` (Debian's ``wordnet-base``, WordNet 3.0)
and must hold the ``index.*``, ``data.*``, ``*.exc`` and ``cntlist.rev`` files of the
WordNet database. ``OUTPUT_DIR`` defaults to ``rules/data`` next to this script's parent.
Two files are written there:

``wordnet.bin.gz``
    gzip'd container: the line ``QWN1``, one JSON header line
    ``{"meta": {...}, "sections": [[name, kind, length], ...]}`` and then the section
    payloads back to back. ``kind`` is ``"u32"`` (little-endian unsigned 32-bit array),
    ``"u8"`` (bytes) or ``"str"`` (UTF-8 text).
``WORDNET-LICENSE.txt``
    the Princeton WordNet 3.0 licence, copied from the database file header.

The lemma sections keep only single-word lemmas (no ``_``, i.e. no spaces; hyphens are
fine), but every synset is kept so that paths through multi-word synsets still count. Two-word
lemmas ("prime minister", "greenhouse gas") are kept apart, in the ``mwe_*`` sections. Synsets
are renumbered densely: nouns first, then verbs, adjectives (including satellites) and adverbs.

Sections:

``lemmas`` (str)
    sorted lowercase lemmas joined by ``\\n``; a lemma's id is its position.
``lemma_flags`` (u8)
    per lemma: bit 0 = occurs in lowercase (common word), bit 1 = occurs capitalised,
    bits 2-5 = has senses as noun, verb, adjective, adverb.
``lemma_freq`` (u32)
    per lemma: tag counts from ``cntlist.rev`` summed over all its senses.
``sense_off`` / ``sense_syn`` (u32)
    CSR arrays: the synsets of lemma ``i`` are ``sense_syn[sense_off[i]:sense_off[i + 1]]``,
    by part of speech (n, v, a, r) and WordNet sense order within each part of speech.
``nb_off`` / ``nb_syn`` (u32) and ``nb_type`` (u8)
    CSR arrays of neighbouring synsets; ``nb_type`` holds the relation as an ASCII code
    (see ``RELATIONS``). Every relation is stored in both directions; lexical pointers
    (derivation, pertainym, participle, also-see, verb group) are widened to synsets.
``ant_off`` / ``ant_lemma`` (u32) and ``ant_kind`` (u8)
    CSR arrays of antonym lemmas: the antonyms of lemma ``i`` are
    ``ant_lemma[ant_off[i]:ant_off[i + 1]]`` (symmetric). ``ant_kind`` says why:
    1 = a WordNet antonym pointer (``!``) between the two lemmas; 2 = indirect antonym,
    the lemma is in an adjective synset similar to (``&``) the synset of the other's
    direct antonym; 3 = the lemma is a derivationally related form (``+``, lexical, so
    sense-exact) of the other's direct antonym. Only one hop, on one side, is taken.
``exc_n``, ``exc_v``, ``exc_a``, ``exc_r`` (str)
    morphological exception lists, one ``inflected base [base ...]`` per line.
``mwe`` (str)
    sorted two-word lemmas, lowercase, the two words joined by one space (``_`` in WordNet),
    joined by ``\\n``; an expression's id is its position. Three-word and longer lemmas are
    not kept.
``mwe_flags`` (u8)
    per expression, the same bits as ``lemma_flags``.
``mwe_freq`` (u32)
    per expression: ``cntlist.rev`` tag counts summed over its senses (mostly 0).
``mwe_uses`` (u32)
    per expression: how often it occurs in WordNet's own glosses and example sentences, two
    adjacent words whose base forms (morphy, as in ``quality.lexicon``) are the expression's
    words ("greenhouse gases" counts for "greenhouse gas"); a usage count where the tag
    counts are 0.
``mwe_nsyn`` (u8) / ``mwe_syn`` (u32)
    per expression its number of synsets, and all their synsets back to back (in the same
    order as ``sense_syn``): CSR arrays whose offsets are the running sums of ``mwe_nsyn``
    (stored as counts, which compress far better than offsets).
``attested`` (str)
    sorted ``"a b"`` pairs of single-word base forms, joined by ``\\n``, that occur as adjacent
    words in the glosses and example sentences and that would otherwise look like a spun
    expression: ``a b`` is not itself an expression but some expression ``x y`` has ``x`` equal
    to or sharing a synset with ``a`` and ``y`` equal to or sharing a synset with ``b``, not
    both equal. ``quality.lexicon.fixed_expression`` takes them as ordinary English.

``meta`` holds ``pos_bounds``: the first synset id of verbs, adjectives, adverbs and the
total synset count.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from array import array
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path

FORMAT_MAGIC = b"QWN1\n"
POS_ORDER = ("n", "v", "a", "r")
POS_FILE = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

# WordNet pointer symbol -> (relation code, reverse relation code). Codes are one ASCII
# character; a relation that WordNet already stores in both directions maps onto the
# matching reverse code, so de-duplication keeps one copy.
RELATIONS: dict[str, tuple[str, str]] = {
    "@": ("@", "~"),  # hypernym / hyponym
    "~": ("~", "@"),
    "@i": ("i", "I"),  # instance hypernym / instance hyponym
    "~i": ("I", "i"),
    "&": ("&", "&"),  # similar to
    "^": ("^", "^"),  # also see
    "$": ("$", "$"),  # verb group
    "*": ("*", "e"),  # entails / is entailed by
    ">": (">", "c"),  # causes / is caused by
    "=": ("=", "="),  # attribute
    "+": ("+", "+"),  # derivationally related form
    "\\": ("\\", "p"),  # pertainym (adj) or derived from adjective (adv) / reverse
    "<": ("<", "l"),  # participle of verb / reverse
}
ANTONYM = "!"
DERIVATION = "+"
DIRECT, INDIRECT, DERIVED = 1, 2, 3  # antonym kinds, strongest first

# WordNet's detachment rules by part of speech (n, v, a, r), as ``_SUFFIXES`` in
# quality/lexicon.py: the two must stay the same (tests/test_lexicon.py checks).
SUFFIXES: tuple[tuple[tuple[str, str], ...], ...] = (
    (
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
    (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ),
    (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    (),
)

_MARKER = re.compile(r"\([a-z]+\)$")  # adjective syntactic markers: (a), (p), (ip)
_GLOSS_CLAUSE = re.compile(r'[;,.:!?()"`]')
_GLOSS_WORD = re.compile(r"[a-z][a-z'-]*")
_LICENCE_LINE = re.compile(r"^ {2}\d+ ?(.*?)\s*$")

SynsetKey = tuple[str, int]  # (data file POS, byte offset)
Sense = tuple[int, int]  # (synset id, lemma id)


def single_word(lemma: str) -> bool:
    """True for lemmas without spaces (WordNet writes them as ``_``)."""
    return "_" not in lemma and " " not in lemma


def two_words(lemma: str) -> bool:
    """True for WordNet lemmas of exactly two words (``prime_minister``)."""
    first, _, second = lemma.partition("_")
    return bool(first) and bool(second) and "_" not in second


def read_data(wn: Path, pos: str) -> list[tuple[int, list[str], list[tuple[str, str, int, int]]]]:
    """Parse ``data.<pos>``: per synset its offset, words and pointers.

    Pointers are ``(symbol, target data file POS, target offset, source/target hex)``.
    """
    synsets = []
    with open(wn / f"data.{POS_FILE[pos]}", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):
                continue  # licence header
            fields = line.split(" | ", 1)[0].split()
            offset = int(fields[0])
            w_cnt = int(fields[3], 16)
            words = [_MARKER.sub("", fields[4 + 2 * i]) for i in range(w_cnt)]
            i = 4 + 2 * w_cnt
            p_cnt = int(fields[i])
            pointers = []
            for j in range(i + 1, i + 1 + 4 * p_cnt, 4):
                symbol, target, tpos, st = fields[j : j + 4]
                tpos = "a" if tpos == "s" else tpos
                pointers.append((symbol, tpos, int(target), int(st, 16)))
            synsets.append((offset, words, pointers))
    return synsets


def read_index(wn: Path, pos: str) -> dict[str, list[int]]:
    """Parse ``index.<pos>``: lemma -> synset offsets in WordNet sense order."""
    senses: dict[str, list[int]] = {}
    with open(wn / f"index.{POS_FILE[pos]}", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
            start = 4 + p_cnt + 2
            senses[lemma] = [int(x) for x in fields[start : start + synset_cnt]]
    return senses


def read_glosses(wn: Path) -> list[str]:
    """Every synset's gloss (definitions and quoted examples), all parts of speech."""
    glosses = []
    for pos in POS_ORDER:
        with open(wn / f"data.{POS_FILE[pos]}", encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("  "):
                    glosses.append(line.partition(" | ")[2].strip())
    return glosses


def read_exceptions(wn: Path, pos: str) -> str:
    """Return ``<pos>.exc`` restricted to single-word forms and bases, one entry a line."""
    lines = []
    with open(wn / f"{POS_FILE[pos]}.exc", encoding="utf-8") as fh:
        for line in fh:
            form, *bases = line.split()
            bases = [base for base in bases if single_word(base)]
            if single_word(form) and bases:
                lines.append(" ".join([form, *bases]))
    return "\n".join(lines)


def read_counts(wn: Path) -> dict[str, int]:
    """Sum ``cntlist.rev`` tag counts per lowercase lemma."""
    counts: dict[str, int] = defaultdict(int)
    with open(wn / "cntlist.rev", encoding="utf-8") as fh:
        for line in fh:
            fields = line.split()
            if len(fields) == 3:
                counts[fields[0].split("%", 1)[0].lower()] += int(fields[2])
    return counts


def licence_text(wn: Path) -> str:
    """The Princeton licence, verbatim from the header of ``data.noun``."""
    lines = []
    with open(wn / "data.noun", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("  "):
                break
            match = _LICENCE_LINE.match(line.rstrip("\n"))
            if match:
                lines.append(match.group(1))
    return "\n".join(lines).strip() + "\n"


class Morphy:
    """Base forms of a lowercase word over all parts of speech, exactly as
    ``quality.lexicon.lemmas`` computes them from the same data."""

    def __init__(self, pos_masks: dict[str, int], exceptions: list[dict[str, list[str]]]) -> None:
        self.pos_masks = pos_masks  # single-word lemma -> bit p set if it has POS p (n, v, a, r)
        self.exceptions = exceptions  # per POS: inflected form -> bases
        self.cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, word: str) -> tuple[str, ...]:
        found = self.cache.get(word)
        if found is None:
            found = self.cache[word] = self._lemmas(word)
        return found

    def _lemmas(self, word: str) -> tuple[str, ...]:
        found: dict[str, None] = {}
        if word in self.pos_masks:
            found[word] = None
        for pos, rules in enumerate(SUFFIXES):
            bases = self.exceptions[pos].get(word)
            if bases is None:
                if pos == 0 and (word.endswith("ss") or len(word) <= 2):
                    continue
                bases = [
                    word[: len(word) - len(old)] + new
                    for old, new in rules
                    if word.endswith(old) and len(word) > len(old)
                ]
            for base in bases:
                if self.pos_masks.get(base, 0) >> pos & 1:
                    found[base] = None
        return tuple(found)


def expression_statistics(
    glosses: list[str],
    morphy: Morphy,
    expressions: list[tuple[str, str]],
    senses: dict[str, list[int]],
    syn_lemmas: list[list[str]],
) -> tuple[list[int], list[str]]:
    """Gloss usage count of each two-word expression, and the attested pairs.

    Both are read off adjacent words of the glosses (definitions and examples), within a
    clause, through their base forms; see ``mwe_uses`` and ``attested`` in the module
    docstring. ``syn_lemmas`` holds the single-word lemmas of each synset.
    """
    expr_id = {words: i for i, words in enumerate(expressions)}
    by_word: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
    for i, words in enumerate(expressions):
        for position in (0, 1):
            by_word[position].setdefault(words[position], []).append(i)
    slot_cache: tuple[dict[str, dict[int, bool]], dict[str, dict[int, bool]]] = ({}, {})

    def slots(lemma: str, position: int) -> dict[int, bool]:
        """Expressions whose word at ``position`` is ``lemma`` (True) or a synonym (False)."""
        found = slot_cache[position].get(lemma)
        if found is None:
            found = {}
            for synset in senses.get(lemma, ()):
                for word in syn_lemmas[synset]:
                    for i in by_word[position].get(word, ()):
                        found[i] = False
            for i in by_word[position].get(lemma, ()):
                found[i] = True
            slot_cache[position][lemma] = found
        return found

    def looks_spun(a: str, b: str) -> bool:
        first, second = slots(a, 0), slots(b, 1)
        if len(first) > len(second):
            first, second = second, first
        return any(
            (other := second.get(i)) is not None and not (literal and other)
            for i, literal in first.items()
        )

    uses = [0] * len(expressions)
    attested: set[str] = set()
    for gloss in glosses:
        for clause in _GLOSS_CLAUSE.split(gloss.lower()):
            words = _GLOSS_WORD.findall(clause)
            bases = [morphy(word) or (word,) for word in words]
            for j in range(len(words) - 1):
                hits = {
                    expr_id[(x, y)] for x in bases[j] for y in bases[j + 1] if (x, y) in expr_id
                }
                for i in hits:
                    uses[i] += 1
                if hits or not (words[j].isalpha() and words[j + 1].isalpha()):
                    continue
                for x in bases[j]:
                    for y in bases[j + 1]:
                        if x != y and looks_spun(x, y):
                            attested.add(f"{x} {y}")
    return uses, sorted(attested)


def u32(values: list[int]) -> bytes:
    """Little-endian uint32 bytes."""
    arr = array("I", values)
    assert arr.itemsize == 4
    if sys.byteorder == "big":
        arr.byteswap()
    return arr.tobytes()


def antonym_pairs(
    antonyms: set[tuple[Sense, Sense]],
    similar: list[set[int]],
    derived: dict[Sense, set[Sense]],
    syn_lemmas: list[list[int]],
) -> dict[int, dict[int, int]]:
    """Lemma -> antonym lemma -> kind: direct pointers plus one similar-to hop (indirect
    antonyms of adjective clusters) or one lexical derivation hop, on either side."""
    pairs: dict[int, dict[int, int]] = defaultdict(dict)

    def add(a: int, b: int, kind: int) -> None:
        if a != b:
            for x, y in ((a, b), (b, a)):
                pairs[x][y] = min(kind, pairs[x].get(y, kind))

    for (synset, lemma), (_, other) in antonyms:  # both directions are in the set
        add(lemma, other, DIRECT)
        for satellite in similar[synset]:
            for near in syn_lemmas[satellite]:
                add(near, other, INDIRECT)
        for _, form in derived.get((synset, lemma), ()):
            add(form, other, DERIVED)
    return pairs


def build(wn: Path) -> tuple[dict[str, object], list[tuple[str, str, bytes]]]:
    """Read the WordNet database at ``wn``; return the header meta and the sections."""
    data = {pos: read_data(wn, pos) for pos in POS_ORDER}

    # Dense synset ids, POS by POS.
    syn_id: dict[SynsetKey, int] = {}
    syn_words: list[list[str]] = []
    pos_bounds: list[int] = []
    for pos in POS_ORDER:
        if pos != "n":
            pos_bounds.append(len(syn_words))
        for offset, words, _ in data[pos]:
            syn_id[(pos, offset)] = len(syn_words)
            syn_words.append(words)
    pos_bounds.append(len(syn_words))
    n_syn = len(syn_words)

    # Lemmas: lowercase single-word index entries, with their senses in sense order.
    indexes = {pos: read_index(wn, pos) for pos in POS_ORDER}
    senses: dict[str, list[int]] = defaultdict(list)
    for pos in POS_ORDER:
        for lemma, offsets in indexes[pos].items():
            if single_word(lemma):
                senses[lemma].extend(syn_id[(pos, off)] for off in offsets)
    lemma_list = sorted(senses)
    lemma_id = {lemma: i for i, lemma in enumerate(lemma_list)}

    flags = bytearray(len(lemma_list))
    for i, lemma in enumerate(lemma_list):
        for sid in senses[lemma]:
            flags[i] |= 4 << bisect_right(pos_bounds, sid)
    for words in syn_words:
        for word in words:
            i = lemma_id.get(word.lower())
            if i is not None:
                flags[i] |= 1 if word == word.lower() else 2

    counts = read_counts(wn)
    freq = [counts.get(lemma, 0) for lemma in lemma_list]

    sense_off = [0]
    sense_syn: list[int] = []
    for lemma in lemma_list:
        sense_syn.extend(senses[lemma])
        sense_off.append(len(sense_syn))

    # Neighbours (both directions, de-duplicated); lexical antonym and derivation pointers
    # as (synset, lemma id) senses.
    edges: list[set[tuple[int, str]]] = [set() for _ in range(n_syn)]
    antonyms: set[tuple[Sense, Sense]] = set()
    derived: dict[Sense, set[Sense]] = defaultdict(set)
    for pos in POS_ORDER:
        for offset, words, pointers in data[pos]:
            src = syn_id[(pos, offset)]
            for symbol, tpos, toff, st in pointers:
                dst = syn_id[(tpos, toff)]
                if symbol in (ANTONYM, DERIVATION) and st:
                    a = lemma_id.get(words[(st >> 8) - 1].lower())
                    b = lemma_id.get(syn_words[dst][(st & 0xFF) - 1].lower())
                    if a is not None and b is not None and a != b:
                        if symbol == ANTONYM:
                            antonyms.update((((src, a), (dst, b)), ((dst, b), (src, a))))
                        else:
                            derived[(src, a)].add((dst, b))
                            derived[(dst, b)].add((src, a))
                if symbol in RELATIONS and dst != src:
                    forward, backward = RELATIONS[symbol]
                    edges[src].add((dst, forward))
                    edges[dst].add((src, backward))
    similar = [{dst for dst, code in neighbours if code == "&"} for neighbours in edges]
    syn_lemmas = [
        [lemma_id[w.lower()] for w in words if w.lower() in lemma_id] for words in syn_words
    ]
    ant_pairs = antonym_pairs(antonyms, similar, derived, syn_lemmas)
    ant_off = [0]
    ant_lemma: list[int] = []
    ant_kind = bytearray()
    for i in range(len(lemma_list)):
        for other, kind in sorted(ant_pairs.get(i, {}).items()):
            ant_lemma.append(other)
            ant_kind.append(kind)
        ant_off.append(len(ant_lemma))

    nb_off = [0]
    nb_syn: list[int] = []
    nb_type = bytearray()
    for neighbours in edges:
        for dst, code in sorted(neighbours):
            nb_syn.append(dst)
            nb_type.append(ord(code))
        nb_off.append(len(nb_syn))

    sections: list[tuple[str, str, bytes]] = [
        ("lemmas", "str", "\n".join(lemma_list).encode("utf-8")),
        ("lemma_flags", "u8", bytes(flags)),
        ("lemma_freq", "u32", u32(freq)),
        ("sense_off", "u32", u32(sense_off)),
        ("sense_syn", "u32", u32(sense_syn)),
        ("nb_off", "u32", u32(nb_off)),
        ("nb_syn", "u32", u32(nb_syn)),
        ("nb_type", "u8", bytes(nb_type)),
        ("ant_off", "u32", u32(ant_off)),
        ("ant_lemma", "u32", u32(ant_lemma)),
        ("ant_kind", "u8", bytes(ant_kind)),
    ]
    exceptions = [read_exceptions(wn, pos) for pos in POS_ORDER]
    for pos, text in zip(POS_ORDER, exceptions, strict=True):
        sections.append((f"exc_{pos}", "str", text.encode("utf-8")))

    # Two-word expressions ("prime minister"), with their senses in sense order.
    mwe_senses: dict[str, list[int]] = defaultdict(list)
    for pos in POS_ORDER:
        for lemma, offsets in indexes[pos].items():
            if two_words(lemma):
                mwe_senses[lemma.replace("_", " ")].extend(syn_id[(pos, off)] for off in offsets)
    mwe_list = sorted(mwe_senses)
    mwe_id = {name: i for i, name in enumerate(mwe_list)}
    mwe_flags = bytearray(len(mwe_list))
    mwe_nsyn = bytes(len(mwe_senses[name]) for name in mwe_list)  # at most 255 each
    mwe_syn: list[int] = []
    for i, name in enumerate(mwe_list):
        for sid in mwe_senses[name]:
            mwe_flags[i] |= 4 << bisect_right(pos_bounds, sid)
        mwe_syn.extend(mwe_senses[name])
    for words in syn_words:
        for word in words:
            i = mwe_id.get(word.lower().replace("_", " "))
            if i is not None:
                mwe_flags[i] |= 1 if word == word.lower() else 2
    mwe_freq = [counts.get(name.replace(" ", "_"), 0) for name in mwe_list]

    morphy = Morphy(
        {lemma: flags[i] >> 2 & 0xF for i, lemma in enumerate(lemma_list)},
        [
            {form: bases for form, *bases in (line.split() for line in text.splitlines())}
            for text in exceptions
        ],
    )
    syn_single = [[w.lower() for w in words if w.lower() in lemma_id] for words in syn_words]
    mwe_uses, attested = expression_statistics(
        read_glosses(wn),
        morphy,
        [(x, y) for x, _, y in (name.partition(" ") for name in mwe_list)],
        senses,
        syn_single,
    )
    sections += [
        ("mwe", "str", "\n".join(mwe_list).encode("utf-8")),
        ("mwe_flags", "u8", bytes(mwe_flags)),
        ("mwe_freq", "u32", u32(mwe_freq)),
        ("mwe_uses", "u32", u32(mwe_uses)),
        ("mwe_nsyn", "u8", mwe_nsyn),
        ("mwe_syn", "u32", u32(mwe_syn)),
        ("attested", "str", "\n".join(attested).encode("utf-8")),
    ]

    meta: dict[str, object] = {
        "source": "WordNet 3.0",
        "pos_bounds": pos_bounds,
        "lemmas": len(lemma_list),
        "synsets": n_syn,
        "edges": len(nb_syn),
        "antonym_pointers": len(antonyms),
        "antonym_pairs": len(ant_lemma),
        "expressions": len(mwe_list),
        "expressions_used": sum(1 for n in mwe_uses if n),
        "attested_pairs": len(attested),
    }
    return meta, sections


def write(out: Path, meta: dict[str, object], sections: list[tuple[str, str, bytes]]) -> None:
    """Write the gzip'd container (deterministic: no timestamp in the gzip header)."""
    header = {"meta": meta, "sections": [[name, kind, len(blob)] for name, kind, blob in sections]}
    payload = b"".join(
        [FORMAT_MAGIC, json.dumps(header).encode("utf-8"), b"\n"]
        + [blob for _, _, blob in sections]
    )
    out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))


LICENCE_HEADER = """\
rules/data/wordnet.bin.gz is derived from WordNet 3.0 (Princeton University) by
scripts/build_wordnet.py. It keeps WordNet's single-word lemmas, their senses, the
semantic and lexical relations listed in that script, the antonym pointers, the
morphological exception lists and the cntlist.rev tag counts, in a compact binary form.
WordNet is distributed under the following licence:

"""


def main(argv: list[str]) -> int:
    wn = Path(argv[1]) if len(argv) > 1 else Path("/usr/share/wordnet")
    out_dir = (
        Path(argv[2])
        if len(argv) > 2
        else Path(__file__).resolve().parent.parent / "rules" / "data"
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    meta, sections = build(wn)
    target = out_dir / "wordnet.bin.gz"
    write(target, meta, sections)
    (out_dir / "WORDNET-LICENSE.txt").write_text(
        LICENCE_HEADER + licence_text(wn), encoding="utf-8"
    )
    print(f"wrote {target} ({target.stat().st_size:,} bytes): {json.dumps(meta)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
