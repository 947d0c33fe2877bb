"""Django system checks: the app refuses to start without what every comparison needs."""

from django.core.checks import Error, register

from newsdiff.analysis import encode


@register()
def sentence_encoder(app_configs, **kwargs) -> list[Error]:
    """The sentence encoder's files are installed (every comparison of English texts
    uses it; without it results would silently change)."""
    found = encode.problem()
    if found is None:
        return []
    return [Error(found, hint="Run `make venv`.", id="newsdiff.E001")]
