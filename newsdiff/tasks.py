"""Background tasks (Django's tasks framework; `manage.py db_worker` runs them).

Each task is a thin call into the pipeline, which does the work and records its state.
"""

from django.tasks import task

from newsdiff import pipeline

# A reader waits on a comparison or a coverage; nobody waits on vectors (either encodes
# what is missing itself), so a free worker takes those first.
COMPARISON_PRIORITY = 10
ENCODING_PRIORITY = -10


@task(priority=COMPARISON_PRIORITY)
def make_comparison(comparison_id: int) -> None:
    pipeline.run_comparison(comparison_id)


@task(priority=COMPARISON_PRIORITY)
def make_coverage(coverage_id: int) -> None:
    pipeline.run_coverage(coverage_id)


@task(priority=ENCODING_PRIORITY)
def encode_articles(article_ids: list[int]) -> int:
    """Sentence vectors for long articles and bulk imports, made off the request, a
    turn at a time (what is left is queued again behind waiting comparisons)."""
    return pipeline.encode_stored(article_ids, turn=pipeline.ENCODE_TURN_SENTENCES)


@task(priority=COMPARISON_PRIORITY)
def write_comparison_csv(comparison_id: int) -> None:
    """The CSV of a large comparison asked for the other way round (its mirror)."""
    pipeline.write_csv(comparison_id)
