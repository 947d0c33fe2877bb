"""The coverage page in a real browser, on a laptop and on a phone."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import overflowing, serious_violations
from tests.e2e.ecbplus_story import load_oscars_story

pytestmark = pytest.mark.e2e

WIDTHS = {"laptop": (1280, 800), "phone": (390, 844)}


@pytest.fixture
def oscars(transactional_db, ecbplus_dir, tmp_path):
    return load_oscars_story(ecbplus_dir, tmp_path)


def _build(page: Page, live_server, story, articles) -> None:
    """Pick the five outlets on the story page and build their coverage."""
    page.goto(live_server.url + story.get_absolute_url())
    wanted = {a.pk for a in articles}
    for box in page.locator('input[name="articles"]').all():
        box.set_checked(int(box.get_attribute("value")) in wanted)
    page.get_by_role("button", name="Build coverage").click()
    page.wait_for_url(re.compile(r"/v/[a-z0-9]{10}/$"))


def _background(locator) -> str:
    return locator.evaluate("el => getComputedStyle(el).backgroundColor")


def test_build_read_and_filter_a_five_outlet_coverage(page: Page, live_server, oscars):
    page.set_viewport_size({"width": 1280, "height": 800})
    _build(page, live_server, *oscars)
    permalink = page.url
    expect(page.locator(".coverage-table thead th[scope=col]")).to_have_count(6)  # fact + 5 outlets
    expect(page.get_by_role("heading", name="What stands out")).to_be_visible()

    # a reworded cell shows its word diff only when hovered or focused
    changed = page.locator(".coverage-cell:not(.coverage-cell--wording) .w--replace").first
    cell = changed.locator("xpath=ancestor::td[1]")
    quiet = _background(changed)
    cell.hover()
    assert _background(changed) != quiet
    page.mouse.move(0, 0)
    cell.focus()
    assert _background(changed) != quiet

    # the filter swaps the facts in place and the address follows
    page.get_by_role("link", name="Only one reports it").click()
    expect(page).to_have_url(re.compile(r"show=one"))
    rows = page.locator("#facts tr.fact")
    expect(rows.first).to_be_visible()
    classes = rows.evaluate_all("rows => rows.map(r => r.className)")
    assert classes and all("fact--one" in c for c in classes)

    # two columns open their comparison
    page.goto(permalink)
    page.get_by_role("button", name="Open the comparison").click()
    expect(page.get_by_role("button", name="Compare")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_coverage_page_passes_axe_and_fits(axe_page: Page, live_server, oscars, width):
    from newsdiff import pipeline

    story, articles = oscars
    coverage = pipeline.request_coverage(articles, story)
    axe_page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    for path in (coverage.get_absolute_url(), story.get_absolute_url()):
        axe_page.goto(live_server.url + path)
        assert serious_violations(axe_page) == [], path
        assert overflowing(axe_page) == [], path


def test_on_a_phone_each_fact_is_a_card_naming_who_leaves_it_out(page: Page, live_server, oscars):
    from newsdiff import pipeline

    story, articles = oscars
    coverage = pipeline.request_coverage(articles, story)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + coverage.get_absolute_url())
    partial = page.locator("tr.fact:not(.fact--all)").first
    expect(partial.locator(".coverage-cell--empty").first).to_be_hidden()
    expect(partial.locator(".fact__missing, .fact__kind").first).to_be_visible()
    reported = partial.locator(".coverage-cell:not(.coverage-cell--empty)").first
    expect(reported.locator(".coverage-cell__outlet")).to_be_visible()
    box = partial.bounding_box()
    assert box and box["width"] <= 390
