"""Plain factory functions with sensible defaults."""

import itertools

from newsdiff import pipeline
from newsdiff.analysis.types import CleanedText
from newsdiff.models import Article, Source, Story

_counter = itertools.count(1)


def make_source(**overrides) -> Source:
    n = next(_counter)
    fields = {"name": f"Outlet {n}", "slug": f"outlet-{n}", "kind": Source.Kind.NEWSPAPER}
    fields.update(overrides)
    return Source.objects.create(**fields)


def make_story(**overrides) -> Story:
    n = next(_counter)
    fields = {"title": f"Story {n}", "slug": f"story-{n}"}
    fields.update(overrides)
    return Story.objects.create(**fields)


def make_article(
    body: str = "The minister arrived in Moscow on Monday. Talks began at noon.",
    headline: str = "Minister arrives in Moscow",
    **overrides,
) -> Article:
    source = overrides.pop("source", None) or make_source()
    cleaned = CleanedText(
        raw=overrides.pop("raw", f"{headline}\n\n{body}"),
        body=body,
        headline=headline,
        standfirst=overrides.pop("standfirst", ""),
        byline=overrides.pop("byline", ""),
    )
    article = pipeline.save_article(cleaned, source=source, story=overrides.pop("story", None))
    if overrides:
        for key, value in overrides.items():
            setattr(article, key, value)
        article.save()
    return article


def downloaded(response) -> bytes:
    """The whole body of a response, streamed (the exports) or not."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
