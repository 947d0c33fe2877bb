from django.apps import AppConfig


class NewsdiffConfig(AppConfig):
    name = "newsdiff"
    verbose_name = "newsdiff"

    def ready(self) -> None:
        from newsdiff import checks  # noqa: F401  (registers the system checks)
