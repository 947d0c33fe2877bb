from django.contrib import admin
from django.urls import include, path, register_converter

from newsdiff import coverage_views, views
from newsdiff.models import SHORT_ID_ALPHABET, SHORT_ID_LENGTH


class ShortIdConverter:
    """Comparison and coverage ids: our alphabet and length only, so a tampered id is a
    plain 404."""

    regex = f"[{SHORT_ID_ALPHABET}]{{{SHORT_ID_LENGTH}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ShortIdConverter, "shortid")

app_name = "newsdiff"

newsdiff_patterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("stories/", views.story_list, name="story-list"),
    path("stories/<slug:slug>/", views.story_detail, name="story-detail"),
    path("stories/<slug:slug>/coverage/", coverage_views.story_coverage, name="story-coverage"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/raw/", views.article_raw, name="article-raw"),
    path("compare/", views.compare_start, name="compare"),
    path("compare/pick/", views.compare_picker, name="compare-picker"),
    path("c/<shortid:short_id>/", views.comparison_detail, name="comparison-detail"),
    path("c/<shortid:short_id>/retry/", views.comparison_retry, name="comparison-retry"),
    path("c/<shortid:short_id>.json", views.comparison_json, name="comparison-json"),
    path("c/<shortid:short_id>.csv", views.comparison_csv, name="comparison-csv"),
    path("v/<shortid:short_id>/", coverage_views.coverage_detail, name="coverage-detail"),
    path("v/<shortid:short_id>/retry/", coverage_views.coverage_retry, name="coverage-retry"),
    path("v/<shortid:short_id>.json", coverage_views.coverage_json, name="coverage-json"),
    path("v/<shortid:short_id>.csv", coverage_views.coverage_csv, name="coverage-csv"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include((newsdiff_patterns, "newsdiff"))),
]

handler400 = "newsdiff.views.bad_request"
