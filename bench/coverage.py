"""Coverage benchmark (issue 15): facts across many reports of one story.

1. The hand gold (data/coverage_gold.json, protocol in coverage_gold.md): pairwise
   precision/recall within facts, B-cubed, and the share of "not reported" cells
   that are right, on the tuning part and the test part separately.
2. Every ECB+ story with 3 or more articles (the first 12 where it has more): facts
   by how many articles tell them, and the time of each coverage (stored vectors).
3. Speed and memory: 5 outlets x 40 sentences and 12 x 100 (synthetic stories of
   ECB+ sentences, vectors made beforehand as stored articles have them).

Run: .venv/bin/python bench/coverage.py [--quick] [--tuning]
(--quick skips part 2; --tuning scores the tuning part only, for choosing constants)
"""

from __future__ import annotations

import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` and `newsdiff` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import coverage_data as data  # noqa: E402
from bench.alignment_data import load_articles  # noqa: E402
from newsdiff.analysis.coverage import build_coverage  # noqa: E402


def gold_figures(parts: tuple[str, ...] = ("tuning", "test")) -> None:
    articles = load_articles()
    gold = [g for g in data.load_gold() if g.part in parts]
    vectors = data.encode_all(articles[d] for g in gold for d in g.docs)
    print("1. Hand gold (bench/data/coverage_gold.json): facts across 4 articles per story")
    header = f"  {'story':<12}{'part':<8}" + "".join(
        f"{h:>10}" for h in ("pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1", "absent ok")
    )
    print(header)
    totals = {"tuning": data.Scores(), "test": data.Scores()}
    for g in gold:
        reports = [data.report_of(articles[d], vectors[d]) for d in g.docs]
        predicted = data.predicted_clusters(build_coverage(reports), articles)
        s = data.score(g, predicted)
        totals[g.part].add(s)
        _row(g.story, g.part, s)
    for part in parts:
        _row("all", part, totals[part])
    t = totals[parts[-1]]
    print(
        f"  {parts[-1]}: {t.pair_found}/{t.pair_gold} gold pairs found,"
        f" {t.pair_right}/{t.pair_predicted} predicted pairs right;"
        f" {t.absent_right}/{t.absent} 'not reported' cells right"
        f" ({t.absent_multi_right}/{t.absent_multi} in rows of 2+ articles); {t.items} sentences"
    )
    print()


def _row(name: str, part: str, s: data.Scores) -> None:
    f = s.figures()
    values = [f[k] for k in ("pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1")]
    values.append(f["not reported right"])
    print(f"  {name:<12}{part:<8}" + "".join(f"{v:>10.3f}" for v in values))


def ecb_counts() -> None:
    stories = data.stories(min_articles=3, max_articles=12)
    articles = [a for arts in stories.values() for a in arts]
    started = time.perf_counter()
    vectors = data.encode_all(articles)
    encoded = time.perf_counter() - started
    n_sentences = sum(len(a.sentences) for a in articles)
    print(
        f"2. Every ECB+ story with 3+ articles: {len(stories)} stories, {len(articles)} articles"
        f" (at most 12 per story), {n_sentences} sentences; encoding them once: {encoded:.1f} s"
    )
    print(
        f"  {'story':<11}{'articles':>9}{'sentences':>10}{'time s':>8}  facts by articles telling"
    )
    total: Counter[int] = Counter()
    times = []
    for key, arts in stories.items():
        reports = [data.report_of(a, vectors[a.doc]) for a in arts]
        started = time.perf_counter()
        result = build_coverage(reports)
        spent = time.perf_counter() - started
        times.append(spent)
        counts = {int(k): v for k, v in result["counts"]["facts_by_outlets"].items()}
        total.update(counts)
        shown = " ".join(f"{k}:{counts[k]}" for k in sorted(counts))
        warn = " (warning)" if any("different event" in w for w in result["warnings"]) else ""
        n = sum(len(a.sentences) for a in arts)
        print(f"  {key:<11}{len(arts):>9}{n:>10}{spent:>8.2f}  {shown}{warn}")
    print(
        f"  all: {' '.join(f'{k}:{total[k]}' for k in sorted(total))}; time per story median"
        f" {statistics.median(times):.2f} s, max {max(times):.2f} s, total {sum(times):.1f} s"
    )
    print()


def speed() -> None:
    print(
        "3. Speed and memory: synthetic stories of ECB+ sentences with their vectors made"
        " beforehand (as stored articles have them), each run in a fresh process that loads"
        " no encoder; wall and CPU time are the median of 3 runs after a warm-up run"
    )
    for outlets, n, target in ((5, 40, 1.0), (12, 100, 5.0)):
        reports = data.with_vectors(data.synthetic_story(outlets, n))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "reports.pickle"
            path.write_bytes(pickle.dumps(reports))
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        wall, cpu, peak, rss, n_facts = out.split()
        n_sentences = sum(len(r.sentences) for r in reports)
        print(
            f"  {outlets:>2} outlets x {n:>3} sentences ({n_sentences} in all, {n_facts} facts):"
            f" wall {float(wall):.2f} s (target < {target:.0f} s), CPU {float(cpu):.2f} s;"
            f" peak Python memory {float(peak):.0f} MB, process peak RSS {float(rss):.0f} MB"
            " (target < 300 MB)"
        )
    load = os.getloadavg()
    print(
        f"  machine load average at the end: {load[0]:.2f} / {load[1]:.2f} on {os.cpu_count()} CPUs"
    )


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process image, while
    ru_maxrss would carry over the parent's peak (with its encoder) across fork+exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _one(path: str) -> None:
    """Time one coverage in this process (``speed`` runs it in a fresh one)."""
    reports = pickle.loads(Path(path).read_bytes())
    build_coverage(reports)
    walls, cpus = [], []
    for _ in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        result = build_coverage(reports)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    tracemalloc.start()
    build_coverage(reports)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rss = _peak_rss_mb()
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    print(wall, cpu, peak, rss, len(result["facts"]))


if __name__ == "__main__":
    if "--one" in sys.argv:
        _one(sys.argv[-1])
        sys.exit(0)
    if "--speed" in sys.argv:
        speed()
        sys.exit(0)
    gold_figures(("tuning",) if "--tuning" in sys.argv else ("tuning", "test"))
    if "--tuning" in sys.argv:
        sys.exit(0)
    if "--quick" not in sys.argv:
        ecb_counts()
    speed()
