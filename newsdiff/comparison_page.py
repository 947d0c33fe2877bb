"""What a comparison page draws from its result: the two reports as it names them,
and its body (the framing panel and a chunk of rows), for the view and for the
worker that draws a comparison's first screen into the shared cache as it finishes
it, so the first reader does not wait for it (a 20,000-sentence result takes
seconds to decode and draw)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from newsdiff import display, page_cache
from newsdiff.models import Comparison

# What a page shows when its link has no options: the first screen.
FIRST_SCREEN = {"show": "all", "mode": "side-by-side", "kind": "", "start": 0}


# What the header calls each kind of pair: the words of the rows' badges
# ("≈ reworded", "◐ partly shared", "= same").
PAIR_KIND_WORDS = {
    "reworded": "reworded",
    "partly shared": "partly shared",
    "identical": "the same",
}


def pair_kinds_text(summary: dict[str, Any]) -> str:
    """What follows "8 shared sentences" in the header: how many of each kind the
    rows' badges show (": 6 reworded, 1 partly shared, 1 the same", ", all
    reworded"). A result stored before the summary counted each kind
    ("pair_kinds") only tells identical pairs from the others."""
    total = summary.get("pairs", 0)
    if not total:
        return ""
    counts = summary.get("pair_kinds")
    if counts is None:
        identical = summary.get("identical_pairs", 0)
        counts = {"reworded or partly shared": total - identical, "identical": identical}
    # in the page's order, not the stored one: PostgreSQL's jsonb keeps no key order
    order = {kind: k for k, kind in enumerate(["reworded or partly shared", *PAIR_KIND_WORDS])}
    kinds = sorted(counts, key=lambda kind: (order.get(kind, len(order)), kind))
    shown = [(counts[kind], PAIR_KIND_WORDS.get(kind, kind)) for kind in kinds if counts[kind]]
    if len(shown) == 1:
        word = shown[0][1]
        return f" ({word})" if total == 1 else f", all {word}"
    return ": " + ", ".join(f"{n} {word}" for n, word in shown)


def sides_for_page(result: dict, gone: list[bool]) -> dict[str, dict]:
    """The two reports' metadata as the page names them: no link to an article page
    that was deleted since, and "(left)"/"(right)" after the outlet when one outlet
    is on both sides, so every label still says which report it means."""
    sides = {"left": dict(result["left"]), "right": dict(result["right"])}
    same_outlet = sides["left"].get("source") == sides["right"].get("source")
    for (side, doc), deleted in zip(sides.items(), gone, strict=True):
        if deleted:
            doc["article_id"] = None
        if same_outlet:
            doc["source"] = f"{doc.get('source') or 'Report'} ({side})"
    return sides


def maybe_unrelated(comparison: Comparison, summary: dict[str, Any]) -> bool:
    """Whether the page should warn that the two reports may tell different events:
    they share no sentence and are not filed under one story (the stored analysis
    is left as it is)."""
    story = comparison.left_article.story_id if comparison.left_article else None
    other = comparison.right_article.story_id if comparison.right_article else None
    return not summary.get("pairs") and (story is None or story != other)


def page_context(comparison: Comparison, result: dict, options: dict[str, Any]) -> dict:
    """What the page's templates draw from (the header's and the body's)."""
    sides = sides_for_page(
        result, [comparison.left_article_id is None, comparison.right_article_id is None]
    )
    return {
        "comparison": comparison,
        "result": result,
        "maybe_unrelated": maybe_unrelated(comparison, result["summary"]),
        "left": sides["left"],
        "right": sides["right"],
        "sides": list(sides.items()),
        "summary": result["summary"],
        "pair_kinds_text": pair_kinds_text(result["summary"]),
        **options,
        "filters": display.FILTERS,
        "modes": display.MODES,
        "kind_label": display.FINDING_KINDS.get(options["kind"], ("", ""))[0],
    }


def render_body(context: dict[str, Any], part: str, request=None) -> str:
    """The framing panel and the first chunk of rows ("body"), the rows' section
    ("section", for the filters) or one more chunk of rows ("rows", as one scrolls).
    The same for every reader (it is cached for all of them)."""
    rows = display.build_rows(context["result"])
    names = {side: context[side].get("source") or "" for side in ("left", "right")}
    findings = display.PageFindings(context["result"], rows, context["kind"], names)
    shown = display.filter_rows(rows, context["show"])
    if context["kind"]:
        flagged = findings.flagged()
        shown = [row for row in shown if row.anchor in flagged]
    page = display.page_of_rows(shown, context["start"])
    findings.mark(page.rows)  # only the drawn rows' flags: a page draws a few hundred
    context = {**context, "rows": page.rows, "row_page": page}
    if part == "body":  # the framing panel and the legend
        context["findings"] = findings.panel()
    context["row_count"] = len(rows)
    template = "newsdiff/_comparison_body.html"
    template += {"body": "", "section": "#comparison", "rows": "#row-chunk"}[part]
    return render_to_string(template, context, request)


def draw_first_screen(comparison: Comparison, result: dict, state: dict[str, Any]) -> bool:
    """Draw a comparison's first screen (its body as a link without options shows it)
    into the shared cache, under the key the page will look for in ``state``."""
    body = render_body(page_context(comparison, result, FIRST_SCREEN), "body")
    return page_cache.put(page_cache.comparison_key("body", state, **FIRST_SCREEN), body)
