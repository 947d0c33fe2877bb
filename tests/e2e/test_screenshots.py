"""The README's screenshots, made again by `make screenshots` (not part of `make e2e`):
the upload page and its preview, the page an upload lands on, a story page, the
seed comparison and the coverage of a five-outlet ECB+ story, each as the first
screen of a laptop (1440 × 900) and a phone (390 × 844)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.e2e.ecbplus_story import load_oscars_story

pytestmark = [pytest.mark.e2e, pytest.mark.screenshots]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SCREENS = {"1440": (1440, 900), "390": (390, 844)}


@pytest.mark.parametrize("width", SCREENS)
def test_make_the_readme_screenshots(page: Page, live_server, seeded, staff_user, width):
    from newsdiff import pipeline
    from newsdiff.models import Article

    left, right = Article.objects.select_related("story").order_by("source__name")[:2]
    comparison = pipeline.compare_articles(left, right)
    page.set_viewport_size(dict(zip(("width", "height"), SCREENS[width], strict=True)))
    SHOTS.mkdir(parents=True, exist_ok=True)

    sign_in(page, live_server, staff_user, f"/admin/newsdiff/article/upload/?story={left.story_id}")
    page.get_by_label("Or add a new outlet:").fill("The Courier")
    page.get_by_label("Paste the article:").fill(
        left.raw_text.replace("China", "Beijing").replace("CHINA", "BEIJING")
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview — nothing saved yet")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"upload-{width}.png"))
    page.get_by_role("heading", name="Preview — nothing saved yet").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"preview-{width}.png"))
    page.get_by_role("button", name="Upload", exact=True).last.click()
    expect(page.get_by_role("button", name="Compare with Morning Star")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"uploaded-{width}.png"))

    page.context.clear_cookies()  # the public pages as a reader sees them
    page.goto(live_server.url + left.story.get_absolute_url())
    page.screenshot(path=str(SHOTS / f"story-{width}.png"))
    page.goto(live_server.url + comparison.get_absolute_url())
    page.screenshot(path=str(SHOTS / f"comparison-{width}.png"))


@pytest.mark.parametrize("width", SCREENS)
def test_make_the_coverage_screenshots(
    page: Page, live_server, transactional_db, ecbplus_dir, tmp_path, width
):
    from newsdiff import pipeline

    story, articles = load_oscars_story(ecbplus_dir, tmp_path)
    coverage = pipeline.request_coverage(articles, story)
    page.set_viewport_size(dict(zip(("width", "height"), SCREENS[width], strict=True)))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(live_server.url + coverage.get_absolute_url())
    page.screenshot(path=str(SHOTS / f"coverage-{width}.png"))
    page.locator("#facts").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"coverage-facts-{width}.png"))
