"""The staff article page: corrections are held to the upload size limit."""

import pytest
from django.urls import reverse

from tests.factories import make_article


@pytest.fixture
def article(db):
    return make_article(body="The talks ended on Monday. Both sides were pleased.")


def change(client, article, **fields):
    form = {
        "source": article.source_id,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": article.body,
        "language": "en",
        **fields,
    }
    return client.post(reverse("admin:newsdiff_article_change", args=[article.pk]), form)


@pytest.mark.parametrize("field", ["body", "standfirst"])
def test_a_text_over_the_upload_limit_is_refused_with_its_size(
    admin_client, article, settings, field
):
    settings.NEWSDIFF_MAX_UPLOAD_BYTES = 1024 * 1024
    huge = "The talks went on and on. " * 60_000  # 1.5 MB
    response = change(admin_client, article, **{field: huge})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This text is 1.5 MB; newsdiff keeps at most 1 MB for one article." in page
    article.refresh_from_db()
    assert getattr(article, field) != huge
    assert article.sentences.count() == 3


def test_a_text_within_the_limit_is_saved(admin_client, article, settings):
    settings.NEWSDIFF_MAX_UPLOAD_BYTES = 1024 * 1024
    body = "The talks went on and on. " * 30_000  # 0.75 MB
    response = change(admin_client, article, body=body)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body.strip()


def test_the_article_page_offers_to_compare_it(admin_client, article):
    page = admin_client.get(reverse("admin:newsdiff_article_change", args=[article.pk]))
    picker = reverse("newsdiff:compare-picker") + f"?left={article.pk}"
    assert f'<a href="{picker}">Compare with…</a>' in page.content.decode()


def test_deleting_a_long_article_counts_its_sentences_instead_of_listing_them(
    admin_client, seeds, monkeypatch
):
    from newsdiff import pipeline
    from newsdiff.models import Article, Sentence

    long = make_article(body=" ".join(f"Delegate {k} spoke at the summit." for k in range(1200)))
    pipeline.compare_articles(seeds["left"], long)
    count = long.sentences.count()
    assert count > 1200

    def fail(*args, **kwargs):
        raise AssertionError("a sentence was read to list it")

    monkeypatch.setattr(Sentence, "from_db", classmethod(fail))
    url = reverse("admin:newsdiff_article_delete", args=[long.pk])
    page = admin_client.get(url).content.decode()
    assert f"{count:,} sentences" in page and "Delegate 7 spoke" not in page
    assert "Kept: 1 comparison that shows this article" in page
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=long.pk).exists()
    assert not Sentence.objects.filter(article_id=long.pk).exists()


def test_deleting_articles_from_the_list_counts_what_goes(admin_client, db):
    from newsdiff.models import Article

    articles = [make_article(body=f"Talks went on in city {k}. They ended late.") for k in range(3)]
    page = admin_client.post(
        reverse("admin:newsdiff_article_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in articles]},
    ).content.decode()
    counts = [a.sentences.count() for a in articles]
    assert all(f"<li>{n} sentences</li>" in page for n in counts) and "Articles: 3" in page
    assert f"Sentences: {sum(counts)}" in page
    assert Article.objects.count() == 3  # only asked, not yet deleted


def test_deleting_a_story_keeps_its_articles_and_says_so(admin_client, seeds, monkeypatch):
    from newsdiff.models import Article, Coverage, Story

    story = seeds["left"].story
    assert story is not None and seeds["right"].story == story

    def fail(*args, **kwargs):
        raise AssertionError("an article or coverage was read to list it")

    monkeypatch.setattr(Article, "from_db", classmethod(fail))
    monkeypatch.setattr(Coverage, "from_db", classmethod(fail))
    url = reverse("admin:newsdiff_story_delete", args=[story.pk])
    page = admin_client.get(url).content.decode()
    assert "Kept, filed under no story: 2 articles and 0 coverages" in page
    monkeypatch.undo()
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Story.objects.filter(pk=story.pk).exists()
    assert Article.objects.filter(pk=seeds["left"].pk, story=None).exists()
