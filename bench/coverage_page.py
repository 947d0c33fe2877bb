"""Time a coverage of ECB+ stories: making it (stored sentences and vectors) and
drawing its page once made.

    .venv/bin/python bench/coverage_page.py

It imports three ECB+ sub-topics into a throwaway SQLite file (or DATABASE_URL),
with their sentence vectors, then for 5 outlets (topic 2, the Oscars host), the 5
longest reports of topic 20 (an earthquake) and 12 outlets (topic 1, Tara Reid in
rehab): the time to make the coverage, its seconds per
sentence (what NEWSDIFF_COVERAGE_INLINE_SENTENCES and the progress page's estimate
rest on), and the coverage page's render time and size. Needs the ECB+ corpus in
../shared/data/ecbplus (or NEWSDIFF_SHARED_DIR).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.django_env import setup_django  # noqa: E402

setup_django()
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from newsdiff import pipeline  # noqa: E402
from newsdiff.models import Article, Coverage  # noqa: E402

RENDERS = 20


def _import(topic: int, subtopic: str, folder: Path) -> list[Article]:
    corpus = settings.NEWSDIFF_SHARED_DIR / "data" / "ecbplus" / "ecbplus_docs.jsonl"
    lines = [
        line
        for line in corpus.read_text(encoding="utf-8").splitlines()
        if f'"topic": {topic},' in line and f'"subtopic": "{subtopic}"' in line
    ]
    (folder / "ecbplus_docs.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with open(os.devnull, "w") as devnull:
        call_command("load_ecbplus", str(folder), stdout=devnull)
    story = Article.objects.get(original_filename=f"ecbplus/{topic}_1{subtopic}.xml").story
    articles = list(story.articles.select_related("source").order_by("pk"))
    pipeline.encode_stored([a.pk for a in articles])  # the worker's job in the app
    return articles


def _one_per_outlet(articles: list[Article], n: int) -> list[Article]:
    chosen: dict[int, Article] = {}
    for article in articles:
        chosen.setdefault(article.source_id, article)
    return list(chosen.values())[:n]


def _measure(label: str, articles: list[Article]) -> None:
    story = articles[0].story
    sentences = pipeline.coverage_size(articles)
    started = time.perf_counter()
    row = Coverage.objects.create(
        **pipeline._coverage_lookup(articles),
        story=story,
        status=Coverage.Status.QUEUED,
        sentence_count=sentences,
        label=story.title,
    )
    pipeline.run_coverage(row.pk)
    made = time.perf_counter() - started
    row.refresh_from_db()
    assert row.status == "done", row.error
    client = Client()
    client.get(row.get_absolute_url())  # templates compiled, caches warm
    times, size = [], 0
    for _ in range(RENDERS):
        started = time.perf_counter()
        response = client.get(row.get_absolute_url())
        times.append(time.perf_counter() - started)
        size = len(response.content)
    times.sort()
    print(
        f"{label}: {len(articles)} reports, {sentences} sentences, "
        f"{len(row.result['facts'])} facts. Made in {made:.2f} s "
        f"({made / sentences * 1000:.1f} ms per sentence). Page: median "
        f"{statistics.median(times) * 1000:.0f} ms, slowest {times[-1] * 1000:.0f} ms over "
        f"{RENDERS} renders, {size / 1024:.0f} KB (target < 300 ms for 5 outlets)"
    )


def main() -> None:
    setup_test_environment()
    with tempfile.TemporaryDirectory() as folder:
        oscars = _import(2, "ecbplus", Path(folder))
        rehab = _import(1, "ecbplus", Path(folder))
        quake = _import(20, "ecbplus", Path(folder))
    _measure("ECB+ 2ecbplus", _one_per_outlet(oscars, 5))
    longest = sorted(_one_per_outlet(quake, 12), key=lambda a: -a.sentences.count())[:5]
    _measure("ECB+ 20ecbplus, longest", longest)
    _measure("ECB+ 1ecbplus", _one_per_outlet(rehab, 12))


if __name__ == "__main__":
    main()
