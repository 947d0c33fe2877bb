"""Load the seed reports in seeds/ (idempotent: running it twice changes nothing)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from newsdiff import pipeline
from newsdiff.analysis import clean
from newsdiff.models import Article, Source, Story

SEED_DIR = settings.BASE_DIR / "seeds"
KINDS = {
    "newspaper": Source.Kind.NEWSPAPER,
    "wire agency": Source.Kind.WIRE,
    "broadcaster": Source.Kind.BROADCASTER,
    "online": Source.Kind.ONLINE,
}


def _source(spec: dict) -> Source:
    source, _ = Source.objects.update_or_create(
        slug=slugify(spec["name"]),
        defaults={
            "name": spec["name"],
            "kind": KINDS.get(spec.get("kind", ""), Source.Kind.OTHER),
            "country": spec.get("country", ""),
            "description": spec.get("note", ""),
        },
    )
    return source


class Command(BaseCommand):
    help = "Load the seed reports from seeds/seeds.json. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--folder", default=str(SEED_DIR), help="Folder with seeds.json.")

    @transaction.atomic
    def handle(self, *args, folder: str, **options):
        folder_path = Path(folder)
        try:
            manifest = json.loads((folder_path / "seeds.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise CommandError(f"Cannot read {folder_path / 'seeds.json'}: {err}") from err
        story = None
        if spec := manifest.get("story"):
            story, _ = Story.objects.update_or_create(
                slug=spec["slug"],
                defaults={"title": spec["title"], "summary": spec.get("summary", "")},
            )
        created = unchanged = updated = 0
        for entry in manifest["articles"]:
            source = _source(entry["source"])
            raw = (folder_path / entry["file"]).read_bytes()
            cleaned = clean.clean_upload(raw, filename=entry["file"])
            existing = Article.objects.filter(
                source=source, original_filename=entry["file"]
            ).first()
            if existing is None:
                article = pipeline.save_article(
                    cleaned,
                    source=source,
                    story=story,
                    input_format=Article.Format.TEXT,
                    filename=entry["file"],
                )
                created += 1
            elif existing.raw_text != cleaned.raw:
                existing.raw_text = cleaned.raw
                existing.save()
                article = pipeline.reclean(existing)
                updated += 1
            else:
                article = existing
                unchanged += 1
            if wire := entry.get("wire_agency"):
                agency = _source(wire)
                if article.wire_agency_id != agency.pk:
                    article.wire_agency = agency
                    article.save(update_fields=["wire_agency"])
        self.stdout.write(
            f"Seeds: {created} created, {updated} updated, {unchanged} unchanged "
            f"({Article.objects.count()} articles in all)."
        )
