"""The one bridge between ORM rows and the plain-Python analysis core.

Each function loads rows, converts them to analysis types, calls the analysis
and saves the results. Views, admin and commands call these, never the
analysis modules directly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict
from operator import attrgetter
from typing import Any

import numpy as np
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Func, JSONField, Max, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify

from newsdiff import comparison_page, display, page_cache, work
from newsdiff.analysis import clean, compare, coverage, encode, framing, mirror, segment
from newsdiff.analysis.collector import collection_paused
from newsdiff.analysis.types import CleanedText
from newsdiff.analysis.types import Sentence as AnalysisSentence
from newsdiff.lexicon_data import lexicon_from_entries
from newsdiff.models import (
    Article,
    BackgroundWork,
    Comparison,
    ComparisonExport,
    Coverage,
    LexiconEntry,
    Sentence,
    Source,
    Story,
    compared_text_hash,
    content_hash,
    text_hash,
)

logger = logging.getLogger(__name__)

# Wire agencies we recognise in bylines, by the full name clean/ reports.
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


def find_duplicate(source: Source, cleaned: CleanedText) -> Article | None:
    """The article of ``source`` with exactly this raw text or, received otherwise
    (pasted rather than uploaded: other line endings or spacing), the same text once
    cleaned, if any."""
    articles = Article.objects.filter(source=source).order_by("pk")
    return (
        articles.filter(content_hash=content_hash(cleaned.raw)).first()
        or articles.filter(**same_text(cleaned)).first()
    )


def same_text(cleaned: CleanedText) -> dict[str, str]:
    """What two uploads must share to be the same article (what a comparison reads)."""
    fields = cleaned_fields(cleaned)
    return {name: fields[name] for name in ("headline", "standfirst", "body")}


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


def segmented(headline: str, standfirst: str, body: str) -> list[AnalysisSentence]:
    return segment.segment_document(headline, standfirst, body)


def segment_cleaned(cleaned: CleanedText) -> list[AnalysisSentence]:
    return segmented(cleaned.headline[:500], cleaned.standfirst, cleaned.body)


def sentence_rows(article: Article | None, sentences: list[AnalysisSentence]) -> list[Sentence]:
    """The article's segmented sentences as unsaved rows."""
    return [
        Sentence(
            article=article,
            position=s.index,
            paragraph=s.paragraph,
            role=s.role,
            text=s.text,
            start=s.start,
            end=s.end,
        )
        for s in sentences
    ]


_SENTENCE_COLUMNS = (
    "article",
    "position",
    "paragraph",
    "role",
    "text",
    "start",
    "end",
    "embedding",
    "embedding_model",
)


def _insert_sentences(rows: list[Sentence]) -> None:
    """Save new sentence rows (inside the caller's transaction) in one prepared insert.

    Django's bulk_create prepares every value of every row in Python: the 72,000
    sentences of a 5 MB upload took 8-13 s of the request, against a 30 s worker
    timeout. Every value here is already a plain int, string or bytes."""
    meta = Sentence._meta
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in _SENTENCE_COLUMNS]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    values = list(map(attrgetter(*(f.attname for f in fields)), rows))
    with connection.cursor() as cursor:
        for start in range(0, len(values), 5000):
            cursor.executemany(sql, values[start : start + 5000])


# An article of at most this many sentences is encoded (its sentence vectors made)
# before it is saved, in the request that saves it (about 200 sentences/s here); a
# longer one is saved without vectors and encoded by the background worker. Until
# then a comparison encodes its sentences itself, with the same result.
INLINE_ENCODE_SENTENCES = 300


def _encodes(language: str) -> bool:
    return (language or "en") == "en"  # the encoder reads English


def with_vectors(rows: list[Sentence], language: str) -> list[Sentence]:
    """The rows with their sentence vectors, for a short English article (never inside
    a write transaction: encoding takes a while)."""
    if rows and _encodes(language) and len(rows) <= INLINE_ENCODE_SENTENCES:
        _fill_vectors(rows)
    return rows


def _fill_vectors(rows: list[Sentence]) -> None:
    vectors = encode.get_encoder().encode([row.text for row in rows]).vectors
    for row, vector in zip(rows, vectors, strict=True):
        row.embedding = encode.to_bytes(vector)
        row.embedding_model = encode.MODEL_ID


def _encode_later(article: Article, rows: list[Sentence]) -> None:
    if rows and _encodes(article.language) and len(rows) > INLINE_ENCODE_SENTENCES:
        from newsdiff.tasks import encode_articles

        transaction.on_commit(lambda: encode_articles.enqueue([article.pk]))


def encode_stored(article_ids: list[int], turn: int | None = None) -> int:
    """Encode the saved sentences of these articles that have no vector from the
    current encoder; returns how many were saved. Sentences changed meanwhile (the
    article re-cleaned) are left alone: their new rows are encoded in turn.

    ``turn`` (the background task's): stop once about that many are done and queue
    the rest as a new task, so that a comparison or coverage asked meanwhile, which
    the queue puts first, waits seconds rather than the minutes a long article takes.
    """
    done = 0
    for k, article_id in enumerate(article_ids):
        rows = list(
            Sentence.objects.filter(article_id=article_id)
            .exclude(embedding_model=encode.MODEL_ID)
            .only("id", "text", "article_id")
        )
        article = Article.objects.filter(pk=article_id).only("language").first()
        if not rows or article is None or not _encodes(article.language):
            continue
        for start in range(0, len(rows), ENCODE_CHUNK_SENTENCES):
            if turn is not None and done >= turn:
                from newsdiff.tasks import encode_articles

                encode_articles.enqueue(article_ids[k:])
                return done
            done += _store_vectors(rows[start : start + ENCODE_CHUNK_SENTENCES])
    return done


# A long article is encoded and saved this many sentences at a time, each chunk in
# its own short write: SQLite's write lock is never held for long (another worker's
# writes, a comparison's heartbeat among them, wait at most that long), and a worker
# stopped midway keeps what it has done.
ENCODE_CHUNK_SENTENCES = 500
# The background task encodes about this many sentences (some 10 s) before it lets
# waiting comparisons go first (encode_stored's ``turn``).
ENCODE_TURN_SENTENCES = 2000


def _store_vectors(rows: list[Sentence]) -> int:
    _fill_vectors(rows)
    with transaction.atomic():
        current = set(
            Sentence.objects.filter(pk__in=[r.pk for r in rows]).values_list("pk", "text")
        )
        fresh = [r for r in rows if (r.pk, r.text) in current]
        Sentence.objects.bulk_update(fresh, ["embedding", "embedding_model"], batch_size=500)
    return len(fresh)


def stored_vectors(article: Article) -> np.ndarray | None:
    """The article's saved sentence vectors, or None when any is missing or was made
    by another encoder (the comparison then encodes the sentences itself)."""
    rows = list(article.sentences.only("embedding", "embedding_model"))
    if not rows or any(r.embedding_model != encode.MODEL_ID or not r.embedding for r in rows):
        return None
    return np.stack([encode.from_bytes(bytes(r.embedding)) for r in rows])


def rebuild_sentences(article: Article) -> None:
    """Segment the article's cleaned fields again and replace its sentences.

    Segmenting runs before the write transaction, so a long article does not hold
    the database's write lock (on SQLite, the whole database) while it is read."""
    sentences = segmented(article.headline, article.standfirst, article.body)
    rows = with_vectors(sentence_rows(article, sentences), article.language)
    with transaction.atomic():
        article.sentences.all().delete()
        _insert_sentences(rows)
        _encode_later(article, rows)


def save_article(
    cleaned: CleanedText,
    *,
    source: Source,
    story: Story | None = None,
    url: str = "",
    input_format: str = Article.Format.PASTE,
    filename: str = "",
    user=None,
    sentences: list[AnalysisSentence] | None = None,
) -> Article:
    """Store a cleaned upload as a new Article with its sentences, in one transaction.

    The text is segmented before the transaction starts (pass ``sentences`` from
    ``segment_cleaned`` when several uploads are saved in one outer transaction)."""
    fields = cleaned_fields(cleaned)
    if sentences is None:
        sentences = segment_cleaned(cleaned)
    rows = with_vectors(sentence_rows(None, sentences), fields["language"])
    with transaction.atomic():
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
            **fields,
        )
        article.save()
        for row in rows:
            row.article = article
        _insert_sentences(rows)
        _encode_later(article, rows)
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
    sentences = segmented(article.headline, article.standfirst, article.body)
    rows = with_vectors(sentence_rows(article, sentences), article.language)
    with transaction.atomic():
        article.save(update_fields=[*fields, "updated_at"])
        article.sentences.all().delete()
        _insert_sentences(rows)
        _encode_later(article, rows)
    return article


def story_for(title: str) -> Story:
    story = Story.objects.filter(title=title).first()
    return story or Story.objects.create(title=title, slug=unique_slug(Story, title))


def source_for(name: str, kind: str = Source.Kind.NEWSPAPER) -> Source:
    """The outlet called ``name`` (in any case), added with ``kind`` if it is new."""
    source = Source.objects.filter(name__iexact=name).first()
    return source or Source.objects.create(name=name, slug=unique_slug(Source, name), kind=kind)


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


def _comparison_lookup(left: Article, right: Article) -> dict[str, Any]:
    return {
        "left_article": left,
        "right_article": right,
        "left_hash": compared_text_hash(left),
        "right_hash": compared_text_hash(right),
        "engine_version": compare.engine_version(),
    }


def find_comparison(left: Article, right: Article) -> Comparison | None:
    """The comparison of these two articles' current texts with the current engine,
    in this order, whatever its state (being made, done or failed)."""
    return Comparison.objects.defer("result").filter(**_comparison_lookup(left, right)).first()


def comparison_size(left: Article, right: Article) -> int:
    """Sentences of both reports together: what making the comparison grows with."""
    return Sentence.objects.filter(article__in=[left, right]).count()


def request_comparison(left: Article, right: Article, user=None) -> Comparison:
    """The comparison of two articles' current texts: the existing one, or a new one.

    The row, and so its permalink, exists at once. A comparison of at most
    NEWSDIFF_INLINE_SENTENCES sentences is made before this returns; a larger one
    is queued for the background worker and its page shows progress meanwhile.
    """
    existing = find_comparison(left, right)
    if existing:
        return existing
    mirror = _mirror_of_existing(left, right, user)
    if mirror:
        return mirror
    size = comparison_size(left, right)
    try:
        with transaction.atomic():
            comparison = Comparison.objects.create(
                **_comparison_lookup(left, right),
                status=Comparison.Status.QUEUED,
                sentence_count=size,
                left_label=f"{left.outlet_label}: {left.headline}"[:300],
                right_label=f"{right.outlet_label}: {right.headline}"[:300],
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except IntegrityError:  # the same comparison was asked for at the same moment
        return Comparison.objects.defer("result").get(**_comparison_lookup(left, right))
    _make_now_or_later(comparison)
    comparison.refresh_from_db()
    return comparison


def _mirror_of_existing(left: Article, right: Article, user) -> Comparison | None:
    """A comparison of the same two texts asked for in the other order: a row of its
    own (its own permalink, shown in the order asked) that reads the made comparison's
    result the other way round instead of storing or computing it again."""
    lookup = _comparison_lookup(right, left)
    source = (
        Comparison.objects.defer("result")
        .filter(**lookup, mirror_of__isnull=True, status=Comparison.Status.DONE)
        .first()
    )
    if source is None:
        return None
    try:
        with transaction.atomic():
            row = Comparison.objects.create(
                **_comparison_lookup(left, right),
                mirror_of=source,
                status=Comparison.Status.DONE,
                summary=mirror.mirrored(source.summary or {}),
                sentence_count=source.sentence_count,
                left_label=source.right_label,
                right_label=source.left_label,
                created_by=user if getattr(user, "is_authenticated", False) else None,
                finished_at=timezone.now(),
            )
    except IntegrityError:  # asked for twice at the same moment
        return Comparison.objects.defer("result").get(**_comparison_lookup(left, right))
    if row.sentence_count > settings.NEWSDIFF_INLINE_SENTENCES:
        from newsdiff.tasks import write_comparison_csv

        # its CSV too is written by the worker
        transaction.on_commit(lambda: write_comparison_csv.enqueue(row.pk))
    return row


def comparison_result(comparison: Comparison) -> dict[str, Any]:
    """The result a comparison shows: its own, or the one it mirrors read the other
    way round."""
    if comparison.mirror_of_id:
        source = Comparison.objects.values_list("result", flat=True).get(pk=comparison.mirror_of_id)
        return mirror.mirrored(source)
    return Comparison.objects.values_list("result", flat=True).get(pk=comparison.pk)


def stored_result_text(comparison: Comparison) -> str | None:
    """The comparison's result as the JSON text the database holds, not decoded (a
    result of 157k sentences is some 200 MB of text, several times that as Python
    objects); None for a comparison that mirrors another, which must be read the
    other way round."""
    if comparison.mirror_of_id:
        return None
    return (
        Comparison.objects.filter(pk=comparison.pk)
        .annotate(text=Cast("result", output_field=TextField()))
        .values_list("text", flat=True)
        .get()
    )


class _Without(Func):
    """A stored result without some of its parts ("framing", "left.sentences"),
    dropped by the database (one parse there) rather than decoded and dropped in
    Python: SQLite's json_remove, PostgreSQL's #- operator."""

    output_field = JSONField()

    def __init__(self, expression, paths: tuple[str, ...]):
        super().__init__(expression)
        self.paths = paths  # our own constants, never a reader's input

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        paths = ", ".join(f"'$.{path}'" for path in self.paths)
        return f"json_remove({sql}, {paths})", params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        for path in self.paths:
            sql = f"({sql} #- '{{{path.replace('.', ',')}}}')"
        return sql, params


# What a page's header (outlets, counts, notes) does without: the framing findings
# are most of a long comparison's result (40,000 of them, 14 of 18 MB, for 20,000
# one-sided sentences). The list names both sides alike, so it holds for a mirrored
# comparison too.
NOT_FOR_HEADER = (
    "framing",
    "pairs",
    "left.sentences",
    "right.sentences",
    "only_left",
    "only_right",
    "restatements",
)


def comparison_result_without(comparison: Comparison, parts: tuple[str, ...]) -> dict[str, Any]:
    """The result a comparison shows, read the way round it is asked, without
    ``parts`` (NOT_FOR_HEADER)."""
    source = comparison.mirror_of_id or comparison.pk
    result = (
        Comparison.objects.filter(pk=source)
        .annotate(rest=_Without("result", parts))
        .values_list("rest", flat=True)
        .get()
    )
    return mirror.mirrored(result) if comparison.mirror_of_id else result


def compare_articles(left: Article, right: Article, user=None) -> Comparison:
    """The comparison of two articles, made now whatever its size (commands, benches),
    with its result loaded."""
    comparison = request_comparison(left, right, user)
    if comparison.status == Comparison.Status.QUEUED:
        run_comparison(comparison.pk)
    comparison.refresh_from_db()
    if comparison.mirror_of_id:
        comparison.result = comparison_result(comparison)
    return comparison


def _enqueue(row: BackgroundWork) -> None:
    from newsdiff.tasks import make_comparison, make_coverage

    task = make_coverage if isinstance(row, Coverage) else make_comparison
    task.enqueue(row.pk)


def _make_now_or_later(row: BackgroundWork) -> None:
    """Make a queued row in this request when it is small, else queue it for the
    worker (its page shows progress meanwhile)."""
    if isinstance(row, Coverage):
        small, run = row.sentence_count <= settings.NEWSDIFF_COVERAGE_INLINE_SENTENCES, run_coverage
    else:
        small, run = row.sentence_count <= settings.NEWSDIFF_INLINE_SENTENCES, run_comparison
    if small:
        run(row.pk)
    else:
        _enqueue(row)


def _articles_as_asked(comparison: Comparison) -> tuple[Article, Article]:
    if comparison.left_article_id is None or comparison.right_article_id is None:
        raise work.Unavailable(
            "An article was removed from newsdiff before the comparison was made."
        )
    related = Article.objects.select_related("source", "wire_agency")
    left = related.get(pk=comparison.left_article_id)
    right = related.get(pk=comparison.right_article_id)
    if (compared_text_hash(left), compared_text_hash(right)) != (
        comparison.left_hash,
        comparison.right_hash,
    ):
        raise work.Unavailable(
            "An article was corrected before the comparison was made; compare the current "
            "texts instead."
        )
    return left, right


def _compared(comparison: Comparison) -> dict[str, Any]:
    left, right = _articles_as_asked(comparison)
    result = compare.compare_sentences(
        analysis_sentences(left),
        analysis_sentences(right),
        article_metadata(left),
        article_metadata(right),
        lexicon=current_lexicon(),
        stored_vectors=(stored_vectors(left), stored_vectors(right)),
    )
    _draw_first_screen(comparison, result)
    _write_csv_ahead(comparison, result)
    return {"result": result, "summary": result["summary"]}


def _write_csv_ahead(comparison: Comparison, result: dict[str, Any]) -> None:
    """Write the CSV of a comparison too large to make in a request, while its result
    is at hand; the export then sends the stored text. A failure here costs only
    that: the CSV is made on request instead."""
    if comparison.sentence_count <= settings.NEWSDIFF_INLINE_SENTENCES:
        return
    try:
        _store_csv(comparison, result)
    except Exception:
        logger.exception("Comparison %s: its CSV could not be written ahead", comparison.pk)


def _store_csv(comparison: Comparison, result: dict[str, Any]) -> None:
    with collection_paused():  # a large result's rows are millions of small objects
        text = "".join(display.csv_lines(result))
    ComparisonExport.objects.update_or_create(
        comparison=comparison, defaults={"version": display.CSV_VERSION, "csv": text}
    )


def write_csv(pk: int) -> None:
    """Write a comparison's CSV from its result (the task's body, for a large
    comparison read the other way round): until it is there, the export makes it
    on request."""
    comparison = Comparison.objects.defer("result").filter(pk=pk).first()
    written = ComparisonExport.objects.filter(comparison_id=pk, version=display.CSV_VERSION)
    if comparison is None or not comparison.is_done or written.exists():
        return
    with collection_paused():
        result = comparison_result(comparison)
    _store_csv(comparison, result)


def stored_csv(comparison: Comparison) -> str | None:
    """The CSV written ahead for this comparison, if it is of the current version."""
    return (
        ComparisonExport.objects.filter(comparison_id=comparison.pk, version=display.CSV_VERSION)
        .values_list("csv", flat=True)
        .first()
    )


def _draw_first_screen(comparison: Comparison, result: dict[str, Any]) -> None:
    """Draw the comparison's first screen into the shared cache while its result is
    at hand, before it is marked done (the page's refresh then finds it): a long
    result takes seconds to decode and draw, which the first reader would wait for.
    A failure here costs only that; the comparison is saved all the same."""
    try:
        state = {**page_cache.state_of(comparison), "status": Comparison.Status.DONE}
        comparison_page.draw_first_screen(comparison, result, state)
    except Exception:
        logger.exception("Comparison %s: its first screen could not be drawn ahead", comparison.pk)


def run_comparison(pk: int) -> None:
    """Make a queued comparison and save its result in one write (the task's body);
    retried once on an error, then failed with a plain message (newsdiff.work)."""
    work.make(Comparison, pk, _compared, _enqueue, "comparing these reports")


def recover_if_stalled(row: BackgroundWork) -> BackgroundWork:
    """A comparison or coverage whose worker died is queued again or, on its last
    try, marked failed. Returns the current row."""
    return work.recover_if_stalled(row, _enqueue)


def retry_failed(row: BackgroundWork) -> None:
    """Staff's retry of a failed comparison or coverage: it gets its tries again."""
    if work.reset_failed(row):
        _make_now_or_later(row)
    row.refresh_from_db()


# --- Coverage: one story's reports read together ----------------------------

# How many reports one coverage reads.
COVERAGE_MIN_REPORTS = coverage.MIN_REPORTS
COVERAGE_MAX_REPORTS = coverage.MAX_REPORTS


def _coverage_lookup(articles: Iterable[Article]) -> dict[str, Any]:
    """What identifies one coverage: the articles (in ascending id order, whatever
    order they were picked in), the texts they had, and the engine."""
    ordered = sorted(articles, key=lambda a: a.pk)
    hashes = [compared_text_hash(a) for a in ordered]
    version = coverage.coverage_version()
    words = [version, *(f"{a.pk}:{h}" for a, h in zip(ordered, hashes, strict=True))]
    return {
        "article_ids": [a.pk for a in ordered],
        "text_hashes": hashes,
        "engine_version": version,
        "texts_key": content_hash("\x1f".join(words)),
    }


def default_coverage_articles(story: Story) -> list[Article]:
    """The reports a story's coverage reads unless a reader picks others: its English
    ones (the encoder reads English), oldest first, at most COVERAGE_MAX_REPORTS."""
    return list(
        story.articles.select_related("source", "wire_agency")
        .filter(language="en")
        .order_by("published_at", "pk")[:COVERAGE_MAX_REPORTS]
    )


def find_coverage(articles: Iterable[Article]) -> Coverage | None:
    """The coverage of these articles' current texts with the current engine, in
    whatever state (being made, done or failed)."""
    key = _coverage_lookup(articles)["texts_key"]
    return Coverage.objects.defer("result").filter(texts_key=key).first()


def coverage_size(articles: Iterable[Article]) -> int:
    """Sentences of all the reports together: what making the coverage grows with."""
    return Sentence.objects.filter(article__in=list(articles)).count()


def request_coverage(articles: list[Article], story: Story | None, user=None) -> Coverage:
    """The coverage of these articles' current texts: the existing one, or a new one
    (its permalink exists at once). A small one is made before this returns, a
    larger one by the background worker."""
    if not COVERAGE_MIN_REPORTS <= len({a.pk for a in articles}) <= COVERAGE_MAX_REPORTS:
        raise ValueError(
            f"A coverage reads {COVERAGE_MIN_REPORTS} to {COVERAGE_MAX_REPORTS} reports."
        )
    existing = find_coverage(articles)
    if existing:
        return existing
    lookup = _coverage_lookup(articles)
    try:
        with transaction.atomic():
            row = Coverage.objects.create(
                **lookup,
                story=story,
                status=Coverage.Status.QUEUED,
                sentence_count=coverage_size(articles),
                label=(story.title if story else "Reports read together")[:300],
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
            row.articles.set(lookup["article_ids"])
    except IntegrityError:  # the same coverage was asked for at the same moment
        return Coverage.objects.defer("result").get(texts_key=lookup["texts_key"])
    _make_now_or_later(row)
    row.refresh_from_db()
    return row


def _coverage_reports(row: Coverage) -> list[coverage.Report]:
    """The reports as they were when the coverage was asked for, with their stored
    sentences and vectors."""
    found = {
        a.pk: a
        for a in Article.objects.select_related("source", "wire_agency").filter(
            pk__in=row.article_ids
        )
    }
    if len(found) != len(row.article_ids):
        raise work.Unavailable("An article was removed from newsdiff before the coverage was made.")
    articles = [found[pk] for pk in row.article_ids]
    if [compared_text_hash(a) for a in articles] != row.text_hashes:
        raise work.Unavailable(
            "An article was corrected before the coverage was made; build the coverage of "
            "the current texts instead."
        )
    return [
        coverage.Report(
            key=str(a.pk),
            outlet=a.source.name,
            sentences=analysis_sentences(a),
            meta=article_metadata(a),
            vectors=stored_vectors(a),
        )
        for a in articles
    ]


def coverage_summary(result: dict[str, Any]) -> dict[str, Any]:
    """What lists show of a coverage without loading its result."""
    included = [r for r in result["reports"] if r.get("included", True)]
    return {
        "outlets": [r["outlet"] for r in included],
        "reports": len(result["reports"]),
        "facts": len(result["facts"]),
        "facts_by_outlets": result.get("counts", {}).get("facts_by_outlets", {}),
        "warnings": len(result.get("warnings", [])),
    }


def _covered(row: Coverage) -> dict[str, Any]:
    reports = _coverage_reports(row)
    try:
        result = coverage.build_coverage(reports, lexicon=current_lexicon())
    except ValueError as err:  # fewer than two reports it can read: its plain message
        raise work.Unavailable(str(err)) from err
    return {"result": result, "summary": coverage_summary(result)}


def run_coverage(pk: int) -> None:
    """Make a queued coverage and save its result in one write (the task's body);
    retried once on an error, then failed with a plain message (newsdiff.work)."""
    work.make(Coverage, pk, _covered, _enqueue, "reading these reports together")


def coverage_result(row: Coverage) -> dict[str, Any]:
    return Coverage.objects.values_list("result", flat=True).get(pk=row.pk)


def outdated_reports(row: Coverage) -> list[int]:
    """The ids of the coverage's articles corrected since it was made."""
    texts = Article.objects.filter(pk__in=row.article_ids).values_list(
        "pk", "headline", "standfirst", "body"
    )
    now = {pk: text_hash(h, s, b) for pk, h, s, b in texts}
    was = dict(zip(row.article_ids, row.text_hashes, strict=True))
    return [pk for pk, current in now.items() if current != was.get(pk)]


# Measured with bench/coverage_page.py (2 cores, loaded: 4.6-8.8 ms): about this many
# seconds per sentence of all the reports together, for telling a reader how long a
# large coverage takes.
COVERAGE_SECONDS_PER_SENTENCE = 0.007


def is_outdated_by_pk(comparison: Comparison) -> dict[str, bool]:
    """Which side's article has been corrected since the comparison was made (read
    from the database, so the comparison's articles may come without their texts)."""
    ids = {"left": comparison.left_article_id, "right": comparison.right_article_id}
    texts = Article.objects.filter(pk__in=[pk for pk in ids.values() if pk]).values_list(
        "pk", "headline", "standfirst", "body"
    )
    hashes = {pk: text_hash(headline, standfirst, body) for pk, headline, standfirst, body in texts}
    return {
        "left": ids["left"] in hashes and hashes[ids["left"]] != comparison.left_hash,
        "right": ids["right"] in hashes and hashes[ids["right"]] != comparison.right_hash,
    }


# Measured with bench/comparison_create.py (2 cores): about this many seconds per
# sentence of both reports, for telling a reader how long a large comparison takes.
SECONDS_PER_SENTENCE = 0.0005


def expected_seconds(row: BackgroundWork) -> int:
    rate = COVERAGE_SECONDS_PER_SENTENCE if isinstance(row, Coverage) else SECONDS_PER_SENTENCE
    return max(1, round(row.sentence_count * rate))


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
