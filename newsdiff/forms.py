"""Forms: the admin upload form and the public comparison picker."""

from __future__ import annotations

import base64
import binascii
import zlib
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import format_html

from newsdiff.analysis import clean
from newsdiff.analysis.types import CleanedText
from newsdiff.models import Article, Source, Story
from newsdiff.pipeline import (
    COVERAGE_MAX_REPORTS,
    COVERAGE_MIN_REPORTS,
    find_duplicate,
    same_text,
)


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


@dataclass(frozen=True)
class ChosenFile:
    """A file as chosen in the upload form, or as kept from its preview."""

    name: str
    content_type: str
    data: bytes


KEPT_FILES_SALT = "newsdiff.upload.kept-files"
KEPT_FILES_MAX_AGE = 24 * 3600  # a preview left open overnight still uploads


def sign_kept_files(files: list[ChosenFile]) -> str:
    """The chosen files as one signed token, so Upload can use the files that were
    previewed: a browser never sends a file input's choice again."""
    payload = [
        [f.name, f.content_type, base64.b64encode(zlib.compress(f.data)).decode("ascii")]
        for f in files
    ]
    return signing.dumps(payload, salt=KEPT_FILES_SALT)


def unsign_kept_files(token: str, max_bytes: int) -> list[ChosenFile]:
    """The files in a token made by ``sign_kept_files``; ``ValueError`` when the
    token was changed, has expired or is not ours."""
    try:
        payload = signing.loads(token, salt=KEPT_FILES_SALT, max_age=KEPT_FILES_MAX_AGE)
        files = []
        for name, content_type, data in payload:
            inflate = zlib.decompressobj()
            raw = inflate.decompress(base64.b64decode(data, validate=True), max_bytes + 1)
            files.append(ChosenFile(str(name), str(content_type), raw))
        return files
    except (signing.BadSignature, ValueError, TypeError, binascii.Error, zlib.error) as err:
        raise ValueError("not a token of kept files") from err


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
        required=False,
        label="Outlet",
        help_text="The outlet that published the article(s).",
    )
    new_source = forms.CharField(
        max_length=200,
        required=False,
        label="Or add a new outlet",
        help_text="Its name as readers know it, e.g. “The Guardian”. It is added when you upload.",
    )
    new_source_kind = forms.ChoiceField(
        choices=Source.Kind.choices,
        initial=Source.Kind.NEWSPAPER,
        required=False,
        label="Kind of outlet",
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
    keep_files = forms.BooleanField(
        required=False,
        label="Upload the kept files",
        help_text="Untick to leave them out. Files you choose again replace them.",
    )
    kept_files = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = settings.NEWSDIFF_MAX_UPLOAD_BYTES
        limit_mb = self.max_bytes // (1024 * 1024)
        help_text = f"One or more .txt or .html files (at most {limit_mb} MB each)."
        self.fields["files"].help_text = help_text
        self.pending: list[PendingArticle] = []
        self.chosen_files: list[ChosenFile] = []
        self.kept_names: list[str] = []
        self._kept: list[ChosenFile] | None = []  # None: the token could not be read
        token = self.data.get("kept_files", "") if self.is_bound else ""
        if token:
            try:
                self._kept = unsign_kept_files(token, self.max_bytes)
                self.kept_names = [f.name for f in self._kept]
            except ValueError:
                self._kept = None

    def keep_for_upload(self) -> str:
        """After a preview, or a problem elsewhere in the form: carry the files that
        could be read to the next press of a button. Returns a message when they are
        too large to carry, else an empty string."""
        if not self.chosen_files:
            return ""
        token = sign_kept_files(self.chosen_files)
        # The token travels as a form field; with the pasted text (itself at most
        # max_bytes) it stays within DATA_UPLOAD_MAX_MEMORY_SIZE (twice max_bytes).
        if len(token) > self.max_bytes:
            return (
                "These files are too large to keep between Preview and Upload: "
                "choose them again before you press Upload."
            )
        self.data = self.data.copy()
        self.data["kept_files"] = token
        self.data["keep_files"] = "on"
        self.kept_names = [f.name for f in self.chosen_files]
        return ""

    def _clean_one(self, label: str, make) -> CleanedText | None:
        try:
            return make()
        except clean.CleaningError as err:
            self.add_error(None, f"{label}: {err}")
            return None

    def _files_to_read(self, data: dict) -> list[ChosenFile]:
        """The files chosen now or, when none are, those kept from the preview."""
        chosen = []
        for upload in data.get("files") or []:
            name = upload.name or "file"
            if upload.size > self.max_bytes:
                self.add_error("files", f"{name}: {clean.size_message(self.max_bytes)}")
                continue
            chosen.append(ChosenFile(name, upload.content_type or "", upload.read()))
        if chosen or self.errors.get("files") or not data.get("keep_files"):
            return chosen
        if self._kept is None:
            self.add_error(
                "files",
                "The files kept from the preview could not be read (the page is more than a "
                "day old, or was changed). Choose the files again.",
            )
            return []
        return self._kept

    def _clean_source(self, data: dict) -> None:
        new_source = data.get("new_source", "").strip()
        if data.get("source") and new_source:
            self.add_error("new_source", "Choose an outlet from the list or add one, not both.")
        elif not data.get("source") and not new_source:
            self.add_error("source", "Choose the outlet that published it, or add a new one.")
        elif new_source:
            # An outlet that is already in newsdiff under this name is that outlet.
            data["source"] = Source.objects.filter(name__iexact=new_source).first()

    def clean(self):
        data = super().clean()
        self._clean_source(data)
        text: str = data.get("text") or ""
        files = self._files_to_read(data)
        if not text.strip() and not files:
            if text:
                self.add_error("text", "The pasted text is empty: it contains only spaces.")
            elif not self.errors.get("files"):
                raise forms.ValidationError("Paste an article or choose at least one file.")
            return data
        if data.get("story") and data.get("new_story", "").strip():
            self.add_error("new_story", "Choose an existing story or name a new one, not both.")
        if data.get("url") and len(files) + bool(text.strip()) > 1:
            self.add_error("url", "A URL can only be given when you upload a single article.")
        max_bytes = self.max_bytes
        total = len(text.encode("utf-8")) + sum(len(chosen.data) for chosen in files)
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
        for chosen in files:
            cleaned = self._clean_one(
                chosen.name,
                lambda chosen=chosen: clean.clean_upload(
                    chosen.data,
                    filename=chosen.name,
                    content_type=chosen.content_type,
                    max_bytes=max_bytes,
                ),
            )
            if cleaned:
                fmt = Article.Format.HTML if cleaned.raw_html else Article.Format.TEXT
                self.pending.append(PendingArticle(chosen.name, cleaned, fmt, filename=chosen.name))
                self.chosen_files.append(chosen)  # a file it could not read is not kept
        self._check_duplicates(data.get("source"))
        return data

    def _check_duplicates(self, source: Source | None) -> None:
        if source is None:
            return
        seen: dict[object, str] = {}
        for item in self.pending:
            text = tuple(same_text(item.cleaned).values())
            earlier = seen.get(item.cleaned.raw) or seen.get(text)
            if earlier:
                self.add_error(None, f"{item.label} has the same text as {earlier}.")
                continue
            seen[item.cleaned.raw] = seen[text] = item.label
            existing = find_duplicate(source, item.cleaned)
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


class CoverageForm(forms.Form):
    """The reports of one story to read together (checkboxes on the story page)."""

    articles = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Reports",
        error_messages={
            "required": "Choose the reports to read together.",
            "invalid_choice": "One of the chosen reports is not in this story (any more).",
        },
    )

    def __init__(self, *args, story_articles: list[Article], **kwargs):
        super().__init__(*args, **kwargs)
        self.story_articles = {a.pk: a for a in story_articles}
        self.fields["articles"].choices = [(a.pk, str(a)) for a in story_articles]

    def clean_articles(self) -> list[Article]:
        chosen = list(dict.fromkeys(self.cleaned_data["articles"]))
        if len(chosen) < COVERAGE_MIN_REPORTS:
            raise forms.ValidationError(
                "Choose at least two reports: a coverage shows who reports what across outlets."
            )
        if len(chosen) > COVERAGE_MAX_REPORTS:
            raise forms.ValidationError(
                f"Choose at most {COVERAGE_MAX_REPORTS} reports ({len(chosen)} chosen): more "
                "columns than that cannot be read side by side."
            )
        return [self.story_articles[pk] for pk in chosen]
