from django.contrib import admin
from django.urls import include, path

from newsdiff import views

app_name = "newsdiff"

newsdiff_patterns = [
    path("", views.home, name="home"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("stories/", views.story_list, name="story-list"),
    path("stories/<slug:slug>/", views.story_detail, name="story-detail"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/raw/", views.article_raw, name="article-raw"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include((newsdiff_patterns, "newsdiff"))),
]
