"""Time the whole source-aware check of the seed pair, in-process, against a naive baseline.

    python benchmarks/bench_pair.py [--runs 30] [SUSPECT SOURCE]

The check: read both files, build the documents, align, run every rule, render the JSON
report (the median of --runs runs, after one warm-up run that loads the WordNet data).
The baseline, measured in the same run: difflib.SequenceMatcher.ratio() over every
(source sentence, suspect sentence) pair — the naive way to find which sentences match.
Figures are reported as medians and as the ratio between them.
"""

from __future__ import annotations

import argparse
import difflib
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


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("suspect", nargs="?", default=str(ROOT / "examples/001_cbs_rewritten.txt"))
    ap.add_argument("source", nargs="?", default=str(ROOT / "examples/000_cbs_original.txt"))
    args = ap.parse_args()
    suspect, source = Path(args.suspect), Path(args.source)
    full_check(suspect, source)  # warm-up: loads WordNet and the pattern packs once
    ours = median_ms(lambda: full_check(suspect, source), args.runs)
    base = median_ms(lambda: naive_baseline(suspect, source), max(5, args.runs // 4))
    print(f"pair check (quality)       median {ours:8.2f} ms over {args.runs} runs")
    print(f"naive difflib all-pairs    median {base:8.2f} ms")
    print(f"speed-up                   {base / ours:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
