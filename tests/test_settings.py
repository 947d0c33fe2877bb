import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _settings_with(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import newsdiff.settings"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_default_secret_key_is_refused_when_debug_is_off():
    result = _settings_with({"DEBUG": "0", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_bad_boolean_is_a_clear_error():
    result = _settings_with({"DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def test_analysis_imports_without_django():
    code = (
        "import sys, newsdiff.analysis, newsdiff.analysis.clean, newsdiff.analysis.segment;"
        "import pkgutil, importlib;"
        "[importlib.import_module('newsdiff.analysis.' + m.name)"
        " for m in pkgutil.iter_modules(newsdiff.analysis.__path__)];"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')],"
        " sorted(m for m in sys.modules if m.startswith('django'))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_embedded_sqlite_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    """Readers never wait for a writer, and a writer waits its turn instead of failing
    with "database is locked" (a fresh process with the default settings)."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsdiff.settings'; "
        "django.setup(); from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA busy_timeout').fetchone()[0], connection.transaction_mode)"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["wal", "30000", "IMMEDIATE"], result.stderr
