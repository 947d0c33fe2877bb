"""Bring existing LexiconEntry tables up to date with the shipped lists.

0003 kept only the first of a term listed in several files, so licensed reporting
verbs lost the core flag and note that our reporting_verbs.tsv gives them; the
lists have also grown. This adds what is missing and fills blank kinds and notes,
never replacing a value staff have set.
"""

from django.db import migrations


def sync(apps, schema_editor):
    from newsdiff.lexicon_data import entries_from_files, plan_sync

    LexiconEntry = apps.get_model("newsdiff", "LexiconEntry")
    existing = LexiconEntry.objects.values("pk", "list", "term", "family", "kind", "note")
    new, updates = plan_sync(existing, entries_from_files())
    LexiconEntry.objects.bulk_create(LexiconEntry(**entry) for entry in new)
    for pk, fields in updates.items():
        LexiconEntry.objects.filter(pk=pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [("newsdiff", "0003_load_lexicons")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
