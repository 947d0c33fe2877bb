"""Django for a bench script: the database DATABASE_URL names (bench/web_load.sh sets
it), otherwise a throwaway SQLite file, migrated first.

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.django_env import setup_django
    setup_django()  # before any import of the app's models
"""

import os
import tempfile

_THROWAWAY: tempfile.TemporaryDirectory | None = None


def setup_django() -> None:
    global _THROWAWAY
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdiff.settings")
    if "DATABASE_URL" not in os.environ:
        _THROWAWAY = tempfile.TemporaryDirectory()
        os.environ["DATABASE_URL"] = f"sqlite:///{_THROWAWAY.name}/bench.sqlite3"
    import django

    django.setup()
    if _THROWAWAY is not None:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
