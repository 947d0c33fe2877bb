"""A journalist's path from two reports to a comparison, in a real browser: sign in,
add the outlets from the upload form, upload one report by pasting and one as a file
with a preview, compare them from the page the upload lands on, then share the link
and download the comparison."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.e2e

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MORNING_STAR = SEEDS / "000_abca97e62226170e.txt"
INDEPENDENT = SEEDS / "002_949427fbf105c65a.txt"


def test_upload_two_reports_compare_and_share(page: Page, browser, live_server, staff_user):
    sign_in(page, live_server, staff_user, "/admin/newsdiff/article/upload/")
    expect(page.get_by_role("heading", name="Upload articles")).to_be_visible()

    # The first report: pasted, from an outlet added in the form, for a new story.
    page.get_by_label("Or add a new outlet:").fill("Morning Star")
    page.get_by_label("Or start a new story:").fill("Wang Yi visits Moscow")
    page.get_by_label("Paste the article:").fill(MORNING_STAR.read_text())
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Uploaded “Morning Star: China's")
    expect(
        page.get_by_text("This is the only report of “Wang Yi visits Moscow” so far.")
    ).to_be_visible()

    # The second report: a file, previewed first; the preview keeps the file.
    page.get_by_role("link", name="Upload another outlet's report of it").click()
    story = page.get_by_label("Story:", exact=True)
    expect(story.locator("option:checked")).to_have_text("Wang Yi visits Moscow")
    page.get_by_label("Or add a new outlet:").fill("The Independent")
    page.get_by_label("Or upload files:").set_input_files(str(INDEPENDENT))
    page.get_by_role("button", name="Preview").click()
    expect(page).to_have_url(re.compile(r"#preview$"))  # the page opens at the preview
    preview = page.locator(".newsdiff-preview")
    expect(preview).to_contain_text("China's foreign minister Wang Yi heads to Moscow")
    expect(preview).to_contain_text("Via AP news wire")  # the byline it read
    expect(
        page.get_by_text(f"Files kept from the form you sent: {INDEPENDENT.name}.")
    ).to_be_visible()
    expect(page.get_by_label("Upload the kept files")).to_be_checked()
    page.get_by_role("button", name="Upload", exact=True).last.click()
    expect(page.locator(".messagelist")).to_contain_text("Uploaded “The Independent: China's")

    # The landing page offers the comparison with the story's other report.
    page.get_by_role("button", name="Compare with Morning Star").click()
    page.wait_for_url(re.compile(r"/c/[a-z0-9]{10}/$"))
    expect(page.locator("h1")).to_contain_text("The Independent")
    expect(page.locator("h1")).to_contain_text("Morning Star")
    expect(page.locator("#comparison")).to_contain_text("12-point plan")

    # The top finding leads "What differs"; its evidence opens the row it rests on.
    top = page.locator(".top-findings .finding").first
    expect(top).to_contain_text("name the war differently")
    evidence = top.locator(".finding__links a").first
    expect(evidence).to_have_text(re.compile(r"^row \d+$"))
    row_number = evidence.inner_text().split()[1]
    evidence.click()
    expect(page.locator(".row.is-targeted .row__number")).to_have_text(row_number)
    page.goto(page.url.split("?")[0])

    # Share: copy the link and open it signed out; download JSON and CSV.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == page.url
    visitor = browser.new_context().new_page()
    visitor.goto(link)
    expect(visitor.locator("h1")).to_have_text(page.locator("h1").inner_text())
    expect(visitor.get_by_role("link", name="Upload")).to_have_count(0)
    visitor.context.close()
    short_id = link.rstrip("/").rsplit("/", 1)[1]
    for name in ("JSON", "CSV"):
        with page.expect_download() as download:
            page.get_by_role("link", name=name, exact=True).click()
        assert download.value.suggested_filename == f"newsdiff-{short_id}.{name.lower()}"
