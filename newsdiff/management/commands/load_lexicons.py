"""Bring the LexiconEntry table up to date with the shipped framing lexicons."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from newsdiff.lexicon_data import entries_from_files, plan_sync
from newsdiff.models import LexiconEntry


class Command(BaseCommand):
    help = (
        "Load newsdiff/lexicons/ into the LexiconEntry table: add the entries it lacks and "
        "fill blank kinds and notes. Staff edits are kept unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also replace kinds and notes that differ from the shipped lists.",
        )

    @transaction.atomic
    def handle(self, *args, overwrite: bool = False, **options):
        existing = LexiconEntry.objects.values("pk", "list", "term", "family", "kind", "note")
        new, updates = plan_sync(existing, entries_from_files(), overwrite=overwrite)
        LexiconEntry.objects.bulk_create(LexiconEntry(**entry) for entry in new)
        now = timezone.now()  # a new edit time tells running processes to reload
        for pk, fields in updates.items():
            LexiconEntry.objects.filter(pk=pk).update(**fields, updated_at=now)
        self.stdout.write(
            f"Lexicons: {len(new)} entries added, {len(updates)} updated, "
            f"{LexiconEntry.objects.count()} in all."
        )
