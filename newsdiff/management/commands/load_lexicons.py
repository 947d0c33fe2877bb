"""Add the shipped framing lexicon entries that the database lacks (staff edits are kept)."""

from django.core.management.base import BaseCommand

from newsdiff.lexicon_data import entries_from_files
from newsdiff.models import LexiconEntry


class Command(BaseCommand):
    help = "Load newsdiff/lexicons/ into the LexiconEntry table; existing entries are kept."

    def handle(self, *args, **options):
        existing = set(LexiconEntry.objects.values_list("list", "term", "family"))
        new = [
            LexiconEntry(**entry)
            for entry in entries_from_files()
            if (entry["list"], entry["term"], entry["family"]) not in existing
        ]
        LexiconEntry.objects.bulk_create(new)
        self.stdout.write(
            f"Lexicons: {len(new)} entries added, {LexiconEntry.objects.count()} in all."
        )
