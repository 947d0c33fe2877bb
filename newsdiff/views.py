"""Thin views: load rows (404 if missing), call the pipeline, render."""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_cookie, vary_on_headers

from newsdiff import comparison_page, coverage_views, display, page_cache, pipeline, throttle
from newsdiff.analysis.collector import collection_paused
from newsdiff.forms import CompareForm
from newsdiff.http import HtmxRequest, not_ready, pending, see_other
from newsdiff.models import Article, Comparison, Coverage, Source, Story

PAGE_SIZE = 25


def _page(request: HtmxRequest, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _search_text(request: HtmxRequest) -> str:
    """The search box's text. NUL characters are dropped: they are never in an
    article, and PostgreSQL refuses them in a query."""
    return request.GET.get("q", "").replace("\x00", "").strip()[:200]


@require_safe
def home(request: HtmxRequest) -> HttpResponse:
    # Stories and outlets a report was last added to first: what the newsroom works on.
    latest = F("latest").desc(nulls_last=True)
    context = {
        "stories": Story.objects.annotate(
            article_count=Count("articles"), latest=Max("articles__created_at")
        )
        .filter(article_count__gte=1)
        .order_by(latest, "title")[:8],
        "articles": Article.objects.for_listing()[:10],
        "sources": Source.objects.with_article_counts()
        .annotate(latest=Max("articles__created_at"))
        .filter(article_count__gte=1)
        .order_by(latest, "name")[:12],
        # Only outlets with a report of their own: a wire agency is a Source as soon
        # as a byline names it, and a visitor would find no article from it.
        "source_total": Source.objects.filter(articles__isnull=False).distinct().count(),
        "article_total": Article.objects.count(),
        "story_total": Story.objects.filter(articles__isnull=False).distinct().count(),
        "comparisons": Comparison.objects.recent()[:8],
        **_compare_choices(),
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
    """Stories with the latest report added first (the one a newsroom is working on),
    then by title; the search box finds one by a word of its title or summary."""
    stories = Story.objects.annotate(
        article_count=Count("articles"), latest=Max("articles__created_at")
    ).order_by(F("latest").desc(nulls_last=True), "title", "pk")
    query = _search_text(request)
    if query:
        stories = stories.filter(Q(title__icontains=query) | Q(summary__icontains=query))
    context = {"page": _page(request, stories, 50), "query": query}
    return render(request, "newsdiff/story_list.html", context)


@require_safe
def story_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    story = get_object_or_404(Story.objects.with_articles(), slug=slug)
    articles = list(story.articles.all())
    default = pipeline.default_coverage_articles(story)
    context = {
        "story": story,
        "choices": [(story.title, articles)],
        "first_pk": articles[0].pk if articles else None,
        "second_pk": articles[1].pk if len(articles) > 1 else None,
        "coverage_rows": coverage_views.picker_rows(articles, {a.pk for a in default}),
        "coverage": pipeline.find_coverage(default) if len(default) >= 2 else None,
        "coverages": story.coverages.recent().filter(status=Coverage.Status.DONE)[:5],
        "max_reports": pipeline.COVERAGE_MAX_REPORTS,
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


# Body sentences drawn on one page of an article (its headline and standfirst are on
# every page); a link to sentence N (?s=N#s-N) opens the page that holds it.
ARTICLE_PAGE_SENTENCES = 400


@require_safe
@vary_on_cookie  # staff see their own page
def article_detail(request: HtmxRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("source", "wire_agency", "story").defer(
            "raw_text", "raw_html", "body"
        ),
        pk=pk,
    )
    sentences = article.sentences.only("position", "paragraph", "role", "text", "article_id")
    body = sentences.filter(role="body")
    wanted = request.GET.get("s", "")
    if wanted.isdigit() and len(wanted) < 9 and "page" not in request.GET:
        before = body.filter(position__lt=int(wanted)).count()
        page = Paginator(body, ARTICLE_PAGE_SENTENCES).get_page(
            before // ARTICLE_PAGE_SENTENCES + 1
        )
    else:
        page = _page(request, body, ARTICLE_PAGE_SENTENCES)
    paragraphs: list[list] = []
    for sentence in page:
        if not paragraphs or paragraphs[-1][0].paragraph != sentence.paragraph:
            paragraphs.append([])
        paragraphs[-1].append(sentence)
    opening = list(sentences.exclude(role="body"))
    context = {
        "article": article,
        "headline_sentences": [s for s in opening if s.role == "headline"],
        "standfirst_sentences": [s for s in opening if s.role == "standfirst"],
        "paragraphs": paragraphs,
        "page": page,
        "story_articles": (
            article.story.articles.select_related("source", "story").exclude(pk=article.pk)[:20]
            if article.story_id
            else Article.objects.for_listing().exclude(pk=article.pk)[:10]
        ),
        "comparisons": Comparison.objects.recent().involving(article)[:10],
    }
    response = render(request, "newsdiff/article_detail.html", context)
    if request.user.is_staff:  # it shows staff-only notes and links: never for a shared cache
        patch_cache_control(response, private=True)
    return response


@require_safe
def article_raw(request: HtmxRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    return render(request, "newsdiff/article_raw.html", {"article": article})


# --- Comparisons -------------------------------------------------------------

COMPARE_CHOICES_LIMIT = 300


def _compare_choices() -> dict[str, Any]:
    """The pickers' articles, newest first and grouped by story: the story with the
    newest report first (by publication date; stories with no dated report after
    them, the latest added first), each story's reports newest first (undated ones
    last), and the reports without a story at the end. At most
    COMPARE_CHOICES_LIMIT, with how many articles there are in all, so the page can
    say when some are left out."""
    story_reports = Article.objects.filter(story=OuterRef("story")).order_by()
    articles = list(
        Article.objects.for_listing()
        .annotate(
            story_newest=Subquery(
                story_reports.order_by(F("published_at").desc(nulls_last=True)).values(
                    "published_at"
                )[:1]
            ),
            story_added=Subquery(story_reports.order_by("-created_at").values("created_at")[:1]),
        )
        .order_by(
            F("story_newest").desc(nulls_last=True),
            F("story_added").desc(nulls_last=True),  # none for a report without a story
            "story_id",
            F("published_at").desc(nulls_last=True),
            "-created_at",
            "-pk",
        )[:COMPARE_CHOICES_LIMIT]
    )
    groups: dict[int | None, tuple[str, list[Article]]] = {}
    for article in articles:
        title = article.story.title if article.story else "No story"
        groups.setdefault(article.story_id, (title, []))[1].append(article)
    total = len(articles)
    if total == COMPARE_CHOICES_LIMIT:
        total = Article.objects.count()
    return {
        # dicts keep their order: each story where its newest report first appears
        "choices": [group for key, group in sorted(groups.items(), key=lambda kv: kv[0] is None)],
        "choices_shown": len(articles),
        "choices_total": total,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def compare_start(request: HtmxRequest) -> HttpResponse:
    """/compare/: the pickers (GET), the pair before it is compared (GET ?left=&right=),
    and the Compare button (POST), the one thing that makes a new comparison."""
    data = request.POST if request.method == "POST" else request.GET
    if not data:
        return render(request, "newsdiff/compare_start.html", _compare_choices())
    form = CompareForm(data)
    if not form.is_valid():
        context = {"form": form, **_compare_choices()}
        return render(request, "newsdiff/compare_start.html", context, status=400)
    articles = Article.objects.select_related("source", "wire_agency")
    left = get_object_or_404(articles, pk=form.cleaned_data["left"])
    right = get_object_or_404(articles, pk=form.cleaned_data["right"])
    existing = pipeline.find_comparison(left, right)
    if existing:
        return redirect(existing)
    if request.method != "POST":
        return render(request, "newsdiff/compare_confirm.html", {"left": left, "right": right})
    if not (request.user.is_authenticated and request.user.is_staff):
        size = pipeline.comparison_size(left, right)
        if size > settings.NEWSDIFF_ANON_MAX_SENTENCES:
            context = {"left": left, "right": right, "size": size, "too_large": True}
            return render(request, "newsdiff/compare_confirm.html", context, status=413)
        if not throttle.may_create(request):
            return throttle.refusal(request, {"left": left, "right": right})
    comparison = pipeline.request_comparison(left, right, user=request.user)
    return see_other(comparison.get_absolute_url())


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


def _comparison_or_404(short_id: str) -> Comparison:
    """The comparison row with its articles' ids and edit times, without its result
    or the articles' texts (the cached page needs nothing more)."""
    heavy = ("raw_text", "raw_html", "body", "standfirst", "removed_lines", "cleaning_warnings")
    deferred = [f"{side}_article__{f}" for side in ("left", "right") for f in heavy]
    return get_object_or_404(
        Comparison.objects.select_related("left_article", "right_article").defer(
            "result", *deferred
        ),
        short_id=short_id,
    )


def _page_options(request: HtmxRequest) -> dict[str, Any]:
    show = request.GET.get("show", "all")
    mode = request.GET.get("mode", "side-by-side")
    kind = request.GET.get("kind", "")
    start = request.GET.get("start", "0")
    return {
        "show": show if show in display.FILTERS else "all",
        "mode": mode if mode in display.MODES else "side-by-side",
        "kind": kind if kind in display.FINDING_KINDS else "",
        "start": int(start) if start.isdigit() and len(start) < 9 else 0,
    }


@require_safe
@vary_on_headers("HX-Request")
def comparison_detail(request: HtmxRequest, short_id: str) -> HttpResponse:
    state = page_cache.comparison_state(short_id)
    if state is None:
        raise Http404("No comparison has this id.")
    if state["status"] != Comparison.Status.DONE or (
        request.htmx and request.htmx.target == "progress"
    ):
        return pending(request, _comparison_or_404(short_id), "newsdiff/comparison_pending.html")
    options = _page_options(request)
    # htmx asks for one more chunk of rows (scrolling) or the rows' section (filters).
    part = "body"
    if request.htmx:
        part = "rows" if request.GET.get("chunk") == "rows" else "section"
    # A comparison's result never changes once made, so what is drawn from it is kept
    # in the shared cache (keys in page_cache): the body (framing panel and rows) for
    # everyone, and the whole page for visitors who are not signed in.
    whole_page = not request.htmx and not request.user.is_authenticated
    whole_page = whole_page and not len(messages.get_messages(request))
    site = request.build_absolute_uri("/")  # the share link on the page names it
    page_key = page_cache.comparison_key("page", state, site=site, **options) if whole_page else ""
    if page_key and (html := page_cache.get(page_key)) is not None:
        return HttpResponse(html)
    body_key = page_cache.comparison_key(part, state, **options)
    body = page_cache.get(body_key)
    if request.htmx and body is not None:
        return HttpResponse(body)
    comparison = _comparison_or_404(short_id)
    with collection_paused():
        return _render_comparison(request, comparison, options, part, body, body_key, page_key)


def _render_comparison(request, comparison, options, part, body, body_key, page_key):
    """A comparison page (or the part htmx asked for) not found in the cache: the
    whole result to draw its body, or, with the body cached, only what the header
    shows (read without the rows and findings that are most of a long result)."""
    if body is None:
        result = pipeline.comparison_result(comparison)
    else:
        result = pipeline.comparison_result_without(comparison, pipeline.NOT_FOR_HEADER)
    context = comparison_page.page_context(comparison, result, options)
    if body is None:
        body = comparison_page.render_body(context, part, request)
        page_cache.put(body_key, body)
    if request.htmx:
        return HttpResponse(body)
    share_url = request.build_absolute_uri(comparison.get_absolute_url())
    context.update(
        body=mark_safe(body),  # our own template's output, escaped as it was rendered
        share_url=share_url,
        outdated=pipeline.is_outdated_by_pk(comparison),
    )
    response = render(request, "newsdiff/comparison_detail.html", context)
    if page_key:
        page_cache.put(page_key, response.content.decode())
    return response


@require_POST
@staff_member_required
def comparison_retry(request: HtmxRequest, short_id: str) -> HttpResponse:
    comparison = _comparison_or_404(short_id)
    pipeline.retry_failed(comparison)
    return see_other(comparison.get_absolute_url())


# The exports are sent in pieces of this many characters.
EXPORT_PIECE = 64 * 1024


def _stored_pieces(text: str) -> Iterator[str]:
    return (text[n : n + EXPORT_PIECE] for n in range(0, len(text), EXPORT_PIECE))


@require_safe
def comparison_json(request: HtmxRequest, short_id: str) -> HttpResponse:
    """The result as JSON, streamed: the stored text as it is (never decoded), or for
    a comparison read the other way round, the mirrored result encoded piece by piece."""
    comparison = get_object_or_404(Comparison.objects.defer("result"), short_id=short_id)
    if not comparison.is_done:
        return not_ready(comparison, as_json=True)
    text = pipeline.stored_result_text(comparison)
    if text is not None:
        pieces = _stored_pieces(text)
    else:
        encoder = DjangoJSONEncoder(ensure_ascii=False)
        pieces = encoder.iterencode(pipeline.comparison_result(comparison))
    response = StreamingHttpResponse(pieces, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="newsdiff-{comparison.short_id}.json"'
    return response


@require_safe
def comparison_csv(request: HtmxRequest, short_id: str) -> HttpResponse:
    """The rows as CSV, with the findings each row carries, streamed: as the worker
    wrote it for a large comparison, else made from the result."""
    comparison = get_object_or_404(Comparison.objects.defer("result"), short_id=short_id)
    if not comparison.is_done:
        return not_ready(comparison, as_json=False)
    text = pipeline.stored_csv(comparison)
    if text is not None:
        pieces = _stored_pieces(text)
    else:
        # the whole result: each row's findings and their salience come from the framing
        with collection_paused():
            result = pipeline.comparison_result(comparison)
        pieces = _in_pieces(display.csv_lines(result))
    response = StreamingHttpResponse(pieces, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="newsdiff-{comparison.short_id}.csv"'
    return response


def _in_pieces(lines: Iterator[str]) -> Iterator[str]:
    """The lines of a streamed export sent in pieces of about EXPORT_PIECE characters,
    made with the cycle collector held off (a long result's rows are millions of small
    objects). 57k x 100k sentences' CSV through gunicorn: 20 s a line at a time, 9 s
    in pieces."""
    with collection_paused():
        piece: list[str] = []
        size = 0
        for line in lines:
            piece.append(line)
            size += len(line)
            if size >= EXPORT_PIECE:
                yield "".join(piece)
                piece, size = [], 0
        if piece:
            yield "".join(piece)


def bad_request(request, exception=None) -> HttpResponse:
    """A malformed or oversized request (Django's 400), explained for a journalist."""
    limit_mb = settings.NEWSDIFF_MAX_UPLOAD_BYTES / (1024 * 1024)
    context = {"limit_mb": f"{limit_mb:.1f}".removesuffix(".0")}
    return HttpResponse(render_to_string("400.html", context), status=400)
