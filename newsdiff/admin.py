"""Staff screens: sources, stories, and article upload with a cleaning preview."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from newsdiff import pipeline
from newsdiff.analysis.collector import collection_paused
from newsdiff.forms import ArticleUploadForm
from newsdiff.models import Article, Comparison, Coverage, LexiconEntry, Sentence, Source, Story


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "homepage"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.display(description="Permalink")
def permalink(obj) -> str:
    """A comparison's or coverage's public address, as a link."""
    return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())


@admin.display(description="Outlets")
def coverage_outlets(obj: Coverage) -> str:
    return ", ".join((obj.summary or {}).get("outlets", [])) or f"{len(obj.article_ids)} reports"


class StoryArticleInline(admin.TabularInline):
    """The story's reports; each opens its own page, whose Story field moves it."""

    model = Article
    fields = ["source", "headline", "published_at", "language"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False
    verbose_name_plural = "Reports (open one to move it to another story)"

    def has_add_permission(self, request, obj=None):
        return False


class StoryCoverageInline(admin.TabularInline):
    model = Coverage
    fields = [permalink, "status", coverage_outlets, "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("result")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [StoryArticleInline, StoryCoverageInline]

    def get_deleted_objects(self, objs, request):
        """Deleting a story deletes only the story: its articles and coverages stay,
        filed under no story. Counted, not listed: Django's page would read every
        one of them, a coverage's whole result included, to list nothing."""
        stories = list(objs[:DELETE_LISTED])
        if not stories:
            return [], {}, set(), []
        ids = [story.pk for story in stories] if isinstance(objs, list) else objs.values("pk")
        listed = []
        for story in stories:
            link = reverse("admin:newsdiff_story_change", args=[story.pk])
            listed.append(format_html('Story: <a href="{}">{}</a>', link, str(story)))
        total = len(objs) if isinstance(objs, list) else objs.count()
        if total > len(stories):
            listed.append(f"… and {total - len(stories):,} more stories")
        articles = Article.objects.filter(story__in=ids).count()
        coverages = Coverage.objects.filter(story__in=ids).count()
        if articles or coverages:
            listed.append(
                f"Kept, filed under no story: {articles:,} article{'s' * (articles != 1)} "
                f"and {coverages:,} coverage{'s' * (coverages != 1)}"
            )
        perms = set() if self.has_delete_permission(request) else {"story"}
        return listed, {"stories": total}, perms, []


class MoveToStoryForm(forms.Form):
    story = forms.ModelChoiceField(
        queryset=Story.objects.order_by("title"), label="Move them to the story"
    )


@admin.action(description="Move the selected articles to another story")
def move_to_story(modeladmin, request, queryset):
    """A report put in the wrong story (another event) is moved without re-reading
    its text: coverages already made keep showing what they read."""
    form = MoveToStoryForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        story = form.cleaned_data["story"]
        moved = queryset.update(story=story)
        messages.success(request, f"Moved {moved} article(s) to “{story}”.")
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": "Move articles to another story",
        "articles": queryset.select_related("source", "story"),
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/newsdiff/article/move_to_story.html", context)


DELETE_LISTED = 100  # a delete confirmation names this many articles, then counts the rest
SENTENCES_SHOWN = 300  # the change page lists this many; the article page shows them all


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


METADATA_FIELDS = ("headline", "standfirst", "byline", "dateline", "published_at", "language")


class ArticleChangeForm(forms.ModelForm):
    restore_lines = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Restore removed lines",
        help_text="Tick a line that newsdiff wrongly took for page furniture to put it back "
        "into the body (the body is cleaned again from the raw text).",
    )

    class Meta:
        model = Article
        fields = [
            "source",
            "wire_agency",
            "story",
            "headline",
            "standfirst",
            "byline",
            "dateline",
            "published_at",
            "url",
            "language",
            "body",
        ]

    def _within_limit(self, name: str) -> str:
        """A text field no larger than an upload may be: the body is segmented and
        every comparison of the article reads it."""
        value = self.cleaned_data.get(name) or ""
        limit = settings.NEWSDIFF_MAX_UPLOAD_BYTES
        size = len(value.encode("utf-8"))
        if size > limit:
            raise forms.ValidationError(
                f"This text is {_megabytes(size)}; newsdiff keeps at most {_megabytes(limit)} "
                "for one article. Keep just the article's text and save again."
            )
        return value

    def clean_body(self) -> str:
        return self._within_limit("body")

    def clean_standfirst(self) -> str:
        return self._within_limit("standfirst")

    def clean(self):
        data = super().clean()
        if data.get("restore_lines") and "body" in self.changed_data:
            raise forms.ValidationError(
                "Restore lines and edit the body in two saves: restoring cleans the body again "
                "from the raw text, which would undo your edit. Your changes are still in the form."
            )
        return data

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        removed = self.instance.removed_lines or []
        self.fields["restore_lines"].choices = [
            (line["line"], f"{line['text'][:120]} ({line['reason']})") for line in removed
        ]
        if not removed:
            self.fields["restore_lines"].widget = forms.MultipleHiddenInput()


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleChangeForm
    actions = [move_to_story]
    list_display = ["headline_or_id", "source", "wire_agency", "story", "published_at"]
    list_filter = ["source", "story", ("published_at", admin.DateFieldListFilter), "input_format"]
    list_select_related = ["source", "wire_agency", "story"]
    search_fields = ["headline", "byline", "body", "source__name", "url"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["story"]
    readonly_fields = [
        "raw_text_display",
        "removed_preview",
        "sentence_list",
        "content_hash",
        "input_format",
        "encoding",
        "original_filename",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["source", "wire_agency", "story", "url"]}),
        (
            "Metadata (extracted; correct it if needed)",
            {
                "fields": [
                    "headline",
                    "standfirst",
                    "byline",
                    "dateline",
                    "published_at",
                    "language",
                ]
            },
        ),
        (
            "Cleaned text (sentences are rebuilt when you save)",
            {"fields": ["body", "removed_preview", "restore_lines", "sentence_list"]},
        ),
        (
            "As received (never changed)",
            {
                "classes": ["collapse"],
                "fields": [
                    "raw_text_display",
                    "input_format",
                    "original_filename",
                    "encoding",
                    "content_hash",
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    @admin.display(description="Headline", ordering="headline")
    def headline_or_id(self, obj: Article) -> str:
        return obj.headline or f"Article {obj.pk}"

    @admin.display(description="Raw text")
    def raw_text_display(self, obj: Article) -> str:
        return format_html('<pre class="newsdiff-raw">{}</pre>', obj.raw_text)

    @admin.display(description="Sentences")
    def sentence_list(self, obj: Article) -> str:
        """Read-only, and no form fields: a long article must still save."""
        if obj.pk is None:
            return "-"
        total = obj.sentences.count()
        rows = obj.sentences.order_by("position")[:SENTENCES_SHOWN]
        items = format_html_join(
            "",
            '<li value="{}"><span class="quiet">{} · ¶{}</span> {}</li>',
            ((s.position + 1, s.role, s.paragraph, s.text) for s in rows),
        )
        more = ""
        if total > SENTENCES_SHOWN:
            more = format_html(
                '<p>… and {} more: <a href="{}">see them all on the article page</a>.</p>',
                total - SENTENCES_SHOWN,
                obj.get_absolute_url(),
            )
        return format_html("<p>{} sentences</p><ol>{}</ol>{}", total, items, more)

    def get_deleted_objects(self, objs, request):
        """What deleting these articles takes with it, counted rather than listed.
        Django's confirmation page lists every object that goes, one by one: for an
        article of 31,000 sentences that took the server past 20 GB of memory."""
        articles = list(objs[:DELETE_LISTED])
        if not articles:
            return [], {}, set(), []
        ids = objs.values("pk") if hasattr(objs, "values") else [a.pk for a in objs]
        counts = dict(
            Sentence.objects.filter(article__in=ids)
            .order_by()
            .values_list("article")
            .annotate(n=Count("pk"))
        )
        listed = []
        for article in articles:
            link = reverse("admin:newsdiff_article_change", args=[article.pk])
            listed.append(format_html('Article: <a href="{}">{}</a>', link, str(article)))
            listed.append([f"{counts.get(article.pk, 0):,} sentences"])
        total = len(objs) if isinstance(objs, list) else objs.count()
        if total > len(articles):
            listed.append(f"… and {total - len(articles):,} more articles")
        kept = Comparison.objects.filter(Q(left_article__in=ids) | Q(right_article__in=ids)).count()
        if kept:
            which = "1 comparison that shows" if kept == 1 else f"{kept:,} comparisons that show"
            listed.append(
                f"Kept: {which} {'this article' if total == 1 else 'these articles'}, with "
                "the texts as compared; the page says the article has since been removed"
            )
        perms = set() if self.has_delete_permission(request) else {"article"}
        model_count = {"articles": total, "sentences": sum(counts.values())}
        return listed, model_count, perms, []

    @admin.display(description="Removed page furniture")
    def removed_preview(self, obj: Article) -> str:
        if not obj.removed_lines:
            return "Nothing was removed."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "", "<li><q>{}</q> — {}</li>", ((r["text"], r["reason"]) for r in obj.removed_lines)
            ),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Not one transaction around the whole view (Django's default): saving re-cleans
        # and segments the text, which must not hold the database's write lock. The
        # pipeline writes the article and its sentences in transactions of its own.
        return self._changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        restore = form.cleaned_data.get("restore_lines") or []
        super().save_model(request, obj, form, change)
        if restore:
            corrected = set(form.changed_data) & set(METADATA_FIELDS)
            pipeline.reclean(obj, keep_lines=restore, keep_fields=corrected)
            messages.info(request, f"Restored {len(restore)} line(s) and cleaned the text again.")
        else:
            pipeline.rebuild_sentences(obj)

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="newsdiff_article_upload",
            ),
            path(
                "uploaded/",
                self.admin_site.admin_view(self.uploaded_view),
                name="newsdiff_article_uploaded",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:newsdiff_article_upload")

    # An upload of 5 MB is 72,000 sentences read and saved in the request; the cycle
    # collector would walk them again and again as they are made.
    @collection_paused()
    def upload_view(self, request):
        if not self.has_add_permission(request):
            return TemplateResponse(request, "admin/newsdiff/article/forbidden.html", status=403)
        initial = {}
        if request.method == "GET" and request.GET.get("story", "").isdigit():
            initial["story"] = request.GET["story"]  # "Upload another report of this story"
        form = ArticleUploadForm(request.POST or None, request.FILES or None, initial=initial)
        status = 200
        preview = None
        if request.method == "POST":
            if form.is_valid():
                if "preview" in request.POST:
                    preview = form.pending
                    if problem := form.keep_for_upload():
                        messages.warning(request, problem)
                else:
                    articles = self._save_uploads(request, form)
                    if len(articles) == 1:
                        messages.success(request, f"Uploaded “{articles[0]}”.")
                    else:
                        messages.success(request, f"Uploaded {len(articles)} articles.")
                    ids = ",".join(str(article.pk) for article in articles)
                    return redirect(f"{reverse('admin:newsdiff_article_uploaded')}?ids={ids}")
            else:
                status = 400
                if problem := form.keep_for_upload():
                    messages.warning(request, problem)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload articles",
            "form": form,
            "adminform": helpers.AdminForm(form, self._upload_fieldsets(form), {}),
            "preview": preview,
        }
        return TemplateResponse(
            request, "admin/newsdiff/article/upload.html", context, status=status
        )

    @staticmethod
    def _upload_fieldsets(form: ArticleUploadForm) -> list:
        text = {"fields": ["text", "text_is_html", "files", "url"]}
        if form.kept_names:
            text = {
                "fields": ["text", "text_is_html", "files", "keep_files", "url"],
                "description": format_html(
                    '<p class="newsdiff-kept">Files kept from the form you sent: {}.</p>',
                    ", ".join(form.kept_names),
                ),
            }
        return [
            ("1. Who published it", {"fields": ["source", ("new_source", "new_source_kind")]}),
            ("2. Which event it reports", {"fields": ["story", "new_story"]}),
            ("3. The text", text),
        ]

    def uploaded_view(self, request):
        """Where an upload lands: each new article with what to do next, first of all
        comparing it with the other reports of its story."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        ids = [int(i) for i in request.GET.get("ids", "").split(",") if i.isdigit()][:50]
        articles = list(
            Article.objects.for_listing().filter(pk__in=ids).order_by("source__name", "pk")
        )
        if not articles:
            return redirect("admin:newsdiff_article_changelist")
        story_ids = {a.story_id for a in articles if a.story_id}
        reports = Article.objects.for_listing().filter(story_id__in=story_ids)
        by_story: dict[int, list[Article]] = {}
        for report in reports.order_by("source__name", "pk"):
            by_story.setdefault(report.story_id, []).append(report)
        rows = [
            (article, [r for r in by_story.get(article.story_id, []) if r.pk != article.pk])
            for article in articles
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Uploaded" if len(articles) == 1 else f"Uploaded {len(articles)} articles",
            "rows": rows,
            "stories": sorted({a.story for a in articles if a.story}, key=lambda s: s.title),
        }
        return TemplateResponse(request, "admin/newsdiff/article/uploaded.html", context)

    def _save_uploads(self, request, form: ArticleUploadForm) -> list[Article]:
        data = form.cleaned_data
        # Segmented before the write transaction: on SQLite it locks the whole database.
        segmented = [pipeline.segment_cleaned(item.cleaned) for item in form.pending]
        with transaction.atomic():
            story = data.get("story")
            if not story and data.get("new_story", "").strip():
                story = pipeline.story_for(data["new_story"].strip())
            source = data.get("source") or pipeline.source_for(
                data["new_source"].strip(), data.get("new_source_kind") or Source.Kind.NEWSPAPER
            )
            return [
                pipeline.save_article(
                    item.cleaned,
                    source=source,
                    story=story,
                    url=data.get("url") or "",
                    input_format=item.input_format,
                    filename=item.filename,
                    user=request.user,
                    sentences=sentences,
                )
                for item, sentences in zip(form.pending, segmented, strict=True)
            ]


@admin.register(LexiconEntry)
class LexiconEntryAdmin(admin.ModelAdmin):
    list_display = ["term", "list", "family", "kind", "active", "source"]
    list_editable = ["active"]
    list_filter = ["list", "kind", "active", "source"]
    search_fields = ["term", "family", "note"]


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ["short_id", "left_label", "right_label", "engine_version", "created_at"]
    search_fields = ["short_id", "left_label", "right_label"]
    readonly_fields = [
        "short_id",
        "left_article",
        "right_article",
        "left_hash",
        "right_hash",
        "engine_version",
        "left_label",
        "right_label",
        "created_by",
        "created_at",
        permalink,
    ]
    exclude = ["result"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
    list_display = ["short_id", "label", "status", coverage_outlets, "engine_version", "created_at"]
    list_filter = ["status"]
    search_fields = ["short_id", "label", "story__title"]
    list_select_related = ["story"]
    fields = [
        permalink,
        "story",
        "label",
        "status",
        "error",
        "attempts",
        "article_ids",
        "engine_version",
        "sentence_count",
        "summary",
        "created_by",
        "created_at",
        "finished_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("result")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
