"""Thin views: load rows (404 if missing), call the pipeline, render."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from newsdiff.http import HtmxRequest
from newsdiff.models import Article, Source, Story

PAGE_SIZE = 25


def _page(request: HtmxRequest, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@require_GET
def home(request: HtmxRequest) -> HttpResponse:
    context = {
        "stories": Story.objects.annotate(article_count=Count("articles")).filter(
            article_count__gte=1
        )[:8],
        "articles": Article.objects.for_listing()[:10],
        "sources": Source.objects.with_article_counts().filter(article_count__gte=1)[:12],
        "source_total": Source.objects.count(),
        "article_total": Article.objects.count(),
        "story_total": Story.objects.count(),
    }
    return render(request, "newsdiff/home.html", context)


@require_GET
def source_list(request: HtmxRequest) -> HttpResponse:
    sources = Source.objects.with_article_counts().order_by("name")
    return render(request, "newsdiff/source_list.html", {"page": _page(request, sources, 50)})


@require_GET
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


@require_GET
def story_list(request: HtmxRequest) -> HttpResponse:
    stories = Story.objects.annotate(article_count=Count("articles")).order_by("title")
    return render(request, "newsdiff/story_list.html", {"page": _page(request, stories, 50)})


@require_GET
def story_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    story = get_object_or_404(Story.objects.with_articles(), slug=slug)
    return render(request, "newsdiff/story_detail.html", {"story": story})


@require_GET
def article_list(request: HtmxRequest) -> HttpResponse:
    articles = Article.objects.for_listing()
    query = request.GET.get("q", "").strip()
    if query:
        articles = articles.matching(query)
    context = {"page": _page(request, articles), "query": query}
    return render(request, "newsdiff/article_list.html", context)


@require_GET
def article_detail(request: HtmxRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.select_related("source", "wire_agency", "story", "created_by"), pk=pk
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
            article.story.articles.select_related("source").exclude(pk=article.pk)[:20]
            if article.story_id
            else []
        ),
    }
    return render(request, "newsdiff/article_detail.html", context)


@require_GET
def article_raw(request: HtmxRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    return render(request, "newsdiff/article_raw.html", {"article": article})
