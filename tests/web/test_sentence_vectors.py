"""Sentence vectors: made at once for a short article, by the worker for a long one."""

import pytest

from newsdiff import pipeline
from newsdiff.analysis import encode
from newsdiff.models import Sentence
from tests.factories import make_article


def _long_body(n: int) -> str:
    return " ".join(f"Officials in district {k} counted {k} ballots on Monday." for k in range(n))


def test_a_short_article_is_saved_with_its_vectors(db):
    article = make_article()
    assert all(s.embedding_model == encode.MODEL_ID for s in article.sentences.all())


def test_a_long_article_is_saved_at_once_and_encoded_by_the_worker(
    db, task_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(body=_long_body(pipeline.INLINE_ENCODE_SENTENCES + 20))
    sentences = Sentence.objects.filter(article=article)
    assert sentences.count() > pipeline.INLINE_ENCODE_SENTENCES
    assert not sentences.exclude(embedding_model="").exists()  # nothing encoded in the request
    assert task_queue() == 1
    assert not sentences.exclude(embedding_model=encode.MODEL_ID).exists()
    assert pipeline.stored_vectors(article).shape[0] == sentences.count()


def test_vectors_of_a_sentence_corrected_while_encoding_are_not_saved(db, monkeypatch):
    article = make_article(body=_long_body(pipeline.INLINE_ENCODE_SENTENCES + 5))
    first = article.sentences.order_by("position").first()
    real = pipeline._fill_vectors

    def corrected_meanwhile(rows):
        real(rows)
        Sentence.objects.filter(pk=first.pk).update(text="A corrected sentence.")

    monkeypatch.setattr(pipeline, "_fill_vectors", corrected_meanwhile)
    pipeline.encode_stored([article.pk])
    first.refresh_from_db()
    assert first.embedding_model == ""  # its vector was of the old text
    assert article.sentences.exclude(embedding_model=encode.MODEL_ID).count() == 1


def test_a_long_article_is_encoded_in_chunks_and_a_stopped_worker_keeps_what_it_did(
    db, monkeypatch
):
    article = make_article(body=_long_body(pipeline.INLINE_ENCODE_SENTENCES + 5))
    monkeypatch.setattr(pipeline, "ENCODE_CHUNK_SENTENCES", 100)
    real, calls = pipeline._fill_vectors, []

    def stopped_on_the_third_chunk(rows):
        calls.append(len(rows))
        if len(calls) == 3:
            raise MemoryError
        real(rows)

    monkeypatch.setattr(pipeline, "_fill_vectors", stopped_on_the_third_chunk)
    with pytest.raises(MemoryError):
        pipeline.encode_stored([article.pk])
    encoded = article.sentences.filter(embedding_model=encode.MODEL_ID)
    assert calls[:2] == [100, 100] and encoded.count() == 200  # two chunks saved

    monkeypatch.setattr(pipeline, "_fill_vectors", real)
    assert pipeline.encode_stored([article.pk]) == article.sentences.count() - 200
    assert pipeline.stored_vectors(article) is not None


def test_a_long_encoding_lets_a_comparison_asked_meanwhile_go_first(
    db, settings, task_queue, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.NEWSDIFF_INLINE_SENTENCES = 5  # the comparison goes to the worker
    monkeypatch.setattr(pipeline, "ENCODE_CHUNK_SENTENCES", 100)
    monkeypatch.setattr(pipeline, "ENCODE_TURN_SENTENCES", 100)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(body=_long_body(pipeline.INLINE_ENCODE_SENTENCES + 5))
    assert task_queue(max_tasks=1) == 1  # one turn of the encoding task
    encoded = article.sentences.filter(embedding_model=encode.MODEL_ID)
    assert encoded.count() == 100

    other = make_article(headline="Another report")
    with django_capture_on_commit_callbacks(execute=True):
        comparison = pipeline.request_comparison(article, other)
    assert comparison.status == "queued"
    waiting = DBTaskResult.objects.ready().get_locked()
    assert waiting.task_path.endswith("make_comparison")  # before the rest of the encoding
    task_queue()
    comparison.refresh_from_db()
    assert comparison.status == "done"
    assert not article.sentences.exclude(embedding_model=encode.MODEL_ID).exists()
