"""newsdiff's tables: sources, stories, articles and their sentences.

The raw text of an article is stored exactly as received and never changed;
the cleaned body, metadata and sentences are derived from it (see pipeline.py).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse


def content_hash(text: str) -> str:
    """The fingerprint used to catch the same text uploaded twice."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SourceQuerySet(models.QuerySet):
    def with_article_counts(self):
        return self.annotate(article_count=Count("articles", distinct=True))


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", "Newspaper"
        WIRE = "wire", "Wire agency"
        BROADCASTER = "broadcaster", "Broadcaster"
        ONLINE = "online", "Online outlet"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWSPAPER)
    homepage = models.URLField(blank=True)
    country = models.CharField(
        max_length=2, blank=True, help_text="Two-letter country code, e.g. GB or US."
    )
    description = models.TextField(
        blank=True, help_text="A short note, such as who owns the outlet."
    )
    attribution = models.TextField(
        blank=True, help_text="Licence and attribution for texts that came from a corpus."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsdiff:source-detail", args=[self.slug])


class StoryQuerySet(models.QuerySet):
    def with_articles(self):
        return self.annotate(article_count=Count("articles")).prefetch_related(
            models.Prefetch(
                "articles",
                queryset=Article.objects.select_related("source", "wire_agency").order_by(
                    "published_at", "pk"
                ),
            )
        )


class Story(models.Model):
    """One event that several articles report."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "title"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("newsdiff:story-detail", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def from_outlet(self, slug: str):
        return self.filter(source__slug=slug)

    def for_listing(self):
        return self.select_related("source", "wire_agency", "story").defer(
            "raw_text", "raw_html", "body"
        )

    def matching(self, query: str):
        query = query.strip()
        if not query:
            return self.none()
        return self.filter(
            Q(headline__icontains=query)
            | Q(source__name__icontains=query)
            | Q(byline__icontains=query)
        )


class Article(models.Model):
    class Format(models.TextChoices):
        PASTE = "paste", "Pasted text"
        TEXT = "text", "Text file"
        HTML = "html", "HTML"
        CORPUS = "corpus", "Corpus import"

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    wire_agency = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="syndicated_articles",
        help_text="The agency the article was syndicated from, e.g. AP.",
    )
    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    headline = models.CharField(max_length=500, blank=True)
    standfirst = models.TextField(blank=True)
    byline = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    dateline = models.CharField(
        max_length=200, blank=True, help_text="The date exactly as the article printed it."
    )
    language = models.CharField(max_length=12, default="en")

    raw_text = models.TextField(help_text="Exactly as received; never modified.")
    raw_html = models.TextField(blank=True, help_text="The HTML as received, if uploaded as HTML.")
    input_format = models.CharField(max_length=10, choices=Format.choices, default=Format.PASTE)
    encoding = models.CharField(max_length=20, default="utf-8")
    original_filename = models.CharField(max_length=255, blank=True)
    content_hash = models.CharField(max_length=64, editable=False)

    body = models.TextField(
        help_text="The cleaned article text, one blank line between paragraphs."
    )
    removed_lines = models.JSONField(
        default=list, blank=True, help_text="Page furniture taken out of the body."
    )
    cleaning_warnings = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "content_hash"], name="article_unique_text_per_source"
            ),
            models.UniqueConstraint(
                fields=["source", "url"],
                condition=~Q(url=""),
                name="article_unique_url_per_source",
            ),
        ]
        indexes = [models.Index(fields=["published_at"]), models.Index(fields=["content_hash"])]

    def __str__(self) -> str:
        return f"{self.source}: {self.headline or '(no headline)'}"

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.raw_text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("newsdiff:article-detail", args=[self.pk])

    @property
    def outlet_label(self) -> str:
        """'The Independent via AP' when syndicated, else the source's name."""
        if self.wire_agency_id:
            return f"{self.source.name} via {self.wire_agency.name}"
        return self.source.name

    def as_text(self) -> str:
        """Headline, standfirst and body as one plain text."""
        return "\n\n".join(part for part in (self.headline, self.standfirst, self.body) if part)


class Sentence(models.Model):
    class Role(models.TextChoices):
        HEADLINE = "headline", "Headline"
        STANDFIRST = "standfirst", "Standfirst"
        BODY = "body", "Body"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentences")
    position = models.PositiveIntegerField(help_text="0 is the headline when there is one.")
    paragraph = models.PositiveIntegerField(help_text="0 for headline and standfirst.")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.BODY)
    text = models.TextField()
    start = models.PositiveIntegerField(help_text="Offset into the field the sentence comes from.")
    end = models.PositiveIntegerField()
    embedding = models.BinaryField(
        null=True, blank=True, help_text="The sentence vector (float32), made when it was saved."
    )
    embedding_model = models.CharField(
        max_length=40, blank=True, default="", help_text="The encoder that made the vector."
    )

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="sentence_unique_position"
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="sentence_span"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def anchor(self) -> str:
        return f"s-{self.position}"


class ComparisonQuerySet(models.QuerySet):
    def recent(self):
        """Newest first, for lists: without the result (its summary has a column)."""
        return (
            self.select_related("left_article__source", "right_article__source", "created_by")
            .defer(
                "result",
                *(
                    f"{side}_article__{field}"
                    for side in ("left", "right")
                    for field in ("raw_text", "raw_html", "body", "removed_lines")
                ),
            )
            .order_by("-created_at")
        )

    def involving(self, article: "Article"):
        return self.filter(Q(left_article=article) | Q(right_article=article))


# Short ids for comparison links: 10 characters from an alphabet without
# look-alikes (no 0/o, 1/l/i), about 49 bits of randomness: not guessable by counting.
SHORT_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SHORT_ID_LENGTH = 10


def new_short_id() -> str:
    return "".join(secrets.choice(SHORT_ID_ALPHABET) for _ in range(SHORT_ID_LENGTH))


class WorkStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Being made"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class BackgroundWork(models.Model):
    """A result made once, maybe by the background worker: its state while it is made.

    The row (and so its permalink) exists as soon as it is asked for; the worker
    claims it, marks it alive, and saves the result in one write (pipeline.py)."""

    Status = WorkStatus

    short_id = models.CharField(max_length=16, unique=True, default=new_short_id, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True, help_text="Why it could not be made (shown to readers).")
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="Last sign of life from the worker making it."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class Comparison(BackgroundWork):
    """Two articles aligned once, frozen: the permalink always shows this result.

    The row (and so the permalink) exists as soon as the comparison is asked for; a
    large one is made by the background worker and its result saved in one write.
    """

    left_article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    right_article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    left_hash = models.CharField(max_length=64, help_text="Hash of the left text as compared.")
    right_hash = models.CharField(max_length=64, help_text="Hash of the right text as compared.")
    engine_version = models.CharField(max_length=40)
    result = models.JSONField(
        null=True,
        blank=True,
        help_text="The alignment result, texts included, as compared (empty until made).",
    )
    mirror_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mirrors",
        help_text="The same two texts compared in the other order: this comparison shows "
        "that result read the other way round instead of storing it twice.",
    )
    summary = models.JSONField(
        null=True, blank=True, help_text="The result's summary, for lists (no need to load it all)."
    )
    sentence_count = models.PositiveIntegerField(
        default=0, help_text="Sentences of both reports together: what the work grows with."
    )
    left_label = models.CharField(max_length=300, help_text="Outlet and headline at the time.")
    right_label = models.CharField(max_length=300)

    objects = ComparisonQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "left_article",
                    "right_article",
                    "left_hash",
                    "right_hash",
                    "engine_version",
                ],
                name="comparison_unique_texts_and_engine",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.left_label} ↔ {self.right_label}"

    def get_absolute_url(self) -> str:
        return reverse("newsdiff:comparison-detail", args=[self.short_id])


def text_hash(headline: str, standfirst: str, body: str) -> str:
    """Hash of what a comparison reads from an article: its cleaned fields."""
    return content_hash("\x1f".join((headline, standfirst, body)))


def compared_text_hash(article: Article) -> str:
    return text_hash(article.headline, article.standfirst, article.body)


class ComparisonExport(models.Model):
    """A comparison's CSV, written once by the worker that made the comparison, while
    its result was at hand: read back and written out in a web request, a 57k x 100k
    result's took seconds and most of a gigabyte each time it was downloaded.
    ``version`` is the CSV's (display.CSV_VERSION); another one is made afresh."""

    comparison = models.OneToOneField(
        Comparison, on_delete=models.CASCADE, primary_key=True, related_name="export"
    )
    version = models.CharField(max_length=20)
    csv = models.TextField()
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"CSV of {self.comparison_id}"


class CoverageQuerySet(models.QuerySet):
    def recent(self):
        """Newest first, for lists: without the result (its summary has a column)."""
        return self.select_related("story").defer("result").order_by("-created_at")


class Coverage(BackgroundWork):
    """One story's reports read together once, frozen: which facts each outlet
    reports, which it leaves out, and how each frames the story.

    One stored result per set of texts and engine (``texts_key``), whatever order
    the articles were picked in; the permalink always shows this result.
    """

    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="coverages"
    )
    articles = models.ManyToManyField(Article, related_name="coverages", blank=True)
    article_ids = models.JSONField(
        default=list, help_text="The articles read, by id, in ascending order, as asked."
    )
    text_hashes = models.JSONField(
        default=list, help_text="Hash of each article's text as read, in article_ids' order."
    )
    texts_key = models.CharField(
        max_length=64,
        unique=True,
        help_text="Hash of the articles, their texts and the engine: one result per set.",
    )
    engine_version = models.CharField(max_length=60)
    result = models.JSONField(
        null=True,
        blank=True,
        help_text="The coverage result, texts included, as read (empty until made).",
    )
    summary = models.JSONField(
        null=True,
        blank=True,
        help_text="Counts and the outlets' names, for lists (no need to load the result).",
    )
    sentence_count = models.PositiveIntegerField(
        default=0, help_text="Sentences of all the reports together: what the work grows with."
    )
    label = models.CharField(max_length=300, help_text="The story's title at the time.")

    objects = CoverageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "coverages"

    def __str__(self) -> str:
        return f"{self.label} ({len(self.article_ids)} reports)"

    def get_absolute_url(self) -> str:
        return reverse("newsdiff:coverage-detail", args=[self.short_id])


class LexiconEntry(models.Model):
    """One word or phrase of the framing lexicons, editable by staff.

    Loaded from the shipped lists in newsdiff/lexicons/ (with their sources and
    licences) by a migration and by `manage.py load_lexicons`.
    """

    class List(models.TextChoices):
        REPORTING_VERB = "reporting_verb", "Reporting verb"
        REPORTING_VERB_EXCEPTION = "reporting_verb_exception", "Not a reporting verb"
        HEDGE = "hedge", "Hedge"
        HEDGE_EXCEPTION = "hedge_exception", "Not a hedge"
        BOOSTER = "booster", "Booster"
        WEIGHTED_TERM = "weighted_term", "Weighted name or label"
        NAMING_EXCEPTION = "naming_exception", "Naming exception"

    list = models.CharField(max_length=40, choices=List.choices)
    term = models.CharField(max_length=200, help_text="A word or phrase, as plain text.")
    family = models.CharField(
        max_length=100,
        blank=True,
        help_text="For weighted terms and naming exceptions: what the terms name, e.g. 'the war'.",
    )
    kind = models.CharField(
        max_length=20,
        blank=True,
        help_text="Weighted terms: label, loaded or spelling. Reporting verbs: 'core' when the "
        "verb attributes on its own.",
    )
    note = models.TextField(blank=True, help_text="Shown to journalists to explain a finding.")
    source = models.CharField(max_length=300, blank=True, help_text="Where the entry comes from.")
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["list", "family", "term"]
        verbose_name_plural = "lexicon entries"
        constraints = [
            models.UniqueConstraint(
                fields=["list", "term", "family"], name="lexicon_entry_unique_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_list_display()}: {self.term}"
