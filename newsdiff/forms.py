"""Forms: the admin upload form and the public comparison picker."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

from newsdiff.analysis import clean
from newsdiff.analysis.types import CleanedText
from newsdiff.models import Article, Source, Story
from newsdiff.pipeline import find_duplicate


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files at once (or none)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # Empty files reach clean_upload, whose message says what to do about them.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


@dataclass
class PendingArticle:
    """One upload, cleaned and checked, ready to be saved."""

    label: str  # "pasted text" or the file name
    cleaned: CleanedText
    input_format: str
    filename: str = ""


class ArticleUploadForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Source.objects.order_by("name"),
        help_text="The outlet that published the article(s).",
    )
    story = forms.ModelChoiceField(
        queryset=Story.objects.order_by("title"),
        required=False,
        help_text="The event the article reports, if it is already in newsdiff.",
    )
    new_story = forms.CharField(
        max_length=300,
        required=False,
        label="Or start a new story",
        help_text="A short title for the event, e.g. “Wang Yi visits Moscow, September 2023”.",
    )
    url = forms.URLField(
        max_length=1000,
        required=False,
        label="Original URL",
        help_text="Where the article was published (only for a single article).",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        required=False,
        label="Paste the article",
        strip=False,
        help_text="Paste the whole page text; newsdiff removes menus, appeals and log-in prompts.",
    )
    text_is_html = forms.BooleanField(required=False, label="The pasted text is HTML source")
    files = MultipleFileField(
        required=False,
        label="Or upload files",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_mb = settings.NEWSDIFF_MAX_UPLOAD_BYTES // (1024 * 1024)
        help_text = f"One or more .txt or .html files (at most {limit_mb} MB each)."
        self.fields["files"].help_text = help_text
        self.pending: list[PendingArticle] = []

    def _clean_one(self, label: str, make) -> CleanedText | None:
        try:
            return make()
        except clean.CleaningError as err:
            self.add_error(None, f"{label}: {err}")
            return None

    def clean(self):
        data = super().clean()
        text: str = data.get("text") or ""
        files = data.get("files") or []
        if not text.strip() and not files:
            if text:
                self.add_error("text", "The pasted text is empty: it contains only spaces.")
            else:
                raise forms.ValidationError("Paste an article or choose at least one file.")
            return data
        if data.get("story") and data.get("new_story", "").strip():
            self.add_error("new_story", "Choose an existing story or name a new one, not both.")
        if data.get("url") and len(files) + bool(text.strip()) > 1:
            self.add_error("url", "A URL can only be given when you upload a single article.")
        max_bytes = settings.NEWSDIFF_MAX_UPLOAD_BYTES
        total = len(text.encode("utf-8")) + sum(upload.size for upload in files)
        if total > settings.NEWSDIFF_MAX_UPLOAD_BATCH_BYTES:
            raise forms.ValidationError(
                f"These uploads add up to {total / 1_048_576:.1f} MB; newsdiff reads at most "
                f"{settings.NEWSDIFF_MAX_UPLOAD_BATCH_BYTES / 1_048_576:.0f} MB at a time. "
                "Upload them in smaller groups."
            )
        if text.strip():
            if len(text.encode("utf-8")) > max_bytes:
                self.add_error("text", clean.size_message(max_bytes))
                cleaned = None
            elif data.get("text_is_html"):
                cleaned = self._clean_one("Pasted HTML", lambda: clean.clean_html(text))
            else:
                cleaned = self._clean_one("Pasted text", lambda: clean.clean_text(text))
            fmt = Article.Format.HTML if data.get("text_is_html") else Article.Format.PASTE
            if cleaned:
                self.pending.append(PendingArticle("Pasted text", cleaned, fmt))
        for upload in files:
            name = upload.name or "file"
            if upload.size > max_bytes:
                self.add_error("files", f"{name}: {clean.size_message(max_bytes)}")
                continue
            raw = upload.read()
            cleaned = self._clean_one(
                name,
                lambda raw=raw, upload=upload: clean.clean_upload(
                    raw,
                    filename=upload.name or "",
                    content_type=upload.content_type or "",
                    max_bytes=max_bytes,
                ),
            )
            if cleaned:
                fmt = Article.Format.HTML if cleaned.raw_html else Article.Format.TEXT
                self.pending.append(PendingArticle(name, cleaned, fmt, filename=name))
        self._check_duplicates(data.get("source"))
        return data

    def _check_duplicates(self, source: Source | None) -> None:
        if source is None:
            return
        seen: dict[str, str] = {}
        for item in self.pending:
            if item.cleaned.raw in seen:
                self.add_error(None, f"{item.label} has the same text as {seen[item.cleaned.raw]}.")
                continue
            seen[item.cleaned.raw] = item.label
            existing = find_duplicate(source, item.cleaned.raw)
            if existing:
                self.add_error(
                    None,
                    format_html(
                        "{}: this text from {} is already in newsdiff as "
                        '<a href="{}">{}</a>. Open the existing article instead.',
                        item.label,
                        source.name,
                        reverse("admin:newsdiff_article_change", args=[existing.pk]),
                        existing.headline or f"article {existing.pk}",
                    ),
                )
        url = self.cleaned_data.get("url")
        if url and Article.objects.filter(source=source, url=url).exists():
            self.add_error("url", f"{source.name} already has an article with this URL.")


class CompareForm(forms.Form):
    """Two articles to compare (ids in the query string: /compare/?left=1&right=2)."""

    left = forms.IntegerField(min_value=1, label="First report")
    right = forms.IntegerField(min_value=1, label="Second report")

    def clean(self):
        data = super().clean()
        if data.get("left") and data.get("left") == data.get("right"):
            raise forms.ValidationError(
                "That is the same article twice. Choose two different reports of the event."
            )
        return data
