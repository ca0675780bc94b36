"""Sentence and word alignment between a source and a suspect document.

Sentences are compared as sets of content-word stems. Each sentence is encoded as a sorted
string with one character per distinct stem, so that rapidfuzz's Indel ratio over two such
strings is exactly their Dice coefficient (the longest common subsequence of two sorted,
duplicate-free sequences is their intersection). ``rapidfuzz.process.cdist`` computes the
whole sentence-by-sentence matrix in C++.

Alignment is then a best-scoring chain of sentence groups (1:1, 1:2, 2:1, 2:2, 1:3, 3:1),
monotonic like Gale–Church, found with a sparse dynamic programme over the candidate cells.
Sentences left over on both sides are matched once more out of order, so that moved
paragraphs still pair up. Within each pair, word-level edits (equal / replace / insert /
delete) come from rapidfuzz's Levenshtein opcodes over normalised words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from quality.document import Document, Token
from quality.text import content_token, stem

# Group shapes (source sentences, suspect sentences) and their prior cost, after the
# Gale–Church priors: 1:1 is by far the commonest; merges and splits cost a little.
SHAPES: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (1, 2): 0.02,
    (2, 1): 0.02,
    (2, 2): 0.15,
    (1, 3): 0.04,
    (3, 1): 0.04,
}


@dataclass(frozen=True)
class AlignSettings:
    """Thresholds of the aligner (Dice coefficients over content-word stems)."""

    match: float = 0.22  # a group must score above this to be worth aligning
    candidate: float = 0.10  # cells below this are never part of a group
    moved: float = 0.35  # out-of-order pairs among the leftovers must reach this


@dataclass(frozen=True, slots=True)
class Edit:
    op: str  # "equal" | "replace" | "insert" | "delete"
    src0: int  # index range into Pair.src_words
    src1: int
    sus0: int  # index range into Pair.sus_words
    sus1: int


@dataclass
class Pair:
    """Aligned source and suspect sentences, with their word-level edits."""

    src: tuple[int, ...]
    sus: tuple[int, ...]
    similarity: float
    moved: bool = False
    src_words: list[Token] = field(default_factory=list)
    sus_words: list[Token] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.src), len(self.sus)


@dataclass
class Alignment:
    pairs: list[Pair]
    unaligned_src: list[int]
    unaligned_sus: list[int]
    similarity: float  # document similarity in [0, 1]
    coverage: float  # share of the source's words that are in aligned sentences
    pair_of_src: dict[int, Pair] = field(default_factory=dict)
    pair_of_sus: dict[int, Pair] = field(default_factory=dict)


def _stem_ids(doc: Document, vocab: dict[str, int]) -> list[frozenset[int]]:
    out = []
    tokens = doc.tokens
    for s in doc.sentences:
        ids = {
            vocab.setdefault(stem(t.norm), len(vocab))
            for t in tokens[s.t0 : s.t1]
            if t.kind != "punct" and content_token(t)
        }
        out.append(frozenset(ids))
    return out


def _encode(ids: frozenset[int]) -> str:
    # One character per stem id, skipping the surrogate range.
    return "".join(chr(0x100 + i if i < 0xD700 else 0x10000 + i) for i in sorted(ids))


def dice(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> float:
    """Dice coefficient of two stem sets (equals fuzz.ratio of their encodings / 100)."""
    if not a or not b:
        return 0.0
    return 2.0 * len(a & b) / (len(a) + len(b))


def sentence_matrix(src: Document, sus: Document) -> tuple[list, list, object]:
    """Stem sets of both documents and their Dice matrix (numpy, 0..1)."""
    vocab: dict[str, int] = {}
    a = _stem_ids(src, vocab)
    b = _stem_ids(sus, vocab)
    matrix = process.cdist(
        [_encode(x) for x in a], [_encode(x) for x in b], scorer=fuzz.ratio, workers=1
    )
    return a, b, matrix / 100.0


def align(src: Document, sus: Document, settings: AlignSettings | None = None) -> Alignment:
    """Align two documents sentence by sentence, then word by word."""
    st = settings or AlignSettings()
    a, b, m = sentence_matrix(src, sus)
    n_src, n_sus = len(a), len(b)
    groups = _candidate_groups(src, sus, a, b, m, st)
    chosen = _best_chain(groups, n_src, n_sus)
    used_src = {i for g in chosen for i in range(g[0], g[0] + g[2])}
    used_sus = {j for g in chosen for j in range(g[1], g[1] + g[3])}
    pairs = [
        Pair(tuple(range(i, i + da)), tuple(range(j, j + db)), sim)
        for i, j, da, db, sim, _ in chosen
    ]
    # Out-of-order leftovers: moved sentences and paragraphs.
    free_src = [i for i in range(n_src) if i not in used_src]
    free_sus = [j for j in range(n_sus) if j not in used_sus]
    left = []
    if free_src and free_sus:
        sub = m[free_src][:, free_sus]  # type: ignore[index]
        for x, y in zip(*(sub >= st.moved).nonzero(), strict=True):
            left.append((float(sub[x, y]), free_src[x], free_sus[y]))
        left.sort(reverse=True)
    for sim, i, j in left:
        if i in used_src or j in used_sus:
            continue
        used_src.add(i)
        used_sus.add(j)
        pairs.append(Pair((i,), (j,), sim, moved=True))
    pairs.sort(key=lambda p: p.sus[0])
    for p in pairs:
        _word_edits(src, sus, p)
    src_len = [len(src.words(s)) for s in src.sentences]
    sus_len = [len(sus.words(s)) for s in sus.sentences]
    total = sum(src_len) + sum(sus_len)
    weighted = sum(
        p.similarity * (sum(src_len[i] for i in p.src) + sum(sus_len[j] for j in p.sus))
        for p in pairs
    )
    covered = sum(src_len[i] for i in used_src)
    al = Alignment(
        pairs=pairs,
        unaligned_src=[i for i in range(n_src) if i not in used_src],
        unaligned_sus=[j for j in range(n_sus) if j not in used_sus],
        similarity=weighted / total if total else 0.0,
        coverage=covered / sum(src_len) if sum(src_len) else 0.0,
    )
    for p in pairs:
        for i in p.src:
            al.pair_of_src[i] = p
        for j in p.sus:
            al.pair_of_sus[j] = p
    return al


Group = tuple[int, int, int, int, float, float]  # i, j, di, dj, similarity, score


def _candidate_groups(
    src: Document,
    sus: Document,
    a: list[frozenset[int]],
    b: list[frozenset[int]],
    m: object,
    st: AlignSettings,
) -> list[Group]:
    """Groups worth aligning. A split or merge keeps to one paragraph on each side (a rewrite
    splits a sentence where it stands), and every member must overlap the other side."""
    n_src, n_sus = len(a), len(b)
    para_a = [s.paragraph for s in src.sentences]
    para_b = [s.paragraph for s in sus.sentences]
    strong = [(int(i), int(j)) for i, j in zip(*(m > st.match).nonzero(), strict=True)]  # type: ignore[attr-defined]
    rows: list[list[float]] = m.tolist()  # type: ignore[attr-defined]
    seen: set[tuple[int, int, int, int]] = set()
    out: list[Group] = []
    for i, j in strong:
        for (da, db), prior in SHAPES.items():
            for oa in range(da):
                for ob in range(db):
                    i0, j0 = i - oa, j - ob
                    i1, j1 = i0 + da, j0 + db
                    if i0 < 0 or j0 < 0 or i1 > n_src or j1 > n_sus:
                        continue
                    key = (i0, j0, da, db)
                    if key in seen:
                        continue
                    seen.add(key)
                    if da == 1 and db == 1:
                        sim = rows[i0][j0]
                    else:
                        if para_a[i0] != para_a[i1 - 1] or para_b[j0] != para_b[j1 - 1]:
                            continue
                        block = [r[j0:j1] for r in rows[i0:i1]]
                        if any(max(r) < st.candidate for r in block) or any(
                            max(col) < st.candidate for col in zip(*block, strict=True)
                        ):
                            continue
                        sim = dice(frozenset().union(*a[i0:i1]), frozenset().union(*b[j0:j1]))
                    score = (sim - st.match - prior) * (da + db)
                    if score > 0:
                        out.append((i0, j0, da, db, sim, score))
    return out


def _best_chain(groups: list[Group], n_src: int, n_sus: int) -> list[Group]:
    """Highest-scoring chain of groups increasing on both sides (sparse DP, Fenwick max)."""
    if not groups:
        return []
    by_start = sorted(range(len(groups)), key=lambda k: groups[k][0])
    by_end = sorted(range(len(groups)), key=lambda k: groups[k][0] + groups[k][2])
    size = n_sus + 1
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    best = [0.0] * len(groups)
    back = [-1] * len(groups)

    def update(pos: int, val: float, arg: int) -> None:
        pos += 1
        while pos <= size:
            if val > tree_val[pos]:
                tree_val[pos], tree_arg[pos] = val, arg
            pos += pos & -pos

    def query(pos: int) -> tuple[float, int]:  # max over keys < pos
        v, arg = 0.0, -1
        while pos > 0:
            if tree_val[pos] > v:
                v, arg = tree_val[pos], tree_arg[pos]
            pos -= pos & -pos
        return v, arg

    e = 0
    for k in by_start:
        i0, j0 = groups[k][0], groups[k][1]
        while e < len(by_end) and groups[by_end[e]][0] + groups[by_end[e]][2] <= i0:
            h = by_end[e]
            update(groups[h][1] + groups[h][3] - 1, best[h], h)
            e += 1
        v, arg = query(j0)
        best[k] = v + groups[k][5]
        back[k] = arg
    k = max(range(len(groups)), key=lambda x: best[x])
    chain = []
    while k >= 0:
        chain.append(groups[k])
        k = back[k]
    chain.reverse()
    return chain


def _word_edits(src: Document, sus: Document, pair: Pair) -> None:
    pair.src_words = [w for i in pair.src for w in src.words(src.sentences[i])]
    pair.sus_words = [w for j in pair.sus for w in sus.words(sus.sentences[j])]
    ops = Levenshtein.opcodes([w.norm for w in pair.src_words], [w.norm for w in pair.sus_words])
    pair.edits = [Edit(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in ops]
