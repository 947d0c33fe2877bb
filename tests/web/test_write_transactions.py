"""Reading a long text never holds the database's write lock (on SQLite, the whole
database): segmenting runs before the transaction that writes the sentences."""

import pytest
from django.db import connection

from newsdiff import pipeline
from newsdiff.analysis import segment
from tests.factories import make_article, make_source


@pytest.fixture
def segmenting(monkeypatch):
    seen = []
    real = segment.segment_document

    def watched(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(segment, "segment_document", watched)
    return seen


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_segmented_outside_the_write_transaction(segmenting):
    make_article(source=make_source(), body="One sentence here. Another one there.")
    assert segmenting == [False]


@pytest.mark.django_db(transaction=True)
def test_a_correction_is_segmented_outside_the_write_transaction(segmenting):
    article = make_article(body="One sentence here. Another one there.")
    article.body = "One sentence here. A corrected one there."
    article.save()
    pipeline.rebuild_sentences(article)
    pipeline.reclean(article)
    assert segmenting == [False, False, False]


@pytest.mark.django_db(transaction=True)
def test_a_staff_edit_is_segmented_outside_the_write_transaction(segmenting, admin_client):
    from django.urls import reverse

    article = make_article(body="One sentence here. Another one there.")
    url = reverse("admin:newsdiff_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(source=article.source_id, body="One sentence here. A third one there.")
    data.pop("story", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert segmenting[-1] is False and len(segmenting) == 2
