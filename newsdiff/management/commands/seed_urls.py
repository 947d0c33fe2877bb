"""Print the pages to open after `make run`."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdiff.models import Article, Story


class Command(BaseCommand):
    help = "Print the URLs of the home page and the seed story, articles and comparison."

    def add_arguments(self, parser):
        parser.add_argument("--base", default="http://127.0.0.1:8000")

    def handle(self, *args, base: str, **options):
        base = base.rstrip("/")
        manifest = json.loads((settings.BASE_DIR / "seeds" / "seeds.json").read_text("utf-8"))
        files = [entry["file"] for entry in manifest["articles"]]
        self.stdout.write(f"  Home page:        {base}/")
        story = Story.objects.filter(slug=manifest.get("story", {}).get("slug", "")).first()
        if story:
            self.stdout.write(f"  Seed story:       {base}{story.get_absolute_url()}")
        articles = {
            a.original_filename: a for a in Article.objects.filter(original_filename__in=files)
        }
        for name in files:
            if name in articles:
                article = articles[name]
                self.stdout.write(
                    f"  {article.source.name + ':':<17} {base}{article.get_absolute_url()}"
                )
        self.stdout.write(f"  Admin:            {base}/admin/")
