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


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test starts with no cached pages."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests don't run collectstatic; serve static files unhashed."""
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
