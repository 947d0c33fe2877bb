"""Thin views: load rows (404 if missing), call the pipeline, render."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from newsdiff import display, pipeline
from newsdiff.forms import CompareForm
from newsdiff.http import HtmxRequest
from newsdiff.models import Article, Comparison, Source, Story

PAGE_SIZE = 25


def _page(request: HtmxRequest, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _search_text(request: HtmxRequest) -> str:
    """The search box's text. NUL characters are dropped: they are never in an
    article, and PostgreSQL refuses them in a query."""
    return request.GET.get("q", "").replace("\x00", "").strip()[:200]


@require_safe
def home(request: HtmxRequest) -> HttpResponse:
    context = {
        "stories": Story.objects.annotate(article_count=Count("articles")).filter(
            article_count__gte=1
        )[:8],
        "articles": Article.objects.for_listing()[:10],
        "sources": Source.objects.with_article_counts().filter(article_count__gte=1)[:12],
        # Only outlets with a report of their own: a wire agency is a Source as soon
        # as a byline names it, and a visitor would find no article from it.
        "source_total": Source.objects.filter(articles__isnull=False).distinct().count(),
        "article_total": Article.objects.count(),
        "story_total": Story.objects.filter(articles__isnull=False).distinct().count(),
        "comparisons": Comparison.objects.recent()[:8],
        "choices": _compare_choices(),
    }
    return render(request, "newsdiff/home.html", context)


@require_safe
def favicon(request: HtmxRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever a page links."""
    return redirect(static("favicon.svg"), permanent=True)


@require_safe
def source_list(request: HtmxRequest) -> HttpResponse:
    sources = Source.objects.with_article_counts().order_by("name")
    return render(request, "newsdiff/source_list.html", {"page": _page(request, sources, 50)})


@require_safe
def source_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    articles = Article.objects.for_listing().filter(source=source)
    syndicated = Article.objects.for_listing().filter(wire_agency=source)
    context = {
        "source": source,
        "page": _page(request, articles),
        "syndicated": syndicated[:20],
        "syndicated_count": syndicated.count(),
    }
    return render(request, "newsdiff/source_detail.html", context)


@require_safe
def story_list(request: HtmxRequest) -> HttpResponse:
    stories = Story.objects.annotate(article_count=Count("articles")).order_by("title")
    return render(request, "newsdiff/story_list.html", {"page": _page(request, stories, 50)})


@require_safe
def story_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    story = get_object_or_404(Story.objects.with_articles(), slug=slug)
    articles = list(story.articles.all())
    context = {
        "story": story,
        "choices": [(story.title, articles)],
        "first_pk": articles[0].pk if articles else None,
        "second_pk": articles[1].pk if len(articles) > 1 else None,
    }
    return render(request, "newsdiff/story_detail.html", context)


@require_safe
def article_list(request: HtmxRequest) -> HttpResponse:
    articles = Article.objects.for_listing()
    query = _search_text(request)
    if query:
        articles = articles.matching(query)
    context = {"page": _page(request, articles), "query": query}
    return render(request, "newsdiff/article_list.html", context)


@require_safe
def article_detail(request: HtmxRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("source", "wire_agency", "story"), pk=pk
    )
    sentences = list(article.sentences.all())
    paragraphs: list[list] = []
    for sentence in sentences:
        if sentence.role != "body":
            continue
        if not paragraphs or paragraphs[-1][0].paragraph != sentence.paragraph:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
    context = {
        "article": article,
        "headline_sentences": [s for s in sentences if s.role == "headline"],
        "standfirst_sentences": [s for s in sentences if s.role == "standfirst"],
        "paragraphs": paragraphs,
        "story_articles": (
            article.story.articles.select_related("source", "story").exclude(pk=article.pk)[:20]
            if article.story_id
            else Article.objects.for_listing().exclude(pk=article.pk)[:10]
        ),
        "comparisons": Comparison.objects.recent().involving(article)[:10],
    }
    return render(request, "newsdiff/article_detail.html", context)


@require_safe
def article_raw(request: HtmxRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    return render(request, "newsdiff/article_raw.html", {"article": article})


# --- Comparisons -------------------------------------------------------------

COMPARE_CHOICES_LIMIT = 300


def _compare_choices():
    """Articles for the pickers, grouped by story, newest first."""
    articles = Article.objects.for_listing().order_by("story__title", "-published_at", "pk")[
        :COMPARE_CHOICES_LIMIT
    ]
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(article.story.title if article.story else "No story", []).append(article)
    return sorted(groups.items(), key=lambda item: (item[0] == "No story", item[0]))


@require_safe
def compare_start(request: HtmxRequest) -> HttpResponse:
    """/compare/?left=ID&right=ID: find or create the comparison, then go to its link."""
    if not request.GET:
        return render(request, "newsdiff/compare_start.html", {"choices": _compare_choices()})
    form = CompareForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "choices": _compare_choices()}
        return render(request, "newsdiff/compare_start.html", context, status=400)
    articles = Article.objects.select_related("source", "wire_agency")
    left = get_object_or_404(articles, pk=form.cleaned_data["left"])
    right = get_object_or_404(articles, pk=form.cleaned_data["right"])
    comparison = pipeline.compare_articles(left, right, user=request.user)
    return redirect(comparison)


@require_safe
def compare_picker(request: HtmxRequest) -> HttpResponse:
    """Search-as-you-type list of articles to compare with ``left``."""
    left_id = request.GET.get("left", "")
    if not left_id.isdigit():
        context = {"error": "Choose the article you want to compare first."}
        return render(request, "newsdiff/compare_picker.html", context, status=400)
    left = get_object_or_404(Article.objects.select_related("story"), pk=int(left_id))
    query = _search_text(request)
    candidates = Article.objects.for_listing().exclude(pk=left.pk)
    if query:
        candidates = candidates.matching(query)[:20]
    elif left.story_id:
        candidates = candidates.filter(story_id=left.story_id)[:20]
    else:
        candidates = candidates[:20]
    context = {"left": left, "query": query, "candidates": candidates}
    template = "newsdiff/compare_picker.html"
    if request.htmx:
        template = "newsdiff/_picker.html#picker-results"
    return render(request, template, context)


def _sides_for_page(result: dict, gone: list[bool]) -> dict[str, dict]:
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


@require_safe
@vary_on_headers("HX-Request")
def comparison_detail(request: HtmxRequest, short_id: str) -> HttpResponse:
    heavy = [f"{side}_article__{f}" for side in ("left", "right") for f in ("raw_text", "raw_html")]
    comparison = get_object_or_404(
        Comparison.objects.select_related("left_article", "right_article").defer("result", *heavy),
        short_id=short_id,
    )
    show = request.GET.get("show", "all")
    show = show if show in display.FILTERS else "all"
    mode = request.GET.get("mode", "side-by-side")
    mode = mode if mode in display.MODES else "side-by-side"
    kind = request.GET.get("kind", "")
    kind = kind if kind in display.FINDING_KINDS else ""
    # A comparison's result never changes once made, so what is drawn from it is
    # rendered once per (comparison, filter, layout, kind) and then served from the
    # cache: the rows and the framing panel for everyone, and the whole page for
    # visitors who are not signed in (the page differs only in its header: the notices
    # about a newer version or a deleted article, and the staff's "Upload" link).
    gone = [comparison.left_article_id is None, comparison.right_article_id is None]
    variant = [comparison.short_id, comparison.engine_version, show, mode, kind, *gone]
    body_key = make_template_fragment_key("comparison-body", variant)
    htmx_key = make_template_fragment_key("comparison-rows", variant)
    if request.htmx and (html := cache.get(htmx_key)) is not None:
        return HttpResponse(html)
    outdated = pipeline.is_outdated(comparison)
    share_url = request.build_absolute_uri(comparison.get_absolute_url())
    state = [outdated["left"], outdated["right"], share_url]
    page_key = make_template_fragment_key("comparison-page", [*variant, *state])
    whole_page = not request.htmx and not request.user.is_authenticated
    whole_page = whole_page and not len(messages.get_messages(request))
    if whole_page and (html := cache.get(page_key)) is not None:
        return HttpResponse(html)
    result = comparison.result
    sides = _sides_for_page(result, gone)
    cached = not request.htmx and cache.get(body_key) is not None
    rows, shown, findings = [], [], {}
    if not cached:
        rows = display.build_rows(result)
        findings = display.findings_for_page(result, rows, kind)  # marks the rows it rests on
        shown = display.filter_rows(rows, show)
        if kind:
            shown = [row for row in shown if row.findings]
    context = {
        "comparison": comparison,
        "result": result,
        "left": sides["left"],
        "right": sides["right"],
        "sides": list(sides.items()),
        "summary": result["summary"],
        "rows": shown,
        "row_count": len(rows),
        "show": show,
        "mode": mode,
        "filters": display.FILTERS,
        "modes": display.MODES,
        "outdated": outdated,
        "findings": findings,
        "kind": kind,
        "kind_label": display.FINDING_KINDS.get(kind, ("", ""))[0],
        "share_url": share_url,
        "body_cache_seconds": settings.NEWSDIFF_PAGE_CACHE_SECONDS,
    }
    if request.htmx:
        html = render_to_string("newsdiff/comparison_detail.html#comparison", context, request)
        cache.set(htmx_key, html, settings.NEWSDIFF_PAGE_CACHE_SECONDS)
        return HttpResponse(html)
    response = render(request, "newsdiff/comparison_detail.html", context)
    if whole_page:
        cache.set(page_key, response.content.decode(), settings.NEWSDIFF_PAGE_CACHE_SECONDS)
    return response


@require_safe
def comparison_json(request: HtmxRequest, short_id: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison, short_id=short_id)
    response = JsonResponse(
        comparison.result, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="newsdiff-{comparison.short_id}.json"'
    return response


@require_safe
def comparison_csv(request: HtmxRequest, short_id: str) -> HttpResponse:
    comparison = get_object_or_404(Comparison, short_id=short_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="newsdiff-{comparison.short_id}.csv"'
    display.write_csv(response, comparison.result)
    return response


def bad_request(request, exception=None) -> HttpResponse:
    """A malformed or oversized request (Django's 400), explained for a journalist."""
    limit_mb = settings.NEWSDIFF_MAX_UPLOAD_BYTES / (1024 * 1024)
    context = {"limit_mb": f"{limit_mb:.1f}".removesuffix(".0")}
    return HttpResponse(render_to_string("400.html", context), status=400)
