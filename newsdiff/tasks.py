"""Background tasks (Django's tasks framework; `manage.py db_worker` runs them).

Each task is a thin call into the pipeline, which does the work and records its state.
"""

from django.tasks import task

from newsdiff import pipeline


@task()
def make_comparison(comparison_id: int) -> None:
    pipeline.run_comparison(comparison_id)


@task()
def encode_articles(article_ids: list[int]) -> int:
    """Sentence vectors for long articles and bulk imports, made off the request."""
    return pipeline.encode_stored(article_ids)
