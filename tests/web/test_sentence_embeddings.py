import numpy as np
import pytest

from newsdiff import pipeline
from newsdiff.analysis import encode
from tests.factories import make_article

pytestmark = pytest.mark.django_db

LEFT = "Tara Reid checked into Promises Treatment Center, her rep told People."
RIGHT = "Tara Reid has entered rehab, her representative said."


def test_saved_sentences_keep_their_vector_and_its_encoder():
    article = make_article(body=LEFT, headline="Tara Reid in rehab")
    rows = list(article.sentences.all())
    assert rows and all(r.embedding_model == encode.MODEL_ID for r in rows)
    vectors = pipeline.stored_vectors(article)
    fresh = encode.get_encoder().encode([r.text for r in rows]).vectors
    assert vectors.shape == (len(rows), encode.DIMENSIONS)
    assert np.allclose(vectors, fresh, atol=1e-5)


def test_comparing_two_stored_articles_encodes_nothing(monkeypatch):
    left = make_article(body=LEFT, headline="Tara Reid in rehab")
    right = make_article(body=RIGHT, headline="Actress enters treatment")
    expected = pipeline.compare.compare_sentences(
        pipeline.analysis_sentences(left), pipeline.analysis_sentences(right)
    )

    def refuse(self, texts):
        raise AssertionError("encoded during a comparison of stored articles")

    monkeypatch.setattr(encode.Encoder, "encode", refuse)
    result = pipeline.compare_articles(left, right).result
    assert [(p["left"], p["right"], p["evidence"]) for p in result["pairs"]] == [
        (p["left"], p["right"], p["evidence"]) for p in expected["pairs"]
    ]


def test_vectors_from_another_encoder_are_not_used():
    article = make_article(body=LEFT, headline="Tara Reid in rehab")
    article.sentences.update(embedding_model="some-other-model")
    assert pipeline.stored_vectors(article) is None
