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

Only single-word lemmas are kept (no ``_``, i.e. no spaces; hyphens are fine), but every
synset is kept so that paths through multi-word synsets still count. Synsets are renumbered
densely: nouns first, then verbs, adjectives (including satellites) and adverbs.

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

_MARKER = re.compile(r"\([a-z]+\)$")  # adjective syntactic markers: (a), (p), (ip)
_LICENCE_LINE = re.compile(r"^ {2}\d+ ?(.*?)\s*$")

SynsetKey = tuple[str, int]  # (data file POS, byte offset)
Sense = tuple[int, int]  # (synset id, lemma id)


def single_word(lemma: str) -> bool:
    """True for lemmas without spaces (WordNet writes them as ``_``)."""
    return "_" not in lemma and " " not in lemma


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
    senses: dict[str, list[int]] = defaultdict(list)
    for pos in POS_ORDER:
        for lemma, offsets in read_index(wn, pos).items():
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
    for pos in POS_ORDER:
        sections.append((f"exc_{pos}", "str", read_exceptions(wn, pos).encode("utf-8")))

    meta: dict[str, object] = {
        "source": "WordNet 3.0",
        "pos_bounds": pos_bounds,
        "lemmas": len(lemma_list),
        "synsets": n_syn,
        "edges": len(nb_syn),
        "antonym_pointers": len(antonyms),
        "antonym_pairs": len(ant_lemma),
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
