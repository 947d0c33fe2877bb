"""Every page a journalist uses passes axe-core's serious and critical rules and fits
the window, on a laptop and on a phone."""

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import overflowing, serious_violations, sign_in

pytestmark = pytest.mark.e2e

WIDTHS = {"laptop": (1440, 900), "phone": (390, 844)}


def _public_pages(seeds: dict) -> dict[str, str]:
    from newsdiff import pipeline

    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    left = seeds["left"]
    return {
        "home": "/",
        "stories": "/stories/",
        "story": left.story.get_absolute_url(),
        "articles": "/articles/?q=minister",
        "article": left.get_absolute_url(),
        "raw article": f"/articles/{left.pk}/raw/",
        "sources": "/sources/",
        "source": left.source.get_absolute_url(),
        "compare": "/compare/",
        "compare with": f"/compare/pick/?left={left.pk}",
        "comparison": comparison.get_absolute_url(),
        "not found": "/articles/999999/",
    }


@pytest.fixture
def seeds(seeded):
    from newsdiff.models import Article

    left, right = Article.objects.select_related("story").order_by("source__name")[:2]
    return {"left": left, "right": right}


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_pass_axe_and_fit(axe_page: Page, live_server, seeds, width):
    axe_page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    problems = {}
    for name, path in _public_pages(seeds).items():
        axe_page.goto(live_server.url + path)
        found = serious_violations(axe_page) + overflowing(axe_page)
        if found:
            problems[name] = found
    assert problems == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_upload_page_passes_axe_and_fits(axe_page: Page, live_server, seeds, staff_user, width):
    axe_page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    sign_in(axe_page, live_server, staff_user, "/admin/newsdiff/article/upload/")
    assert serious_violations(axe_page) == []
    assert overflowing(axe_page) == []
    # the preview of a whole report, with its long cleaned text, still fits
    axe_page.get_by_label("Outlet:", exact=True).select_option(label="Morning Star")
    axe_page.get_by_label("Paste the article:").fill(
        seeds["left"].raw_text.replace("China", "Beijing")
    )
    axe_page.get_by_role("button", name="Preview").click()
    axe_page.get_by_role("heading", name="Preview — nothing saved yet").wait_for()
    assert serious_violations(axe_page) == []
    assert overflowing(axe_page) == []
