from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    """An HttpRequest that went through django-htmx's middleware."""

    htmx: HtmxDetails
