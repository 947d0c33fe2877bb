from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    """The shared page cache lives in a table (settings.CACHES) when no Redis is set."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("newsdiff", "0005_comparison_status")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
