import os

import pytest

# Django is imported inside the fixtures, so the plain-Python analysis tests also
# run without it: `pytest -p no:django tests/analysis`.


@pytest.fixture(scope="session")
def ecbplus_dir():
    """The ECB+ corpus beside the repository (../shared/data/ecbplus, or under
    NEWSDIFF_SHARED_DIR). It is 40 MB of licensed data the repository does not copy,
    so the few tests that read it are skipped, with this reason, where it is absent."""
    from pathlib import Path

    default = Path(__file__).resolve().parents[2] / "shared"
    shared = Path(os.environ.get("NEWSDIFF_SHARED_DIR", default))
    folder = shared / "data" / "ecbplus"
    if not (folder / "ecbplus_docs.jsonl").is_file():
        pytest.skip(f"the ECB+ corpus is not at {folder}")
    return folder


def _django_settings(request):
    """pytest-django's ``settings``, or None when the tests run without Django."""
    if not request.config.pluginmanager.hasplugin("django"):
        return None
    return request.getfixturevalue("settings")


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """Each test starts with no cached pages, in a cache of its own process (the
    tests of the shared database cache ask for it with ``database_cache``)."""
    settings = _django_settings(request)
    if settings is None:
        yield
        return
    from django.core.cache import cache

    from newsdiff import page_cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

    cache.clear()
    page_cache.local_pages.clear()
    yield
    page_cache.local_pages.clear()
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        cache.clear()  # (the database cache goes with the test's database)


@pytest.fixture
def database_cache(settings, db):
    """The cache the app runs with by default: a table in the database."""
    from django.core.cache import cache
    from django.core.management import call_command

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "newsdiff_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    cache.clear()
    return cache


@pytest.fixture(autouse=True)
def _tasks_run_at_once(request):
    """Background tasks run inside the request that enqueues them, unless a test asks
    for the database queue and a worker (``task_queue``)."""
    settings = _django_settings(request)
    if settings is None:
        return
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def task_queue(settings, db, monkeypatch):
    """The database task queue the app runs with; ``task_queue()`` runs what is queued,
    as `manage.py db_worker --batch` would (``max_tasks``: only that many), and
    returns how many tasks ran."""
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker runs inside the test's transaction here: it must not close the
    # connection between tasks as a worker process does.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(max_tasks: int | None = None) -> int:
        before = DBTaskResult.objects.finished().count()
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        worker.run()
        return DBTaskResult.objects.finished().count() - before

    return run


@pytest.fixture(autouse=True)
def _plain_static_storage(request):
    """Tests don't run collectstatic; serve static files unhashed."""
    settings = _django_settings(request)
    if settings is None:
        return
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def story(db):
    """One event reported by two outlets."""
    from tests.factories import make_article, make_source, make_story

    story = make_story(title="Minister visits Moscow", slug="minister-visits-moscow")
    make_article(
        source=make_source(name="Daily Planet", slug="daily-planet"),
        story=story,
        headline="Minister heads to Moscow",
        body="The minister travelled to Moscow today. She will stay until Thursday.",
    )
    make_article(
        source=make_source(name="Wire Service", slug="wire-service", kind="wire"),
        story=story,
        headline="Minister arrives in Moscow for talks",
        body="The minister is heading to Moscow for talks. Officials said little.",
    )
    return story


@pytest.fixture
def lonely_story(db):
    from tests.factories import make_article, make_story

    story = make_story(title="A scoop", slug="a-scoop")
    make_article(story=story, headline="Only we have this", body="A single report.")
    return story


@pytest.fixture
def empty_story(db):
    from tests.factories import make_story

    return make_story(title="Nothing yet", slug="nothing-yet")


@pytest.fixture
def seeds(db):
    """The two seed reports, loaded as `make run` loads them."""
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("load_seeds", stdout=devnull)
    from newsdiff.models import Article

    return {
        "left": Article.objects.get(original_filename="000_abca97e62226170e.txt"),
        "right": Article.objects.get(original_filename="002_949427fbf105c65a.txt"),
    }


# Four outlets' reports of one event: one fact all four tell (one outlet in other
# words), one all but the last tell, one two tell, and one only the first tells.
COVERED_REPORTS = [
    (
        "Coast Courier",
        "Harbour Bridge shut after crack found in cable",
        "The Harbour Bridge was closed on Tuesday after engineers found a crack in a main "
        "cable. About 40,000 vehicles cross the bridge every day. Mayor Lena Ortiz called "
        "the closure a scandal. Engineers said repairs could take six weeks.",
    ),
    (
        "Daily Ledger",
        "Harbour Bridge closed for repairs",
        "The Harbour Bridge was shut on Tuesday after engineers found a crack in a main "
        "cable. About 40,000 vehicles cross the bridge every day. Engineers said repairs "
        "could take six weeks.",
    ),
    (
        "Evening Post",
        "Cracked cable closes Harbour Bridge",
        "The Harbour Bridge was closed on Tuesday after engineers found a crack in a main "
        "cable. About 40,000 vehicles cross the bridge every day. Ferry operators added "
        "extra sailings for commuters on Wednesday morning.",
    ),
    (
        "Metro Wire",
        "Bridge closed over cable crack",
        "The Harbour Bridge was closed on Tuesday after engineers found a crack in a main "
        "cable. Police set up diversions through the city centre for lorries and buses.",
    ),
]


@pytest.fixture
def covered_story(db):
    """One event reported by four outlets (COVERED_REPORTS), oldest first."""
    from datetime import UTC, datetime, timedelta

    from tests.factories import make_article, make_source, make_story

    story = make_story(title="Harbour Bridge closed", slug="harbour-bridge-closed")
    start = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    for n, (outlet, headline, body) in enumerate(COVERED_REPORTS):
        make_article(
            source=make_source(name=outlet, slug=outlet.lower().replace(" ", "-")),
            story=story,
            headline=headline,
            body=body,
            published_at=start + timedelta(hours=n),
        )
    return story
