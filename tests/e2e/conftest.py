"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), never a
downloaded browser. Run with `make e2e`."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the test itself
# only touches the database between browser calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NEWSDIFF_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make e2e`, which installs Debian's chromium.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def seeded(transactional_db):
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("load_seeds", stdout=devnull)


AXE = (
    Path(__file__).resolve().parents[2] / "var" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
)


@pytest.fixture(scope="session")
def axe_path() -> Path:
    """axe-core's rules, installed from the npm registry by scripts/ensure-axe."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make e2e`, which installs axe-core from npm.")
    return AXE


@pytest.fixture
def axe_page(context, axe_path):
    """A page with axe-core loaded into every document. It is added as an init script
    (through the DevTools protocol), so the site's Content Security Policy stays on."""
    context.add_init_script(path=str(axe_path))
    return context.new_page()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def overflowing(page) -> list[str]:
    """What sticks out past the right edge of the window (nothing should). Content a
    box scrolls or clips inside itself (a wide table, a strip of cards swiped
    sideways) counts only if that box itself sticks out."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const clippedInside = (el) => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              if (getComputedStyle(p).overflowX !== 'visible') {
                return p.getBoundingClientRect().right <= width + 1;
              }
            }
            return false;
          };
          const out = [];
          for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1 && !clippedInside(el)) {
              out.push(`${el.tagName}.${el.className} right=${Math.round(box.right)}`);
            }
          }
          return [document.documentElement.scrollWidth > width ? 'page scrolls sideways' : '',
                  ...out].filter(Boolean).slice(0, 10);
        }"""
    )


STAFF_PASSWORD = "a-long-test-password-1"


@pytest.fixture
def staff_user(transactional_db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("editor", "editor@example.com", STAFF_PASSWORD)


def sign_in(page, live_server, user, next_url: str = "/admin/") -> None:
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
