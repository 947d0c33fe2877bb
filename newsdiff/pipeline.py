"""The one bridge between ORM rows and the plain-Python analysis core.

Each function loads rows, converts them to analysis types, calls the analysis
and saves the results. Views, admin and commands call these, never the
analysis modules directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.text import slugify

from newsdiff.analysis import clean, compare, encode, framing, segment
from newsdiff.analysis.types import CleanedText
from newsdiff.analysis.types import Sentence as AnalysisSentence
from newsdiff.lexicon_data import lexicon_from_entries
from newsdiff.models import (
    Article,
    Comparison,
    LexiconEntry,
    Sentence,
    Source,
    Story,
    compared_text_hash,
    content_hash,
)

# Wire agencies we recognise in bylines, by the full name clean.py reports.
WIRE_AGENCY_COUNTRIES = {
    "Associated Press": "US",
    "Reuters": "GB",
    "Agence France-Presse": "FR",
    "PA Media": "GB",
    "Bloomberg": "US",
    "Deutsche Presse-Agentur": "DE",
    "Xinhua": "CN",
}


def unique_slug(model: type, text: str, max_length: int = 200) -> str:
    base = slugify(text)[: max_length - 8] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def wire_agency_source(name: str) -> Source | None:
    """The Source row for a wire agency named in a byline, created on first sight."""
    if not name:
        return None
    existing = Source.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    return Source.objects.create(
        name=name,
        slug=unique_slug(Source, name),
        kind=Source.Kind.WIRE,
        country=WIRE_AGENCY_COUNTRIES.get(name, ""),
    )


def find_duplicate(source: Source, raw_text: str) -> Article | None:
    """The article of ``source`` that has exactly this raw text, if any."""
    return Article.objects.filter(source=source, content_hash=content_hash(raw_text)).first()


def cleaned_fields(cleaned: CleanedText) -> dict[str, Any]:
    """The Article columns that cleaning derives from the raw text."""
    return {
        "headline": cleaned.headline[:500],
        "standfirst": cleaned.standfirst,
        "byline": cleaned.byline[:300],
        "dateline": cleaned.dateline[:200],
        "published_at": cleaned.published_at,
        "language": cleaned.language,
        "body": cleaned.body,
        "removed_lines": [asdict(line) for line in cleaned.removed],
        "cleaning_warnings": list(cleaned.warnings),
        "encoding": cleaned.encoding,
    }


def sentence_rows(article: Article) -> list[Sentence]:
    """The article's sentences, segmented from its cleaned fields, as unsaved rows,
    each with its vector when the article is in English (what the encoder reads)."""
    rows = [
        Sentence(
            article=article,
            position=s.index,
            paragraph=s.paragraph,
            role=s.role,
            text=s.text,
            start=s.start,
            end=s.end,
        )
        for s in segment.segment_document(article.headline, article.standfirst, article.body)
    ]
    if rows and (article.language or "en") == "en":
        vectors = encode.get_encoder().encode([row.text for row in rows]).vectors
        for row, vector in zip(rows, vectors, strict=True):
            row.embedding = encode.to_bytes(vector)
            row.embedding_model = encode.MODEL_ID
    return rows


def stored_vectors(article: Article) -> np.ndarray | None:
    """The article's saved sentence vectors, or None when any is missing or was made
    by another encoder (the comparison then encodes the sentences itself)."""
    rows = list(article.sentences.all())
    if not rows or any(r.embedding_model != encode.MODEL_ID or not r.embedding for r in rows):
        return None
    return np.stack([encode.from_bytes(bytes(r.embedding)) for r in rows])


def rebuild_sentences(article: Article) -> list[Sentence]:
    """Segment the article's cleaned fields again and replace its sentences."""
    rows = sentence_rows(article)
    with transaction.atomic():
        article.sentences.all().delete()
        return Sentence.objects.bulk_create(rows)


@transaction.atomic
def save_article(
    cleaned: CleanedText,
    *,
    source: Source,
    story: Story | None = None,
    url: str = "",
    input_format: str = Article.Format.PASTE,
    filename: str = "",
    user=None,
) -> Article:
    """Store a cleaned upload as a new Article with its sentences, in one transaction."""
    article = Article(
        source=source,
        story=story,
        url=url,
        raw_text=cleaned.raw,
        raw_html=cleaned.raw_html,
        input_format=input_format,
        original_filename=filename[:255],
        created_by=user if getattr(user, "is_authenticated", False) else None,
        wire_agency=wire_agency_source(cleaned.wire_agency),
        **cleaned_fields(cleaned),
    )
    article.save()
    rebuild_sentences(article)
    return article


def _clean_raw(article: Article, keep: frozenset[int]) -> CleanedText:
    if article.raw_html:
        return clean.clean_html(article.raw_html, keep_lines=keep)
    return clean.clean_text(article.raw_text, keep_lines=keep)


def reclean(
    article: Article, keep_lines: Iterable[int] = (), keep_fields: Iterable[str] = ()
) -> Article:
    """Clean the stored raw text again, keeping the given furniture lines and the
    lines restored before, and rebuild the sentences. ``keep_fields`` names the
    metadata fields staff have just corrected: they keep their value. The raw
    text itself is never touched."""
    still_removed = {line["line"] for line in article.removed_lines or []}
    restored_before = {r.line for r in _clean_raw(article, frozenset()).removed} - still_removed
    cleaned = _clean_raw(article, frozenset(keep_lines) | restored_before)
    fields = cleaned_fields(cleaned)
    fields.pop("encoding")
    for name in keep_fields:
        fields.pop(name, None)
    for name, value in fields.items():
        setattr(article, name, value)
    with transaction.atomic():
        article.save(update_fields=[*fields, "updated_at"])
        rebuild_sentences(article)
    return article


def story_for(title: str) -> Story:
    story = Story.objects.filter(title=title).first()
    return story or Story.objects.create(title=title, slug=unique_slug(Story, title))


def analysis_sentences(article: Article) -> list[AnalysisSentence]:
    return [
        AnalysisSentence(
            index=s.position,
            text=s.text,
            role=s.role,
            paragraph=s.paragraph,
            start=s.start,
            end=s.end,
        )
        for s in article.sentences.all()
    ]


def article_metadata(article: Article) -> dict[str, Any]:
    """What a frozen comparison keeps about each article, as it was when compared."""
    return {
        "article_id": article.pk,
        "source": article.source.name,
        "source_slug": article.source.slug,
        "wire_agency": article.wire_agency.name if article.wire_agency_id else "",
        "headline": article.headline,
        "standfirst": article.standfirst,
        "byline": article.byline,
        "url": article.url,
        "dateline": article.dateline,
        "published_at": (
            timezone.localtime(article.published_at).isoformat() if article.published_at else None
        ),
        "language": article.language,
        "added_at": article.created_at.isoformat(),
        "text_hash": compared_text_hash(article),
    }


def compare_articles(left: Article, right: Article, user=None) -> Comparison:
    """The comparison of two articles' current texts, computed once and then reused."""
    left_hash, right_hash = compared_text_hash(left), compared_text_hash(right)
    version = compare.engine_version()
    lookup = {
        "left_article": left,
        "right_article": right,
        "left_hash": left_hash,
        "right_hash": right_hash,
        "engine_version": version,
    }
    existing = Comparison.objects.filter(**lookup).first()
    if existing:
        return existing
    result = compare.compare_sentences(
        analysis_sentences(left),
        analysis_sentences(right),
        article_metadata(left),
        article_metadata(right),
        lexicon=current_lexicon(),
        stored_vectors=(stored_vectors(left), stored_vectors(right)),
    )
    try:
        with transaction.atomic():
            return Comparison.objects.create(
                **lookup,
                result=result,
                left_label=f"{left.outlet_label}: {left.headline}"[:300],
                right_label=f"{right.outlet_label}: {right.headline}"[:300],
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except IntegrityError:  # the same comparison was created at the same moment
        return Comparison.objects.get(**lookup)


def is_outdated(comparison: Comparison) -> dict[str, bool]:
    """Which side's article has changed since the comparison was made."""
    return {
        "left": bool(comparison.left_article)
        and compared_text_hash(comparison.left_article) != comparison.left_hash,
        "right": bool(comparison.right_article)
        and compared_text_hash(comparison.right_article) != comparison.right_hash,
    }


def current_lexicon() -> framing.Lexicon:
    """The framing lexicon as staff have edited it in the admin.

    Rebuilt only when an entry changes (keyed on the count and the latest edit).
    """
    stamp = LexiconEntry.objects.aggregate(n=Count("pk"), latest=Max("updated_at"))
    key = (stamp["n"], stamp["latest"])
    if _lexicon_cache.get("key") != key:
        if stamp["n"]:
            rows = (
                LexiconEntry.objects.filter(active=True)
                .order_by("pk")  # the shipped files' order, as Lexicon.default() reads them
                .values("list", "term", "family", "kind", "note")
            )
            lexicon = lexicon_from_entries(rows)
        else:
            lexicon = framing.Lexicon.default()
        _lexicon_cache.update(key=key, lexicon=lexicon)
    return _lexicon_cache["lexicon"]


_lexicon_cache: dict[str, Any] = {}
