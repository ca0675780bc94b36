"""ENCODING: text damage that scrapers and rewriting pipelines leave inside words.

Three kinds of damage. A clean article costs one pass of C code over its bytes (the text's
non-ASCII and control characters, collected with bytes.translate, tell which scans are
needed); the precompiled scans then jump to the suspect characters, and only the words
around them are inspected:

- mixed scripts: a Latin word with a Persian letter ("Lپpez") or a Cyrillic/Greek look-alike
  ("Mоscow" with Cyrillic о); scripts come from the Unicode character names;
- mojibake: UTF-8 read as Windows-1252 or Latin-1 ("LÃ³pez", "donâ€™t"), once or more,
  recognised by decoding the suspect characters back to bytes and the bytes as UTF-8;
- invisible and broken characters: zero-width characters, bidirectional controls, soft
  hyphens and other format characters, U+FFFD, control characters, stacked combining marks.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from quality.rule import Context, Finding, Rule

Edits = tuple[tuple[int, int, str], ...]  # (start, end, replacement)
RunFindings = tuple[tuple[int, int, str, Edits | None], ...]


@dataclass(frozen=True)
class Settings:
    # At most this many findings per text; one more finding says that the list stops there.
    max_findings: int = 100


# -- character classes --------------------------------------------------------------------

# Control characters other than \t \n \r (C0, DEL, C1).
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Every format (Cf) character up to Unicode 15.1, the project's tests check this against
# the running Python's Unicode database.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
# U+FFFC/U+FFFD: placeholders for what a decoder or a copy lost; lone surrogates.
_LOST = "\ufffc\ufffd\ud800-\udfff"
_INVISIBLE_RE = re.compile(f"[{_CONTROLS}{_FORMAT}{_LOST}]+")

# The blocks of combining marks that "zalgo" text piles up; more than four in a row on one
# letter is not writing (Vietnamese stacks two, IPA three).
_ZALGO_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_ZALGO_RE = re.compile(f"[{_ZALGO_MARKS}]{{5,}}")

# Characters that continue a word when the rule finds the word around a damaged spot:
# letters, digits, combining marks of the main blocks, and the invisible characters that
# are not whitespace (so "Mexi\u200bco" is one word).
_WORD_EXTRA = (
    _ZALGO_MARKS
    + "\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff"
    + "\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u3099\u309a\ufe00-\ufe0f"
    + "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    + _FORMAT
    + _LOST
)
_WORD_CHARS = r"\w" + _WORD_EXTRA
_WORD_RE = re.compile(f"[{_WORD_CHARS}]*(?:[-'\u2019][{_WORD_CHARS}]+)*")
# The same without digits: the stretch of letters in which scripts are compared.
_RUN_RE = re.compile(f"(?:[^\\W\\d_]|[{_WORD_EXTRA}])+")
_CAP = 64  # a word longer than this is not a word: spans stop growing there
_MAX_UNIT = 256  # damage further than this from the start of a span starts a new span

# Word characters outside the Latin blocks: a word can only mix scripts where it has one.
_SEED_RE = re.compile(r"[^\W\x00-\u024f\u1e00-\u1eff]{1,64}")

# The blocks of one script (or of scripts written together); a word whose letters all come
# from one of these groups needs no closer look.
_SCRIPT_BLOCKS = (
    "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f",
    "\u0370-\u03e1\u03f0-\u03ff\u1f00-\u1fff",
    "\u0590-\u05ff\ufb1d-\ufb4f",
    "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
    # CJK, kana and hangul mix with Latin letters in normal writing.
    "A-Za-z\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff",
)
_ANY = "0-9_\u0300-\u036f" + _FORMAT
_PURE_RE = re.compile("(?:" + "|".join(f"[{_ANY}{b}]*" for b in _SCRIPT_BLOCKS) + r")\Z")
# The same for the space-separated runs of a text's non-ASCII characters, which also hold
# punctuation: matches the longest prefix of runs that are each in one group.
_PUNCT = "\x00-\x1f\x7f-\xbf\xd7\xf7\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f"
_PURE_RUNS_RE = re.compile(
    "(?:(?:" + "|".join(f"[{_PUNCT}{_ANY}{b}]*" for b in _SCRIPT_BLOCKS) + r")(?: |\Z))*"
)

# -- mojibake -----------------------------------------------------------------------------

# Windows-1252 characters for the bytes 0x80-0x9F (five are undefined), each mapped to the
# Latin-1 character of its byte.
_CP1252 = {
    bytes([b]).decode("cp1252"): chr(b)
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_TO_BYTES = str.maketrans(_CP1252)
_C1_AS_CP1252 = {v: k for k, v in _CP1252.items()}
# A UTF-8 continuation byte read as Windows-1252 or Latin-1.
_CONT = "[\x80-\xbf" + "".join(_CP1252) + "]"
_SEQ = f"[\xc2-\xdf]{_CONT}|[\xe0-\xef]{_CONT}{{2}}|[\xf0-\xf4]{_CONT}{{3}}"
_SEQ_RE = re.compile(_SEQ)
# (Starting with a plain character class lets the regex engine skip ahead fast.)
_MOJIBAKE_RE = re.compile(
    f"[\xc2-\xf4](?:(?<=[\xc2-\xdf]){_CONT}|(?<=[\xe0-\xef]){_CONT}{{2}}"
    f"|(?<=[\xf0-\xf4]){_CONT}{{3}})(?:{_SEQ})*"
)
# Decodings that are not text: control and private-use characters.
_BAD_DECODED_RE = re.compile("[\x00-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")
# "â€" with its last byte lost (0x9D, undefined in Windows-1252: the closing quote ”).
_PARTIAL_RE = re.compile(f"\u00e2\u20ac(?!{_CONT})")
# Punctuation that legitimately follows a capital letter ("CAFÉ’S", "«ÉTÉ»"): a lone
# two-character sequence ending in one of these is mojibake only after a lower-case letter
# or when it starts with Â or Ã, the two leads that real words almost never contain.
_LEGIT_AFTER = frozenset("‚„…‘’“”•–—‹›«»¡¿°·´¨§©®™¶\xa0")

# -- homoglyphs ---------------------------------------------------------------------------

# Cyrillic, Greek and Armenian letters that look like a Latin letter (after Unicode TR39's
# confusables, restricted to look-alikes that are indistinguishable in common fonts).
_TO_LATIN = dict(
    zip(
        "АВЕКМНОРСТХУЅІЈԚԜҮӀЁЇаеорсухѕіјԛԝһӏԁүёїΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹΌοινρυϲϳόօսհոՕՏ",
        "ABEKMHOPCTXYSIJQWYIËÏaeopcyxsijqwhldyëïABEZHIKMNOPTYXCÓoivpucjóouhnOS",
        strict=True,
    )
)
# Latin letters inside a Cyrillic or Greek word, mapped to the letter they imitate.
_FROM_LATIN = {
    "CYRILLIC": dict(zip("ABEKMHOPCTXYaeopcyxiÏïËë", "АВЕКМНОРСТХУаеорсухіЇїЁё", strict=True)),
    "GREEK": dict(zip("ABEZHIKMNOPTYXoviu", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧονιυ", strict=True)),
}
_SCRIPT_LABEL = {"ARABIC": "Arabic-script", "CJK": "CJK"}
# Scripts written together with each other (and with Latin) in ordinary text.
_CJK = frozenset(("CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HANGUL", "BOPOMOFO"))
_CJK_LATIN = _CJK | {"LATIN", "IDEOGRAPHIC"}
_SCRIPTLESS = frozenset(("", "MODIFIER", "FEMININE", "MASCULINE", "MICRO", "COMBINING"))
_ALPHABETS = frozenset(("", "LATIN", "GREEK", "CYRILLIC"))  # joiners have no use in these


@lru_cache(maxsize=65536)
def _script(c: str) -> tuple[str, bool]:
    """The script of a letter (the first word of its Unicode name: LATIN, CYRILLIC, ARABIC,
    CJK, ...) and whether it is a compatibility form of another script's letter (fullwidth,
    mathematical, the Kelvin sign). ("", False) for letters that belong to no script."""
    if not c.isalpha() or unicodedata.category(c) == "Lm":
        return "", False
    first = unicodedata.name(c, "").split(" ", 1)[0]
    if first in _SCRIPTLESS:
        return "", False
    nf = unicodedata.normalize("NFKC", c)
    if nf[:1] != c and nf[:1].isalpha():
        base = _script(nf[0])[0]
        if base and base != first:
            return base, True
    return first, False


@lru_cache(maxsize=4096)
def _mark_script(c: str) -> str:
    """The script of a letter or combining mark next to a joiner ("" for none)."""
    cat = unicodedata.category(c)
    if cat[0] not in "LM":
        return ""
    first = unicodedata.name(c, "").split(" ", 1)[0]
    return "" if first in _SCRIPTLESS else first


def _label(script: str) -> str:
    return _SCRIPT_LABEL.get(script) or script.title()


_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def _cp(c: str) -> str:
    """'U+200B ZERO WIDTH SPACE'."""
    name = unicodedata.name(c, "") or _CONTROL_NAMES.get(c, "")
    if not name:
        cat = unicodedata.category(c)
        name = {"Cc": "control character", "Cs": "lone surrogate"}.get(cat, "unnamed")
    return f"U+{ord(c):04X} {name}"


def _show(s: str) -> str:
    """A string for a message, with invisible characters spelled out (and kept short)."""
    short = s if len(s) <= 40 else s[:20] + "…" + s[-10:]
    return _INVISIBLE_RE.sub(lambda m: "".join(f"<U+{ord(c):04X}>" for c in m.group()), short)


# -- issues -------------------------------------------------------------------------------

_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class Issue(NamedTuple):
    """One damaged spot: its span, what is wrong, and the replacement of that span when the
    fix is certain (``None`` when it is not)."""

    start: int
    end: int
    kind: str  # mojibake, script, invisible, control, c1, lost, marks
    severity: str
    message: str
    fix: Edits | None  # edits (start, end, replacement)
    expand: bool = True  # report the whole word around the spot


class Damage(NamedTuple):
    """One damaged word: the span reported, the issues in it, and the repaired word."""

    start: int
    end: int
    severity: str
    message: str
    suggestion: str | None


def _decode_once(s: str, prev: str) -> tuple[str, bool]:
    """Replace every mojibake run in ``s`` by the text it encodes (one layer)."""
    out: list[str] = []
    pos = 0
    changed = False
    for m in _MOJIBAKE_RE.finditer(s):
        for a, b, text in _decoded_groups(s, m.start(), m.end(), prev):
            out.append(s[pos:a])
            out.append(text)
            pos = b
            changed = True
    out.append(s[pos:])
    return "".join(out), changed


def _decoded_groups(text: str, start: int, end: int, prev: str) -> list[tuple[int, int, str]]:
    """The runs of byte sequences in text[start:end] that decode as UTF-8 to real
    characters, with their decoding (consecutive valid sequences form one run)."""
    if end - start > 3:  # several sequences: decode them at once when they all are valid
        try:
            decoded = text[start:end].translate(_TO_BYTES).encode("latin-1").decode("utf-8")
        except UnicodeError:
            decoded = ""
        if decoded and not _BAD_DECODED_RE.search(decoded):
            return [(start, end, decoded.replace("\ufeff", ""))]
    groups: list[tuple[int, int, str]] = []
    run_start = -1
    parts: list[str] = []
    seqs = 0
    pos = start
    for m in _SEQ_RE.finditer(text, start, end):
        try:
            decoded = m.group().translate(_TO_BYTES).encode("latin-1").decode("utf-8")
        except UnicodeError:
            decoded = ""
        ok = bool(decoded) and unicodedata.category(decoded) not in ("Cc", "Cn", "Co", "Cs")
        if ok and run_start >= 0 and m.start() == pos:
            parts.append(decoded)
            seqs += 1
        else:
            if run_start >= 0:
                _close_group(groups, text, run_start, pos, parts, seqs, prev)
            run_start, parts, seqs = (m.start(), [decoded], 1) if ok else (-1, [], 0)
        pos = m.end()
    if run_start >= 0:
        _close_group(groups, text, run_start, pos, parts, seqs, prev)
    return groups


def _close_group(
    groups: list[tuple[int, int, str]],
    text: str,
    a: int,
    b: int,
    parts: list[str],
    seqs: int,
    prev: str,
) -> None:
    if seqs == 1 and b - a == 2 and text[a] not in "ÂÃ" and text[a + 1] in _LEGIT_AFTER:
        before = text[a - 1] if a > 0 else prev
        if not before.islower():
            return  # "CAFÉ’S", "PELÉ”": a capital letter before punctuation
    groups.append((a, b, "".join(parts).replace("\ufeff", "")))


def _mojibake_issues(text: str, matches: Iterator[re.Match[str]]) -> Iterator[Issue]:
    for m in matches:
        for a, b, decoded in _decoded_groups(text, m.start(), m.end(), ""):
            layers = 1
            fixed = decoded
            while layers < 4:
                again, changed = _decode_once(fixed, text[a - 1] if a else "")
                if not changed:
                    break
                fixed = again
                layers += 1
            how = "UTF-8 read as Windows-1252" + {1: "", 2: " twice"}.get(
                layers, f" {layers} times"
            )
            shown = f"‘{_show(fixed)}’" if fixed else "an invisible byte-order mark"
            yield Issue(
                a,
                b,
                "mojibake",
                "error",
                f"mojibake ({how}): ‘{_show(text[a:b])}’ is {shown}",
                ((a, b, fixed),),
            )


def _partial_issues(matches: Iterator[re.Match[str]]) -> Iterator[Issue]:
    for m in matches:
        yield Issue(
            m.start(),
            m.end(),
            "mojibake",
            "error",
            "mojibake with a lost byte: ‘â€’ is most likely ‘”’ (UTF-8 E2 80 9D) read as "
            "Windows-1252",
            None,
        )


# Per invisible or control character: (severity, replacement or None, description).
_BIDI_OVERRIDES = "\u202d\u202e"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_BIDI_RE = re.compile(f"[{_BIDI}]")
_PREPENDED = "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2"


@lru_cache(maxsize=4096)
def _invisible(c: str) -> tuple[str, str, str | None, str]:
    """(kind, severity, replacement or None, description) of an invisible character."""
    o = ord(c)
    if c in "\ufffc\ufffd":
        what = "a decoder lost a character" if c == "\ufffd" else "a lost embedded object"
        return "lost", "error", None, f"{_cp(c)} ({what})"
    if 0xD800 <= o <= 0xDFFF:
        return "lost", "error", None, f"{_cp(c)} (half of a character)"
    if c in _C1_AS_CP1252:
        repl = _C1_AS_CP1252[c]
        return "c1", "error", repl, f"{_cp(c)} is Windows-1252 ‘{repl}’ read as Latin-1"
    if unicodedata.category(c) == "Cc":
        repl = None if c.isspace() else ""
        return "control", "error", repl, f"control character {_cp(c)}"
    if c in _BIDI_OVERRIDES:
        return "invisible", "error", "", f"{_cp(c)} (reverses how the text around it displays)"
    if _BIDI_RE.match(c):
        return "invisible", "warning", "", f"invisible bidirectional control {_cp(c)}"
    return "invisible", "warning", "", f"invisible character {_cp(c)}"


def _exempt(text: str, a: int, b: int) -> bool:
    """Format characters doing their job: joiners inside emoji and in scripts that need them,
    bidi marks next to right-to-left text, number signs before digits, flag tag sequences."""
    run = text[a:b]
    before = text[a - 1] if a > 0 else ""
    after = text[b] if b < len(text) else ""
    if len(run) == 1:
        c = run
        if c in "\u200c\u200d":
            if c == "\u200d" and any(_emoji_part(x) for x in (before, after)):
                return True
            return any(_mark_script(x) not in _ALPHABETS for x in (before, after) if x)
        if c == "\u180e":
            return "MONGOLIAN" in (_mark_script(before), _mark_script(after))
        if c in _PREPENDED:
            return after.isdigit()
    if "\u202d" not in run and "\u202e" not in run and all(_BIDI_RE.match(c) for c in run):
        return any(x and unicodedata.bidirectional(x) in ("R", "AL", "AN") for x in (before, after))
    if before == "\U0001f3f4" and all("\U000e0020" <= c <= "\U000e007f" for c in run):
        return True
    return False


def _emoji_part(c: str) -> bool:
    return bool(c) and (unicodedata.category(c) in ("So", "Sk") or c == "\ufe0f")


def _invisible_issues(text: str, matches: Iterator[re.Match[str]]) -> Iterator[Issue]:
    for m in matches:
        a, b = m.start(), m.end()
        if a == 0 and text[0] == "\ufeff":
            a = 1  # a byte-order mark at the start of the file is allowed
            if a == b:
                continue
        if b - a <= 8 and _exempt(text, a, b):
            continue
        yield _invisible_issue(text, a, b)


def _invisible_issue(text: str, a: int, b: int) -> Issue:
    run = text[a:b]
    if b - a == 1:  # the common case, kept cheap
        kind, severity, repl, desc = _invisible(run)
        fix = None if repl is None else ((a, b, repl),)
        return Issue(a, b, kind, severity, desc, fix, expand=not run.isspace())
    counts = Counter(run)
    info = {c: _invisible(c) for c in counts}
    severity = max((i[1] for i in info.values()), key=_SEVERITY_RANK.__getitem__)
    fix = None
    if all(i[2] is not None for i in info.values()):
        fix = ((a, b, run.translate({ord(c): i[2] for c, i in info.items()})),)
    parts = []
    for c, n in counts.most_common(3):
        parts.append(info[c][3] if n == 1 else f"{n} × {info[c][3]}")
    if len(counts) > 3:
        parts.append(f"and {len(counts) - 3} other kinds")
    kinds = {i[0] for i in info.values()}
    kind = next((k for k in ("lost", "control", "c1") if k in kinds), "invisible")
    return Issue(a, b, kind, severity, ", ".join(parts), fix, expand=not run.isspace())


def _zalgo_issues(text: str, matches: Iterator[re.Match[str]]) -> Iterator[Issue]:
    for m in matches:
        a = m.start()
        base = f" on ‘{text[a - 1]}’" if a > 0 and text[a - 1].isalnum() else ""
        n = m.end() - a
        yield Issue(a, m.end(), "marks", "error", f"{n} combining marks stacked{base}", None)


# -- mixed scripts ------------------------------------------------------------------------

_RUN_CACHE: dict[str, RunFindings] = {}


def _run_findings(run: str) -> RunFindings:
    """Mixed-script problems of one run of word characters: (start, end, message, edits),
    offsets relative to the run."""
    letters = []
    counts: Counter[str] = Counter()
    for i, c in enumerate(run):
        script, compat = _script(c)
        if script:
            letters.append((i, c, script, compat))
            counts[script] += 1
    if not letters:
        return ()
    base = max(counts, key=lambda s: (counts[s], s == "LATIN"))
    real_base = any(s == base and not compat for _, _, s, compat in letters)
    intruders = []
    for k, (i, c, script, compat) in enumerate(letters):
        if script == base:
            if compat and base == "LATIN" and real_base:
                intruders.append((i, c, script, compat))
            continue
        if script in _CJK_LATIN and base in _CJK_LATIN:
            continue  # "Tシャツ", "iPhone版"
        if base == "LATIN" and script == "GREEK" and c not in _TO_LATIN and not compat:
            prev = letters[k - 1][1] if k > 0 else ""
            nxt = letters[k + 1][1] if k + 1 < len(letters) else ""
            if not prev or not nxt or not (prev.islower() or nxt.islower()):
                continue  # "Aβ", "IL1β", "NFκB", "βarrestin": scientific notation
        intruders.append((i, c, script, compat))
    if not intruders:
        return ()
    edits: list[tuple[int, int, str]] | None = []
    for i, c, script, compat in intruders:
        repl = _look_alike(c, script, compat, base)
        if repl is None:
            edits = None
            break
        edits.append((i, i + 1, repl))
    seen: dict[str, tuple[str, bool]] = {}
    for _, c, script, compat in intruders:
        seen.setdefault(c, (script, compat))
    labels = {("styled (compatibility)" if compat else _label(s)) for s, compat in seen.values()}
    what = labels.pop() if len(labels) == 1 else "other-script"
    shown = [f"‘{c}’ ({_cp(c)})" for c in list(seen)[:3]]
    if len(seen) > 3:
        shown.append(f"{len(seen) - 3} more")
    noun = "letter" if len(seen) == 1 else "letters"
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    message = f"{_label(base)} word contains {what} {noun} {listed}"
    first, last = intruders[0][0], intruders[-1][0] + 1
    return ((first, last, message, None if edits is None else tuple(edits)),)


def _look_alike(c: str, script: str, compat: bool, base: str) -> str | None:
    """The letter of the word's own script that ``c`` imitates, when there is exactly one."""
    if compat:
        latin = unicodedata.normalize("NFKC", c)
        if script == base:
            return latin
    else:
        latin = c if script == "LATIN" else _TO_LATIN.get(c)
    if latin is None:
        return None
    if base == "LATIN":
        return latin if latin.isascii() or _script(latin[0])[0] == "LATIN" else None
    return _FROM_LATIN.get(base, {}).get(latin)


def _script_issues(text: str, seeds: Iterator[tuple[int, int]]) -> Iterator[Issue]:
    """Mixed-script issues of the runs of letters that meet the seed spans."""
    done = 0  # end of the last run inspected
    n = len(text)
    for s, e in seeds:
        for m in _RUN_RE.finditer(text, max(s, done), e):
            a = _left(text, m.start(), done, _RUN_RE)
            b = m.end()
            r = _RUN_RE.match(text, b, min(n, b + _CAP))
            if r:
                b = r.end()
            done = b
            yield from _run_issues(text, a, b)


def _run_issues(text: str, a: int, b: int) -> Iterator[Issue]:
    run = text[a:b]
    if _PURE_RE.match(run):
        return
    hit = _RUN_CACHE.get(run)
    if hit is None:
        hit = _run_findings(run)
        if len(run) <= _CAP:
            if len(_RUN_CACHE) > 4096:
                _RUN_CACHE.clear()
            _RUN_CACHE[run] = hit
    for s, e, message, edits in hit:
        fix = None if edits is None else tuple((a + x, a + y, r) for x, y, r in edits)
        yield Issue(a + s, a + e, "script", "error", message, fix)


# -- words around issues ------------------------------------------------------------------


def _left(text: str, pos: int, floor: int, pattern: re.Pattern[str]) -> int:
    """Where the word that ends at ``pos`` starts (at most _CAP characters back, never
    before ``floor``): the pattern matched forward on the reversed window."""
    lo = max(floor, pos - _CAP)
    if lo >= pos:
        return pos
    m = pattern.match(text[lo:pos][::-1])
    return pos - (m.end() if m else 0)


def _right(text: str, pos: int) -> int:
    m = _WORD_RE.match(text, pos, min(len(text), pos + _CAP))
    return m.end() if m else pos


# Printable ASCII, \t, \n and \r become spaces; \v and \f (ASCII whitespace) become \x01.
_ASCII_OUT = bytes.maketrans(bytes(range(0x20, 0x7F)) + b"\t\n\r\x0b\x0c", b" " * 98 + b"\x01\x01")


def _suspect_runs(text: str) -> str | None:
    """The runs of non-ASCII and control characters of ``text``, joined by spaces (None
    when there are too many runs for this to save time)."""
    runs = text.encode("utf-8", "surrogatepass").translate(_ASCII_OUT).split(None, 4096)
    if len(runs) > 4096:
        return None
    return b" ".join(runs).decode("utf-8", "surrogatepass")


def _matches(pattern: re.Pattern[str], text: str, firsts: set[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches begin with one of ``firsts``:
    when these are few, str.find jumps to them and the pattern is tried there only."""
    if len(firsts) > 16:
        yield from pattern.finditer(text)
        return
    heap = [(i, c) for c in firsts if (i := text.find(c)) >= 0]
    heapq.heapify(heap)
    end = 0
    while heap:
        i, c = heap[0]
        if i >= end and (m := pattern.match(text, i)):
            end = m.end()
            yield m
        nxt = text.find(c, max(i + 1, end))
        if nxt < 0:
            heapq.heappop(heap)
        else:
            heapq.heapreplace(heap, (nxt, c))


_LEAD, _INVIS, _MARK, _SEED = 1, 2, 4, 8
_MARK_RE = re.compile(f"[{_ZALGO_MARKS}]")
_GROUP_RES = tuple(re.compile(f"[{_PUNCT}{_ANY}{b}]") for b in _SCRIPT_BLOCKS)


@lru_cache(maxsize=65536)
def _kind(c: str) -> tuple[int, frozenset[int]]:
    """What a non-ASCII or control character can start (mojibake, an invisible run, a stack
    of marks, a word in another script), and the groups of script blocks it fits in."""
    kind = _LEAD if "\xc2" <= c <= "\xf4" else 0
    if _INVISIBLE_RE.match(c) or c == "\x01":
        kind |= _INVIS
    if _MARK_RE.match(c):
        kind |= _MARK
    if _SEED_RE.match(c):
        kind |= _SEED
    return kind, frozenset(k for k, g in enumerate(_GROUP_RES) if g.match(c))


# For finding where letters touch in UTF-8: ASCII letters -> "a", continuation bytes ->
# 0x80, lead bytes -> 0xC0, the control characters that words may hold -> 0x81, anything
# else -> space.
_CONTACT_MAP = bytes.maketrans(
    bytes(range(256)),
    bytes(
        0x61
        if chr(b).isalpha() and b < 0x80
        else 0x80
        if 0x80 <= b < 0xC0
        else 0xC0
        if b >= 0xC0
        else 0x81
        if _RUN_RE.match(chr(b)) and not chr(b).isalnum() and b != 0x5F
        else 0x20
        for b in range(256)
    ),
)


def _contacts(text: str) -> list[tuple[int, int]]:
    """Spans of two word characters where an ASCII letter touches a non-ASCII one, found
    with bytes.find on a translated copy of the UTF-8 text."""
    mapped = text.encode("utf-8", "surrogatepass").translate(_CONTACT_MAP)
    offsets = []
    for pair in (b"a\xc0", b"\x80a", b"a\x81", b"\x81a"):
        i = mapped.find(pair)
        while i >= 0:
            offsets.append(i + 1)
            i = mapped.find(pair, i + 1)
    offsets.sort()
    spans = []
    before = prev = 0  # continuation bytes before byte offset ``prev``
    for off in offsets:
        before += mapped.count(b"\x80", prev, off)
        prev = off
        p = off - before  # the character that starts at byte ``off``
        m = _RUN_RE.match(text, p - 1, p + 1)
        if m and m.end() == p + 1:
            spans.append((p - 1, p + 1))  # both are word characters: one word
    return spans


def _seeds(text: str, suspect: str, letters: set[str], one_group: bool) -> list[tuple[int, int]]:
    """Spans where a word may mix scripts, in order."""
    if len(letters) <= 16:
        return [m.span() for m in _matches(_SEED_RE, text, letters)]
    # A text in another script: its words mix scripts only where one of its letters touches
    # an ASCII letter, or inside a run of non-ASCII characters from two groups of blocks.
    spans = _contacts(text)
    impure = set()
    pos = 0
    while not one_group and pos < len(suspect):
        pos = _PURE_RUNS_RE.match(suspect, pos).end()  # type: ignore[union-attr]
        if pos < len(suspect):
            end = suspect.find(" ", pos)
            end = len(suspect) if end < 0 else end
            impure.add(suspect[pos:end])
            pos = end + 1
    # (\v and \f stand as \x01 in ``suspect``: look for the pieces between them.)
    for piece in {piece for run in impure for piece in run.split("\x01") if piece}:
        i = text.find(piece)
        while i >= 0:
            spans.extend(m.span() for m in _RUN_RE.finditer(text, i, i + len(piece)))
            i = text.find(piece, i + 1)
    spans.sort()
    return spans


def _scans(text: str, exhaustive: bool = False) -> list[Iterator[Issue]]:
    """The scans that the text needs, each an iterator of issues in text order. The
    non-ASCII and control characters, in their runs, tell which scans are needed and where
    to look: a clean article costs one pass of C code over its bytes."""
    suspect = None if exhaustive else _suspect_runs(text)
    chars = set() if suspect is None else set(suspect)
    if suspect is None or len(chars) > 1024:  # a text full of non-ASCII runs: scan it all
        seeds = (m.span() for m in _SEED_RE.finditer(text))
        return [
            _mojibake_issues(text, _MOJIBAKE_RE.finditer(text)),
            _partial_issues(_PARTIAL_RE.finditer(text)),
            _invisible_issues(text, _INVISIBLE_RE.finditer(text)),
            _zalgo_issues(text, _ZALGO_RE.finditer(text)),
            _script_issues(text, seeds),
        ]
    found: dict[int, set[str]] = {_LEAD: set(), _INVIS: set(), _MARK: set(), _SEED: set()}
    groups = frozenset(range(len(_SCRIPT_BLOCKS)))
    chars.discard(" ")
    for c in chars:
        kind, fits = _kind(c)
        groups &= fits
        for k, chars in found.items():
            if kind & k:
                chars.add(c)
    scans: list[Iterator[Issue]] = []
    if found[_LEAD] and _MOJIBAKE_RE.search(suspect):
        scans.append(_mojibake_issues(text, _matches(_MOJIBAKE_RE, text, found[_LEAD])))
    if "\u00e2" in found[_LEAD] and _PARTIAL_RE.search(suspect):
        scans.append(_partial_issues(_matches(_PARTIAL_RE, text, {"\u00e2"})))
    if found[_INVIS]:
        firsts = found[_INVIS] | ({"\x0b", "\x0c"} if "\x01" in found[_INVIS] else set())
        scans.append(_invisible_issues(text, _matches(_INVISIBLE_RE, text, firsts)))
    if found[_MARK] and _ZALGO_RE.search(suspect):
        scans.append(_zalgo_issues(text, _matches(_ZALGO_RE, text, found[_MARK])))
    if found[_SEED]:
        seeds = _seeds(text, suspect, found[_SEED], bool(groups))
        scans.append(_script_issues(text, iter(seeds)))
    return scans


def find_damage(
    text: str, settings: Settings | None = None, *, exhaustive: bool = False
) -> Iterator[Damage]:
    """Every damaged word of ``text``, in order: one Damage per word (or per run of
    invisible characters outside words). ``exhaustive`` runs every scan over the whole
    text instead of only where the prefilter points (the tests check both agree)."""
    st = settings or Settings()
    scans = _scans(text, exhaustive)
    issues = heapq.merge(*scans, key=lambda i: i.start)
    count = 0
    group: list[Issue] = []
    g_start = g_end = i_end = 0
    for iss in issues:
        if group and iss.start < g_end:
            if iss.start < i_end or iss.start - g_start < _MAX_UNIT:
                group.append(iss)
                i_end = max(i_end, iss.end)
                if iss.end > g_end:
                    g_end = _right(text, iss.end) if iss.expand else iss.end
                continue
            g_end = iss.start  # a "word" this long is cut into pieces
        if group:
            if count >= st.max_findings:
                yield _limit(text, g_start, g_end, group, st)
                return
            yield _damage(text, g_start, g_end, group)
            count += 1
        floor = g_end
        group = [iss]
        i_end = iss.end
        if iss.expand:
            g_start = _left(text, iss.start, floor, _WORD_RE)
            g_end = _right(text, iss.end)
        else:
            g_start, g_end = iss.start, iss.end
    if group:
        if count >= st.max_findings:
            yield _limit(text, g_start, g_end, group, st)
        else:
            yield _damage(text, g_start, g_end, group)


def _damage(text: str, start: int, end: int, issues: list[Issue]) -> Damage:
    moji = [(i.start, i.end) for i in issues if i.kind == "mojibake" and i.fix is not None]
    if moji:
        # A C1 control inside a mojibake sequence ("Ã\x81") is part of that sequence.
        issues = [
            i
            for i in issues
            if i.kind == "mojibake" or not any(a <= i.start and i.end <= b for a, b in moji)
        ]
    severity = max((i.severity for i in issues), key=_SEVERITY_RANK.__getitem__)
    messages = list(dict.fromkeys(i.message for i in issues))
    if len(messages) > 3:
        messages = [*messages[:3], f"and {len(messages) - 3} more problems"]
    message = "; ".join(messages)
    return Damage(start, end, severity, message, _repair(text, start, end, issues))


def _repair(text: str, start: int, end: int, issues: list[Issue]) -> str | None:
    edits: list[tuple[int, int, str]] = []
    for i in issues:
        if i.fix is None:
            return None
        edits.extend(i.fix)
    edits.sort()
    out = []
    pos = start
    for a, b, r in edits:
        if a < pos:
            return None  # two fixes for one spot: not certain
        out.append(text[pos:a])
        out.append(r)
        pos = b
    out.append(text[pos:end])
    fixed = "".join(out)
    return fixed if fixed != text[start:end] else None


def _limit(text: str, start: int, end: int, issues: list[Issue], st: Settings) -> Damage:
    d = _damage(text, start, end, issues)
    note = f" (the first {st.max_findings} damaged words are listed; later ones are not)"
    return d._replace(message=d.message + note)


class EncodingDamage(Rule):
    """Catches characters that scrapers and rewriting pipelines damage inside words:
    a letter of another script in a word ("Lپpez" with the Persian letter پ, "Mоscow" with
    a Cyrillic о), mojibake ("LÃ³pez", "donâ€™t": UTF-8 read as Windows-1252, once or
    more), and invisible or broken characters (zero-width spaces and joiners, bidirectional
    controls, soft hyphens, other format characters, U+FFFD, control characters, stacks of
    combining marks).

    Why: such a word is wrong as published even when it looks right: a name with a foreign
    letter or an invisible character no longer matches in search, copy or translation, a
    bidi override reverses what readers see, and mojibake is visible garbage.

    How: precompiled regular expressions find the suspect characters in the whole text, and
    only the words around them are inspected. Scripts come from the Unicode character
    names; mojibake is confirmed by turning the characters back into bytes and decoding
    them as UTF-8. One finding per damaged word, with the repaired word as the fix when it
    is certain (the mojibake decoded, the invisible character removed, the look-alike
    replaced by the letter it imitates). Accented Latin (López, Łódź, Ærø), words wholly in
    another script (Москва, 北京), Japanese and Chinese mixed with Latin, Greek letters in
    scientific notation (Aβ, IL-1β), joiners inside emoji and in scripts that use them, and
    bidi marks next to right-to-left text are fine. Invisible format characters are
    warnings; everything visible is an error.

    Bad:  "President Andres Manuel Lپpez Obrador met officials in Mоscow."
    Good: "President Andrés Manuel López Obrador met officials in Moscow (Москва)."
    """

    id = "encoding-damage"
    code = "EN01"
    category = "ENCODING"
    severity = "error"
    summary = "A word damaged by encoding: mixed scripts, mojibake, invisible characters."
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        st: Settings = ctx.settings or Settings()
        skip = ctx.doc.skip
        for d in find_damage(ctx.doc.text, st):
            if skip and any(a < d.end and d.start < b for a, b in skip):
                continue
            yield self.finding(
                d.message, d.start, d.end, severity=d.severity, suggestion=d.suggestion
            )
