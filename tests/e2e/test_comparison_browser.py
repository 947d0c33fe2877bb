"""A journalist's path through the app, in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def _compare_seeds(page: Page, live_server) -> str:
    page.goto(live_server.url + "/")
    for select, outlet in (
        ("#home-left", "Morning Star: China"),
        ("#home-right", "The Independent: China"),
    ):
        value = page.locator(f"{select} option", has_text=outlet).get_attribute("value")
        page.select_option(select, value=value)
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"/c/[a-z0-9]{10}/$"))
    return page.url


def test_compare_the_seed_reports_from_the_home_page(page: Page, live_server, seeded):
    permalink = _compare_seeds(page, live_server)
    plan = page.locator(".row", has_text="12-point plan")
    expect(plan).to_have_class(re.compile("row--only-left"))
    expect(plan.locator(".badge--left")).to_contain_text("only in Morning Star")
    unclear = page.locator(".row", has_text="unclear what happened to Qin")
    expect(unclear).to_have_class(re.compile("row--only-right"))
    expect(page.locator(".row--pair")).to_have_count(8)

    # hovering a sentence highlights its counterpart
    row = page.locator(".row--pair", has_text="situation in Ukraine")
    row.locator(".cell--left").hover()
    expect(row.locator(".cell--right")).to_have_class(re.compile("is-counterpart"))

    # the filter works (htmx swap, URL updated)
    page.get_by_role("link", name="In one report only").click()
    expect(page.locator(".row--pair")).to_have_count(0)
    expect(page.locator(".row--only-left")).to_have_count(4)
    expect(page.locator(".row--only-right")).to_have_count(8)
    expect(page).to_have_url(re.compile(r"show=one-sided"))

    # the permalink reloads identically
    page.goto(permalink)
    first = page.locator("#comparison").inner_text()
    page.reload()
    assert page.locator("#comparison").inner_text() == first


def test_row_anchor_scrolls_to_and_marks_the_row(page: Page, live_server, seeded):
    permalink = _compare_seeds(page, live_server)
    page.goto(permalink + "#pair-4")
    expect(page.locator("#pair-4")).to_have_class(re.compile("is-targeted"))


def test_keyboard_moves_between_rows(page: Page, live_server, seeded):
    _compare_seeds(page, live_server)
    page.locator("body").press("j")
    first = page.evaluate("document.activeElement.closest('.row').id")
    page.keyboard.press("j")
    second = page.evaluate("document.activeElement.closest('.row').id")
    assert first != second


def test_layout_holds_on_a_phone(page: Page, live_server, seeded):
    permalink = _compare_seeds(page, live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(permalink)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1


def test_what_differs_panel_and_its_kind_filter(page: Page, live_server, seeded):
    _compare_seeds(page, live_server)
    panel = page.locator("#framing")
    expect(panel).to_contain_text("12-point plan")
    # the top findings are open and name the outlets
    expect(panel.locator(".top-findings .finding").first).to_contain_text(
        "only Morning Star says ‘conflict’"
    )
    expect(panel.locator(".top-findings .finding").first).to_be_visible()
    expect(panel.locator(".top-findings")).to_contain_text("the West needs to consider")
    panel.get_by_text(re.compile(r"^All \d+ findings by kind")).click()
    group = panel.locator("details.framing__group--only_one_side")
    group.locator("summary").click()
    expect(group).to_contain_text("Qin Gang")

    # an evidence link says which row it goes to, and goes there
    link = group.locator(".finding__links a").first
    expect(link).to_have_text(re.compile(r"^row \d+$"))
    number = link.inner_text().split()[1]
    anchor = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    target = page.locator(f"#{anchor}")
    expect(target).to_have_class(re.compile("is-targeted"))
    expect(target.locator(".row__number")).to_have_text(number)

    # one kind at a time
    panel.get_by_text(re.compile(r"^All \d+ findings by kind")).click()
    panel.get_by_role("link", name=re.compile("Loaded term")).click()
    expect(page).to_have_url(re.compile(r"kind=weighted_term"))
    expect(page.locator("#framing .finding")).to_have_count(1)
    expect(page.locator("#comparison .row")).to_have_count(1)
    expect(page.locator("#comparison .row")).to_contain_text("Kiev")
    expect(page.locator("#comparison .flag--weighted_term")).to_contain_text("Loaded term")


def test_a_phone_shows_the_top_finding_and_the_first_aligned_pair_without_scrolling(
    page: Page, live_server, seeded
):
    permalink = _compare_seeds(page, live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(permalink)
    top_finding = page.locator("#framing .finding").first
    first_pair = page.locator("#comparison .row--pair").first
    for what, element in (("top finding", top_finding), ("first aligned pair", first_pair)):
        box = element.bounding_box()  # None when it is not drawn (a closed <details>)
        assert box and box["height"] > 0 and box["y"] >= 0 and box["y"] + box["height"] <= 844, (
            what,
            box,
        )
    assert page.evaluate("window.scrollY") == 0
    expect(top_finding).to_contain_text("name the war differently")
    expect(first_pair).to_contain_text("foreign minister")


@pytest.mark.parametrize("width", [1440, 390])
def test_long_outlet_names_and_words_stay_inside_the_page(page: Page, live_server, width):
    from newsdiff import pipeline
    from tests.e2e.conftest import overflowing
    from tests.factories import make_article, make_source

    names = ("The Cumbrian Evening Chronicle and Westmorland Gazette", "Süddeutsche Zeitung Online")
    left, right = (make_source(name=name, slug=f"long-{n}") for n, name in enumerate(names))
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"
    a = make_article(
        source=left,
        headline=f"Minister {word} arrives in Moscow for talks",
        body=f"The minister arrived in Moscow on Monday. Talks began at noon with {word}.",
    )
    b = make_article(
        source=right,
        headline="Minister arrives in Moscow",
        body="The minister arrived in Moscow on Monday. Protesters gathered outside.",
    )
    comparison = pipeline.compare_articles(a, b)
    page.set_viewport_size({"width": width, "height": 844})
    for mode in ("side-by-side", "interleaved"):
        page.goto(f"{live_server.url}{comparison.get_absolute_url()}?mode={mode}")
        expect(page.locator(".badge--right").first).to_contain_text(f"only in {names[1]}")
        assert not overflowing(page), (mode, overflowing(page))
