"""Request type and the responses views share: the redirect after a POST, and the
pages and exports of a result still being made (a comparison, a coverage)."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django_htmx.middleware import HtmxDetails

from newsdiff import pipeline
from newsdiff.models import BackgroundWork, WorkStatus


class HtmxRequest(HttpRequest):
    """An HttpRequest that went through django-htmx's middleware."""

    htmx: HtmxDetails


def see_other(url: str) -> HttpResponse:
    """The redirect after a POST (303: the browser then GETs the page)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def pending(request: HtmxRequest, row: BackgroundWork, template: str) -> HttpResponse:
    """A result still being made (or failed): what is happening, refreshed by htmx
    every few seconds (a <noscript> refresh without JavaScript) until it is done.
    htmx's poll gets only the progress box (newsdiff/_progress.html)."""
    row = pipeline.recover_if_stalled(row)
    if row.is_done:
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return redirect(row)
    context = {
        "row": row,
        "noun": row._meta.verbose_name,
        "waited": (timezone.now() - row.created_at).total_seconds(),
        "expected": pipeline.expected_seconds(row),
        "poll_seconds": 2,
    }
    response = render(request, "newsdiff/_progress.html" if request.htmx else template, context)
    response["Cache-Control"] = "no-store"
    return response


def not_ready(row: BackgroundWork, *, as_json: bool) -> HttpResponse:
    """An export asked for before its result is made: 202 with when to ask again (or
    409 once it has failed)."""
    row = pipeline.recover_if_stalled(row)
    body = {
        "status": row.status,
        "short_id": row.short_id,
        "message": row.error
        or f"The {row._meta.verbose_name} is still being made. Ask again in a few seconds.",
    }
    status = 409 if row.status == WorkStatus.FAILED else 202
    if as_json:
        response = JsonResponse(body, status=status)
    else:
        response = HttpResponse(body["message"], status=status, content_type="text/plain")
    if status == 202:
        response["Retry-After"] = "2"
    response["Cache-Control"] = "no-store"
    return response


def json_download(result: dict, filename: str) -> HttpResponse:
    """A stored result as a JSON file to download."""
    response = JsonResponse(result, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
