"""Time creating a comparison of two 200-sentence articles through the pipeline.

    .venv/bin/python bench/comparison_create.py

It uses DATABASE_URL when set (bench/web_load.sh sets it), otherwise a throwaway
SQLite file, migrated first. Every row it makes is rolled back.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.django_env import setup_django  # noqa: E402

setup_django()

from django.db import transaction  # noqa: E402

from newsdiff import pipeline  # noqa: E402
from newsdiff.analysis.types import CleanedText  # noqa: E402
from newsdiff.models import Comparison, Source  # noqa: E402


def _texts(n: int) -> tuple[str, str]:
    """The synthetic pair of bench/alignment.py (ECB+ text, reordered and reworded)."""
    from bench.alignment_data import build_synthetic

    case = build_synthetic(n)
    return (
        "\n\n".join(s.text for s in case.left if s.role == "body"),
        "\n\n".join(s.text for s in case.right if s.role == "body"),
    )


def main(n: int = 200, runs: int = 5) -> None:
    left_body, right_body = _texts(n)
    times = []
    for run in range(runs):
        with transaction.atomic():
            src = Source.objects.create(name=f"Bench {run}", slug=f"bench-{run}-{time.time_ns()}")
            a = pipeline.save_article(
                CleanedText(raw=f"L{run}" + left_body, body=left_body, headline="Left"), source=src
            )
            b = pipeline.save_article(
                CleanedText(raw=f"R{run}" + right_body, body=right_body, headline="Right"),
                source=src,
            )
            started = time.perf_counter()
            comparison = pipeline.compare_articles(a, b)
            times.append(time.perf_counter() - started)
            sizes = (
                len(comparison.result["left"]["sentences"]),
                len(comparison.result["right"]["sentences"]),
            )
            transaction.set_rollback(True)
    print(
        f"Create a {sizes[0]} x {sizes[1]} sentence comparison (align + diff + framing + save): "
        f"median {statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms "
        f"over {runs} runs (target < 500 ms)"
    )
    assert not Comparison.objects.filter(left_article__headline="Left").exists()


if __name__ == "__main__":
    main()
