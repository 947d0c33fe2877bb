"""Load the shipped framing lexicons into LexiconEntry so staff can edit them."""

from django.db import migrations


def load(apps, schema_editor):
    from newsdiff.lexicon_data import entries_from_files

    LexiconEntry = apps.get_model("newsdiff", "LexiconEntry")
    existing = set(LexiconEntry.objects.values_list("list", "term", "family"))
    LexiconEntry.objects.bulk_create(
        LexiconEntry(**entry)
        for entry in entries_from_files()
        if (entry["list"], entry["term"], entry["family"]) not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("newsdiff", "0002_lexicon_entry")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
