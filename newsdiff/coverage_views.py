"""Coverage pages: one story's reports read together (who reports what, who leaves
it out, how each frames it). Thin views: load rows, call the pipeline, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from newsdiff import coverage_display, pipeline, throttle
from newsdiff.forms import CoverageForm
from newsdiff.http import HtmxRequest, json_download, not_ready, pending, see_other
from newsdiff.models import Article, Coverage, Story


def story_articles(story: Story) -> list[Article]:
    return list(
        story.articles.select_related("source", "wire_agency")
        .defer("raw_text", "raw_html", "removed_lines")  # the body: its text hash keys a coverage
        .order_by("published_at", "pk")
    )


def picker_rows(articles: list[Article], chosen: set[int]) -> list[dict[str, Any]]:
    """The story page's checkboxes: each report, ticked when it is in ``chosen``, with
    what a journalist should know before picking it (another language, a second
    report of one outlet)."""
    seen: dict[int, Article] = {}
    rows = []
    for article in articles:
        first = seen.setdefault(article.source_id, article)
        rows.append(
            {
                "article": article,
                "checked": article.pk in chosen,
                "other_language": article.language != "en",
                "same_outlet_as": first if first.pk != article.pk else None,
            }
        )
    return rows


def _chosen(request: HtmxRequest, story: Story, articles: list[Article]):
    """The articles asked for (``articles`` in the POST or the query string; a GET
    without them means the story's default set), and the form, whose errors say what
    is wrong."""
    data = request.POST if request.method == "POST" else request.GET
    if request.method != "POST" and "articles" not in data:
        return pipeline.default_coverage_articles(story), None
    form = CoverageForm(data, story_articles=articles)
    return (form.cleaned_data["articles"] if form.is_valid() else []), form


@require_http_methods(["GET", "HEAD", "POST"])
def story_coverage(request: HtmxRequest, slug: str) -> HttpResponse:
    """/stories/<slug>/coverage/: the coverage of the story's default set (or of the
    reports given by ``?articles=``) when it exists, else those reports with a "Build
    coverage" button; the button (POST) is the one thing that makes a coverage."""
    story = get_object_or_404(Story, slug=slug)
    articles = story_articles(story)
    chosen, form = _chosen(request, story, articles)
    context: dict[str, Any] = {"story": story, "articles": articles, "chosen": chosen}
    context["rows"] = picker_rows(articles, {a.pk for a in chosen})
    context["max_reports"] = pipeline.COVERAGE_MAX_REPORTS
    if form is not None and not form.is_valid():
        context["form"] = form
        return render(request, "newsdiff/coverage_start.html", context, status=400)
    if len(chosen) < pipeline.COVERAGE_MIN_REPORTS:
        return render(request, "newsdiff/coverage_start.html", context)
    existing = pipeline.find_coverage(chosen)
    if existing:
        return redirect(existing)
    if request.method != "POST":
        return render(request, "newsdiff/coverage_start.html", context)
    if not (request.user.is_authenticated and request.user.is_staff):
        size = pipeline.coverage_size(chosen)
        if size > settings.NEWSDIFF_ANON_MAX_SENTENCES:
            context.update(size=size, too_large=True)
            return render(request, "newsdiff/coverage_start.html", context, status=413)
        if not throttle.may_create(request):
            return throttle.refusal(request, {"story": story})
    row = pipeline.request_coverage(chosen, story, user=request.user)
    return see_other(row.get_absolute_url())


def _coverage_or_404(short_id: str) -> Coverage:
    return get_object_or_404(
        Coverage.objects.select_related("story").defer("result"), short_id=short_id
    )


def _page_options(request: HtmxRequest) -> dict[str, Any]:
    show = request.GET.get("show", "")
    return {
        "show": show if show in coverage_display.FILTERS else "",
        "page_number": request.GET.get("page", "1"),
    }


@require_safe
@vary_on_headers("HX-Request")
def coverage_detail(request: HtmxRequest, short_id: str) -> HttpResponse:
    row = _coverage_or_404(short_id)
    if not row.is_done or (request.htmx and request.htmx.target == "progress"):
        return pending(request, row, "newsdiff/coverage_pending.html")
    result = pipeline.coverage_result(row)
    existing = set(Article.objects.filter(pk__in=row.article_ids).values_list("pk", flat=True))
    columns = coverage_display.columns(result, existing)
    included = [c for c in columns if c.included]
    options = _page_options(request)
    facts = coverage_display.fact_rows(result, columns)
    shown = coverage_display.filter_rows(facts, options["show"])
    page = Paginator(shown, coverage_display.FACTS_PER_PAGE).get_page(options["page_number"])
    links = coverage_display.fact_links(facts)
    framing = coverage_display.framing_tables(result, columns, links)
    context = {
        "coverage": row,
        "result": result,
        "columns": columns,
        "included": included,
        "excluded": [c for c in columns if not c.included],
        "facts": page,
        "fact_total": len(facts),
        "shown_total": len(shown),
        "counts": sorted(
            (
                (int(n), count)
                for n, count in result.get("counts", {}).get("facts_by_outlets", {}).items()
            ),
            reverse=True,
        ),
        "summary": coverage_display.summary_items(result, links),
        "show": options["show"],
        "show_label": coverage_display.FILTERS[options["show"]],
        "filters": coverage_display.FILTERS,
        "framing": framing,
        "framing_lead": list(zip(included, framing["lead"], strict=False)),
        "framing_quoted": list(zip(included, framing["quoted"], strict=False)),
        "framing_hedging": list(zip(included, framing["hedging"], strict=False)),
        "comparable": [c for c in included if c.article_id],
        "outdated": pipeline.outdated_reports(row),
        "share_url": request.build_absolute_uri(row.get_absolute_url()),
    }
    template = "newsdiff/coverage_detail.html"
    if request.htmx:
        template += "#facts"
    return render(request, template, context)


@require_POST
@staff_member_required
def coverage_retry(request: HtmxRequest, short_id: str) -> HttpResponse:
    row = _coverage_or_404(short_id)
    pipeline.retry_failed(row)
    return see_other(row.get_absolute_url())


@require_safe
def coverage_json(request: HtmxRequest, short_id: str) -> HttpResponse:
    row = _coverage_or_404(short_id)
    if not row.is_done:
        return not_ready(row, as_json=True)
    return json_download(pipeline.coverage_result(row), f"newsdiff-coverage-{short_id}.json")


@require_safe
def coverage_csv(request: HtmxRequest, short_id: str) -> HttpResponse:
    row = _coverage_or_404(short_id)
    if not row.is_done:
        return not_ready(row, as_json=False)
    result = pipeline.coverage_result(row)
    existing = set(Article.objects.filter(pk__in=row.article_ids).values_list("pk", flat=True))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="newsdiff-coverage-{short_id}.csv"'
    coverage_display.write_csv(response, result, coverage_display.columns(result, existing))
    return response
