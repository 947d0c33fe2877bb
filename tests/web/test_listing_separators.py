"""Listings never start an item's details with a separator, dated or not."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_story


@pytest.fixture
def undated_story(db):
    story = make_story(title="Wang Yi heads to Moscow", slug="wang-yi-heads-to-moscow")
    first = make_article(story=story, headline="Wang Yi in Moscow")
    second = make_article(story=story, headline="China's top diplomat visits Russia")
    assert first.published_at is None and second.published_at is None
    return first, second


def _metas(page: str) -> list[str]:
    """The text of each item's details line, tags dropped and spaces joined."""
    found = re.findall(r'<span class="item__meta">(.*?)</span>\s*</li>', page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", meta).split()) for meta in found]


def _assert_no_stray_separator(page: str) -> None:
    metas = _metas(page)
    assert metas, "no item details on the page"
    for meta in metas:
        assert not meta.startswith("·") and not meta.endswith("·") and "· ·" not in meta, meta


def test_an_undated_report_in_the_picker_shows_its_story_without_a_separator(client, undated_story):
    first, second = undated_story
    url = reverse("newsdiff:compare-picker")
    page = client.get(url, {"left": first.pk}).content.decode()
    assert "Wang Yi heads to Moscow" in _metas(page)
    _assert_no_stray_separator(page)


def test_the_article_page_lists_undated_reports_without_a_separator(client, undated_story):
    first, _ = undated_story
    page = client.get(first.get_absolute_url()).content.decode()
    assert "Wang Yi heads to Moscow" in _metas(page)
    _assert_no_stray_separator(page)


def test_the_article_list_puts_no_separator_before_missing_dates(client, undated_story):
    page = client.get(reverse("newsdiff:article-list")).content.decode()
    _assert_no_stray_separator(page)
