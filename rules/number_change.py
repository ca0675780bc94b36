"""NUMBER: numbers, magnitudes, dates and units that changed between source and suspect."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from quality.align import Pair
from quality.document import Token
from quality.rule import Context, Finding, Rule
from quality.text import MONTHS, WEEKDAYS

_UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
# "one" is left out on purpose: it is as often a pronoun or an article ("one official").
_MAGNITUDES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
_VAGUE = {  # plural magnitudes: "hundreds" means [100, 1000)
    "dozens": (24.0, 100.0), "tens": (10.0, 100.0), "scores": (40.0, 100.0),
    "hundreds": (1e2, 1e3), "thousands": (1e3, 1e4), "millions": (1e6, 1e7),
    "billions": (1e9, 1e10), "trillions": (1e12, 1e13),
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_PERCENT = {"percent", "per cent", "%"}


@dataclass(frozen=True)
class Mention:
    kind: str  # "quantity" | "weekday" | "month" | "ordinal"
    lo: float
    hi: float
    label: str  # weekday/month name, or "" for quantities
    w0: int  # word index range in the pair's word list
    w1: int
    percent: bool = False


@dataclass(frozen=True)
class Settings:
    # Relative tolerance when comparing quantities ("almost 11 million" ~ "11 million").
    tolerance: float = 0.1


def mentions(words: list[Token]) -> list[Mention]:
    """Number mentions in a list of word tokens (see the module docstring)."""
    out: list[Mention] = []
    n = len(words)
    i = 0
    while i < n:
        t = words[i]
        low = t.norm
        value: float | None = None
        j = i + 1
        if t.kind == "number":
            raw = t.text.rstrip("%").replace(",", "")
            try:
                value = float(raw) if ":" not in raw else None
            except ValueError:
                value = None
            if value is None:
                i += 1
                continue
        elif low in _UNITS:
            value = float(_UNITS[low])
            if j < n and words[j].norm in _UNITS and _UNITS[words[j].norm] < 10 <= value:
                value += _UNITS[words[j].norm]
                j += 1
        elif "-" in low and all(p in _UNITS for p in low.split("-")):
            value = float(sum(_UNITS[p] for p in low.split("-")))
        elif low in _VAGUE:
            lo, hi = _VAGUE[low]
            while j + 1 < n and words[j].norm == "of" and words[j + 1].norm in _VAGUE:
                lo2, hi2 = _VAGUE[words[j + 1].norm]
                lo, hi = lo * lo2, hi * lo2
                j += 2
            out.append(Mention("quantity", lo, hi, "", i, j))
            i = j
            continue
        elif low in WEEKDAYS and t.text[:1].isupper():
            out.append(Mention("weekday", 0, 0, low, i, j))
            i = j
            continue
        elif low in MONTHS and t.text[:1].isupper() and low != "may":
            out.append(Mention("month", 0, 0, low, i, j))
            i = j
            continue
        elif low in _ORDINALS:
            v = float(_ORDINALS[low])
            out.append(Mention("ordinal", v, v, "", i, j))
            i = j
            continue
        if value is None:
            i += 1
            continue
        while j < n and words[j].norm in _MAGNITUDES:
            value *= _MAGNITUDES[words[j].norm]
            j += 1
        percent = t.text.endswith("%") or (j < n and words[j].norm in _PERCENT)
        out.append(Mention("quantity", value, value, "", i, j, percent))
        i = j
    return out


def pair_mentions(pair: Pair) -> tuple[list[Mention], list[Mention]]:
    """Mentions of both sides of an aligned pair, computed once per pair."""
    hit = pair.__dict__.get("_mentions")
    if hit is None:
        hit = pair.__dict__["_mentions"] = (mentions(pair.src_words), mentions(pair.sus_words))
    return hit


def _same(a: Mention, b: Mention, tol: float) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind in ("weekday", "month"):
        return a.label == b.label
    if a.percent != b.percent and a.kind == "quantity":
        return False
    if a.lo == a.hi and b.lo == b.hi:  # exact values: "almost 11 million" ~ "11 million"
        return abs(a.lo - b.lo) <= tol * max(abs(a.lo), abs(b.lo))
    if a.lo == a.hi:
        return b.lo <= a.lo * (1 + tol) and a.lo * (1 - tol) < b.hi
    if b.lo == b.hi:
        return a.lo <= b.lo * (1 + tol) and b.lo * (1 - tol) < a.hi
    return a.lo < b.hi and b.lo < a.hi  # vague ranges are half-open: [1e5, 1e6) vs [1e6, 1e7)


class NumberChange(Rule):
    """Catches numbers, magnitudes, dates and units that the rewrite changed.

    Why: a number is a fact; machine rewriting turns "hundreds of thousands" into "millions",
    drops a zero from "70,000" or moves a meeting from Thursday to Tuesday.

    How: number mentions (digits with magnitude words, number words, vague plurals such as
    "hundreds of thousands", weekdays, months, ordinals) are read from each aligned sentence
    pair and matched by value (within a small tolerance) or name. A mention left over on
    both sides is a change (error); one left over only in the suspect is a number the
    source does not give (warning).

    Bad:  source "the return of hundreds of thousands of migrants"; suspect "the return of
          millions of migrants".
    Good: source "almost 11 million doses"; suspect "approximately 11 million doses".
    """

    id = "number-change"
    code = "NU01"
    category = "NUMBER"
    severity = "error"
    summary = "A number, quantity or date differs from the source."
    needs_source = True
    Settings = Settings

    def check(self, ctx: Context) -> Iterator[Finding]:
        assert ctx.source is not None and ctx.alignment is not None
        st: Settings = ctx.settings
        for pair in ctx.alignment.pairs:
            yield from self._pair(ctx, pair, st)

    def _pair(self, ctx: Context, pair: Pair, st: Settings) -> Iterator[Finding]:
        a, b = pair_mentions(pair)
        if not a and not b:
            return
        left_a = list(a)
        left_b = []
        for m in b:
            hit = next((x for x in left_a if _same(x, m, st.tolerance)), None)
            if hit is None:
                left_b.append(m)
            else:
                left_a.remove(hit)
        src = ctx.source
        assert src is not None
        for m in left_b:
            s0 = pair.sus_words[m.w0].start
            s1 = pair.sus_words[m.w1 - 1].end
            other = next((x for x in left_a if x.kind == m.kind), None)
            text = ctx.doc.text[s0:s1]
            if other is None:
                yield self.finding(
                    f"“{text}” is not in the source sentence",
                    s0,
                    s1,
                    severity="warning",
                )
                continue
            left_a.remove(other)
            o0 = pair.src_words[other.w0].start
            o1 = pair.src_words[other.w1 - 1].end
            src_text = src.text[o0:o1]
            yield self.finding(
                f"“{text}” does not match the source’s “{src_text}”",
                s0,
                s1,
                source_start=o0,
                source_end=o1,
                suggestion=src_text,
            )
