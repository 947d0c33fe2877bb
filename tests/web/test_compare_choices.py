"""The pickers of the home page and /compare/: newest reports first, grouped by story,
and a word when some articles are left out."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from newsdiff import views
from tests.factories import make_article, make_story


@pytest.fixture
def corpus_after_the_seeds(seeds):
    """Undated reports imported after the seeds, in a story whose title sorts first
    (as an ECB+ import does)."""
    imported = make_story(title="Aardvark escapes from zoo", slug="aardvark-escapes")
    return [make_article(story=imported, headline=f"Aardvark seen in park {n}") for n in range(3)]


def _select(page: str, name: str) -> str:
    return re.search(rf'<select id="[^"]*-{name}" name="{name}".*?</select>', page, re.S)[0]


def _options(page: str, name: str) -> list[int]:
    """The article ids one picker offers, in order."""
    return [int(pk) for pk in re.findall(r'<option value="(\d+)"', _select(page, name))]


def _groups(page: str) -> list[str]:
    return re.findall(r'<optgroup label="([^"]*)">', _select(page, "left"))


@pytest.mark.parametrize("url", [reverse("newsdiff:home"), reverse("newsdiff:compare")])
def test_the_newest_story_comes_first_and_the_seeds_can_be_chosen_after_an_import(
    client, seeds, corpus_after_the_seeds, monkeypatch, url
):
    monkeypatch.setattr(views, "COMPARE_CHOICES_LIMIT", 4)
    page = client.get(url).content.decode()
    options = _options(page, "left")
    # the seed story (its reports dated 2023) first, then the undated import, cut at 4
    assert len(options) == 4 and _options(page, "right") == options
    assert set(options[:2]) == {seeds["left"].pk, seeds["right"].pk}
    assert set(options[2:]) < {a.pk for a in corpus_after_the_seeds}
    assert _groups(page) == [seeds["left"].story.title, "Aardvark escapes from zoo"]
    text = " ".join(page.split())
    said = "These lists hold 4 of the 5 articles, the newest stories first. To compare another,"
    assert said in text
    assert f'<a href="{reverse("newsdiff:article-list")}">search all articles</a>' in text
    assert text.count("Compare with…” on its page") == 1  # said once


def test_within_a_story_the_newest_report_comes_first(client, db):
    story = make_story(title="Bridge closed", slug="bridge-closed")
    for day, outlet in ((3, "Monday"), (5, "Wednesday"), (4, "Tuesday")):
        make_article(
            story=story,
            headline=f"{outlet} report",
            published_at=datetime(2024, 3, day, 9, tzinfo=UTC),
        )
    page = client.get(reverse("newsdiff:compare")).content.decode()
    select = _select(page, "left")
    headlines = re.findall(r"<option value=\"\d+\"[^>]*>[^:<]*: ([^<]*)</option>", select)
    assert headlines == ["Wednesday report", "Tuesday report", "Monday report"]
    assert "These lists hold" not in page  # nothing left out, nothing to say
    assert "Looking for a particular article?" in page  # but the search is still offered
