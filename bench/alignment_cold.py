"""The seed pair through ``compare_texts`` in a new process, cold: where the time goes.

Run: .venv/bin/python bench/alignment_cold.py [--runs N] [--threads 1,2]

Each run is a new Python process that imports the analysis package, loads the
sentence encoder, then compares the two seed reports once (every cache cold,
encoding included), timing each stage (wall clock; the last line is the CPU
time of the cold compare, all threads, which a busy machine inflates less).
The encoder's thread counts (how many batches run side by side) are alternated
run by run so that a busy machine slows them alike; read the ratios, not the
absolute times.
The encoder's load includes one warm-up run of a short sentence (it sets up
onnxruntime's buffers once per process, so the first comparison does not).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import sys, time
clock = time.perf_counter
started = clock()
from newsdiff.analysis import align, clean, compare, encode, framing
imported = clock()
encode.THREADS = int(sys.argv[3])
encoder = encode.get_encoder()
loaded = clock()
left_text, right_text = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
cpu0 = time.process_time()
t0 = clock()
left, left_meta = compare.document_from_cleaned(clean.clean_text(left_text))
right, right_meta = compare.document_from_cleaned(clean.clean_text(right_text))
t1 = clock()
vectors, _ = compare.sentence_vectors(left, right, left_meta, right_meta)
t2 = clock()
alignment = align.align_sentences(left, right, vectors)
t3 = clock()
diffs = compare.group_diffs(left, right, alignment)
framing.analyse_framing(left, right, alignment, diffs=diffs)
t4 = clock()
cpu = time.process_time() - cpu0
compare.compare_texts(left_text, right_text)
t5 = clock()
print(imported - started, loaded - imported, t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0,
      t5 - t4, cpu)
"""
STAGES = (
    "import",
    "encoder load",
    "clean + segment",
    "encode",
    "align",
    "diff + framing",
    "compare, cold",
    "compare again, warm",
    "compare, cold, CPU",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="processes per thread count")
    parser.add_argument("--threads", default="1,2", help="encoder threads to alternate")
    args = parser.parse_args(argv)
    counts = [int(x) for x in args.threads.split(",")]
    spec = json.loads((ROOT / "seeds" / "seed-alignment.gold.json").read_text())
    files = [str(ROOT / "seeds" / spec[side]) for side in ("left", "right")]
    times: dict[int, list[list[float]]] = {n: [] for n in counts}
    for _ in range(args.runs):
        for n in counts:
            out = subprocess.run(
                [sys.executable, "-c", PROBE, *files, str(n)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout.split()
            times[n].append([float(x) for x in out])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"seed pair through compare_texts in a new process; {args.runs} processes per thread")
    print(f"count, alternated; medians in ms; load average {load} ({os.cpu_count()} cores)")
    header = "  ".join(f"{str(n) + ' thr.':>10}" for n in counts)
    print(f"  {'stage':<20}  {header}")
    for k, stage in enumerate(STAGES):
        cells = "  ".join(
            f"{1000 * statistics.median(r[k] for r in times[n]):10.0f}" for n in counts
        )
        print(f"  {stage:<20}  {cells}")
    base = counts[0]
    for k, what in ((6, "time"), (8, "CPU time")):
        cold = {n: statistics.median(r[k] for r in times[n]) for n in counts}
        for n in counts[1:]:
            print(
                f"  compare, cold: {n} threads take {cold[n] / cold[base]:.2f}x the {what} "
                f"of {base}"
            )
    print("  target: the cold compare < 300 ms (on a machine at rest)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
