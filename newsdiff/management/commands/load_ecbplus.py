"""Import the ECB+ corpus: 982 news articles about 86 events (idempotent)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from newsdiff import pipeline
from newsdiff.analysis import clean, ecbplus
from newsdiff.models import Article, Sentence, Source, Story, content_hash

UNKNOWN_OUTLET = "Outlet not recorded (ECB corpus)"
# Second-level labels under which a registrable domain has three parts
# (news.bbc.co.uk -> bbc.co.uk).
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}


def outlet_host(domain: str | None) -> str:
    """The outlet's registrable domain: 'articles.latimes.com' -> 'latimes.com'."""
    if not domain:
        return ""
    parts = domain.lower().strip(".").split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


class Command(BaseCommand):
    help = "Import the ECB+ corpus (articles, sources from URL hosts, one story per event)."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            nargs="?",
            default=str(settings.NEWSDIFF_SHARED_DIR / "data" / "ecbplus"),
            help="Folder holding ecbplus_docs.jsonl (default: ../shared/data/ecbplus).",
        )

    def handle(self, *args, folder: str, **options):
        started = time.perf_counter()
        path = Path(folder)
        if not (path / ecbplus.DOCS_FILE).exists():
            raise CommandError(f"No {ecbplus.DOCS_FILE} in {path}.")
        docs = list(ecbplus.read_documents(path))
        with transaction.atomic():
            counts = self._import(docs)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            "ECB+: {articles} articles ({new} new), {stories} stories, {sources} sources, "
            "{sentences} sentences in {secs:.1f} s.".format(secs=elapsed, **counts)
        )

    def _import(self, docs: list[ecbplus.EcbDocument]) -> dict[str, int]:
        attribution = f"{ecbplus.ATTRIBUTION}\nLicence: {ecbplus.LICENCE_URL}"
        sources: dict[str, Source] = {}
        for host in sorted({outlet_host(d.domain) for d in docs}):
            name = host or UNKNOWN_OUTLET
            sources[host], _ = Source.objects.update_or_create(
                slug=slugify(name.replace(".", "-")),
                defaults={
                    "name": name,
                    "kind": Source.Kind.ONLINE if host else Source.Kind.OTHER,
                    "homepage": f"https://{host}/" if host else "",
                    "attribution": attribution,
                },
            )
        # The corpus text has no page furniture, but its first lines are often a
        # date or a headline: the cleaner reads them into their fields.
        raws = {doc.doc: "\n\n".join(p for p in (doc.headline, doc.body) if p) for doc in docs}
        cleaned = {doc.doc: clean.clean_text(raws[doc.doc]) for doc in docs}
        stories: dict[str, Story] = {}
        for doc in docs:
            if doc.story_key in stories:
                continue
            title = cleaned[doc.doc].headline or next((s.text for s in doc.sentences), doc.doc)
            summary = f"ECB+ topic {doc.topic}, {doc.subtopic} event. {ecbplus.ATTRIBUTION}"
            stories[doc.story_key], _ = Story.objects.update_or_create(
                slug=f"ecbplus-{doc.topic}-{doc.subtopic}",
                defaults={
                    "title": f"{title[:240]} (ECB+ {doc.topic}{doc.subtopic})",
                    "summary": summary,
                },
            )
        existing = {
            a.original_filename: a
            for a in Article.objects.filter(input_format=Article.Format.CORPUS).only(
                "pk", "original_filename", "content_hash"
            )
        }
        new_articles: list[Article] = []
        urls_seen: set[str] = set()
        for doc in docs:
            url = doc.url or ""
            if url and url in urls_seen:
                # The corpus holds a few different texts of one live-updated page
                # (itv.com, topic 14): tell them apart by a fragment naming the document.
                url = f"{url}#{doc.doc}"
            urls_seen.add(url)
            filename = f"ecbplus/{doc.doc}.xml"
            raw = raws[doc.doc]
            if filename in existing and existing[filename].content_hash == content_hash(raw):
                continue
            if filename in existing:
                existing[filename].delete()
            new_articles.append(
                Article(
                    source=sources[outlet_host(doc.domain)],
                    story=stories[doc.story_key],
                    url=url,
                    raw_text=raw,
                    input_format=Article.Format.CORPUS,
                    original_filename=filename,
                    content_hash=content_hash(raw),
                    **pipeline.cleaned_fields(cleaned[doc.doc]),
                )
            )
        Article.objects.bulk_create(new_articles, batch_size=200)
        sentence_rows = [
            row
            for article in new_articles
            for row in pipeline.sentence_rows(
                article, pipeline.segmented(article.headline, article.standfirst, article.body)
            )
        ]
        Sentence.objects.bulk_create(sentence_rows, batch_size=2000)
        if new_articles:  # sentence vectors are made by the background worker
            from newsdiff.tasks import encode_articles

            ids = [article.pk for article in new_articles]
            transaction.on_commit(lambda: encode_articles.enqueue(ids))
        return {
            "articles": len(docs),
            "new": len(new_articles),
            "stories": len(stories),
            "sources": len(sources),
            "sentences": Sentence.objects.filter(
                article__input_format=Article.Format.CORPUS
            ).count(),
        }
