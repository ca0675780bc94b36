"""Time the whole source-aware check of the seed pair, in-process, against a naive baseline.

    python benchmarks/bench_pair.py [--runs 30] [SUSPECT SOURCE]

The check: read both files, build the documents, align, run every rule, render the JSON
report (--runs runs, after one warm-up run that loads the WordNet data once per process).
The baseline, measured in the same run and interleaved with it (one baseline run every
four): difflib.SequenceMatcher.ratio() over every (source sentence, suspect sentence) pair,
the naive way to find which sentences match. Figures are medians and their ratio.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quality.document import read_document  # noqa: E402
from quality.engine import check_document  # noqa: E402
from quality.reporters.json_report import render_json  # noqa: E402


def full_check(suspect: Path, source: Path) -> str:
    report = check_document(read_document(suspect), read_document(source))
    return render_json([report])


def naive_baseline(suspect: Path, source: Path) -> float:
    a = read_document(source)
    b = read_document(suspect)
    sa = [a.sentence_text(s) for s in a.sentences]
    sb = [b.sentence_text(s) for s in b.sentences]
    best = 0.0
    for x in sa:
        for y in sb:
            best = max(best, difflib.SequenceMatcher(None, x, y).ratio())
    return best


def timed_ms(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def interleaved(ours, base, runs: int, base_every: int = 4) -> tuple[list[float], list[float]]:
    """Run both in alternating rounds (one baseline run per ``base_every`` of ours), with the
    garbage collector paused during each timed call as timeit does, so that both see the
    same machine conditions."""
    a: list[float] = []
    b: list[float] = []
    for k in range(runs):
        gc.disable()
        try:
            a.append(timed_ms(ours))
            if k % base_every == 0:
                b.append(timed_ms(base))
        finally:
            gc.enable()
        gc.collect()
    return a, b


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("suspect", nargs="?", default=str(ROOT / "examples/001_cbs_rewritten.txt"))
    ap.add_argument("source", nargs="?", default=str(ROOT / "examples/000_cbs_original.txt"))
    args = ap.parse_args()
    suspect, source = Path(args.suspect), Path(args.source)
    full_check(suspect, source)  # warm-up: loads WordNet and the pattern packs once
    a, b = interleaved(
        lambda: full_check(suspect, source), lambda: naive_baseline(suspect, source), args.runs
    )
    ours, base = statistics.median(a), statistics.median(b)
    print(f"pair check (quality)       median {ours:8.2f} ms over {len(a)} runs (min {min(a):.2f})")
    print(f"naive difflib all-pairs    median {base:8.2f} ms over {len(b)} runs (min {min(b):.2f})")
    print(
        f"speed-up                   {base / ours:8.1f}x (medians), {min(b) / min(a):.1f}x (minima)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
