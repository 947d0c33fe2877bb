"""Background tasks (Django's tasks framework; `manage.py db_worker` runs them).

Each task is a thin call into the pipeline, which does the work and records its state.
"""

from django.tasks import task

from newsdiff import pipeline


@task()
def make_comparison(comparison_id: int) -> None:
    pipeline.run_comparison(comparison_id)
