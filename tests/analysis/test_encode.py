import importlib.util
import json
import os
import shutil
import signal
from pathlib import Path

import numpy as np
import pytest

from newsdiff.analysis import encode
from newsdiff.analysis.encode import EncoderUnavailable


@pytest.fixture(scope="module")
def encoder():
    """The encoder, loaded once for the module (about half a second)."""
    return encode.get_encoder()


def cosine(encoder, a: str, b: str) -> float:
    vectors = encoder.encode([a, b]).vectors
    return float(vectors[0] @ vectors[1])


def test_the_model_gives_its_published_similarities(encoder):
    # sentence-transformers' own example for all-MiniLM-L6-v2: 0.6660 and 0.1046
    assert cosine(encoder, "The weather is lovely today.", "It's so sunny outside!") == (
        pytest.approx(0.666, abs=0.002)
    )
    assert cosine(encoder, "The weather is lovely today.", "He drove to the stadium.") == (
        pytest.approx(0.1046, abs=0.002)
    )


def test_a_rewording_is_closer_than_a_different_fact_told_in_the_same_words(encoder):
    rewording = cosine(
        encoder,
        "The strike could endanger the peace talks.",
        "The attack may jeopardize negotiations on a ceasefire.",
    )
    unrelated = cosine(
        encoder,
        "The strike could endanger the peace talks.",
        "Talks on the new stadium could start next week.",
    )
    assert rewording > unrelated + 0.2


def test_vectors_have_unit_length_and_do_not_depend_on_the_other_texts(encoder):
    texts = ["She died at the hospital.", "Officials said the bridge would reopen on Monday."]
    alone = encoder.encode(texts[:1]).vectors[0]
    together = encoder.encode(texts * 20).vectors
    assert np.linalg.norm(alone) == pytest.approx(1.0, abs=1e-5)
    assert np.allclose(together[0], alone, atol=1e-5)
    assert np.allclose(together[-2], alone, atol=1e-5)


def test_stored_vectors_stay_valid_the_encoder_gives_the_vectors_its_model_id_names(encoder):
    # Vectors are stored with each sentence under encode.MODEL_ID; if this fails, the
    # encoder now makes other vectors and MODEL_ID must change with it.
    pinned = json.loads((Path(__file__).parent / "data" / "encoder_vectors.json").read_text())
    assert pinned["model"] == encode.MODEL_ID
    vectors = encoder.encode(pinned["texts"]).vectors
    assert np.abs(vectors - np.array(pinned["vectors"], dtype=np.float32)).max() <= 1e-5


def test_a_sentences_vector_is_the_same_whatever_is_encoded_beside_it(encoder):
    # sentences of very different lengths, so they are padded in some batches and
    # not in others, and run on different threads
    texts = [
        ("The council voted to close the library on Sundays. " * (1 + i % 7)).strip()
        for i in range(40)
    ] + ["Yes.", "Police said the march was calm and that no one had been arrested."]
    together = encoder.encode(texts).vectors
    alone = np.stack([encoder.encode([t]).vectors[0] for t in texts])
    reordered = encoder.encode(texts[::-1]).vectors[::-1]
    assert np.abs(together - alone).max() <= 1e-5
    assert np.abs(reordered - alone).max() <= 1e-5


def test_batches_cover_every_sentence_once_in_order_and_split_where_padding_is_dear():
    lengths = [8] * 10 + [9] * 5 + [60] * 3 + [120]
    runs = encode.batches(lengths)
    assert [i for run in runs for i in run] == list(range(len(lengths)))
    # the short sentences are not padded to 60 or 120 word pieces
    assert all(len({lengths[i] for i in run}) <= 2 for run in runs)
    assert max(len(run) for run in encode.batches([20] * 100)) <= encode.MAX_BATCH
    assert encode.batches([]) == []


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_encoding_still_works_in_a_forked_child(encoder):
    encoder.encode(["Warm the pool in the parent."])
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its parent's threads did not come along
        try:
            signal.alarm(30)  # a child stuck waiting for them dies and sends nothing
            vector = encoder.encode(["She died at the hospital."]).vectors[0]
            os.write(write, vector.tobytes())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    expected = encoder.encode(["She died at the hospital."]).vectors[0]
    assert np.allclose(np.frombuffer(data, dtype=np.float32), expected, atol=1e-6)


def test_empty_text_gets_a_zero_vector_and_long_text_is_reported_cut(encoder):
    long = "The minister said the plan would work. " * 30
    encoded = encoder.encode(["", "Yes.", long])
    assert not encoded.vectors[0].any()
    assert encoded.vectors[1].any()
    assert encoded.truncated == (2,)


def test_missing_weights_package_is_one_clear_line(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(EncoderUnavailable) as caught:
        encode.model_files()
    message = str(caught.value)
    assert "\n" not in message and "make venv" in message and encode.WEIGHTS_PACKAGE in message


def test_altered_weights_are_refused(tmp_path, monkeypatch):
    weights, tokenizer = encode.model_files()
    fake = tmp_path / "model"
    fake.mkdir()
    shutil.copy(tokenizer, fake / "tokenizer.json")
    (fake / "model.safetensors").write_bytes(b"not the weights")
    monkeypatch.setattr(
        encode, "model_files", lambda: (fake / "model.safetensors", fake / "tokenizer.json")
    )
    with pytest.raises(EncoderUnavailable, match="sha256 differs"):
        encode.build(tmp_path / "cache")


def test_a_cut_short_cached_graph_is_not_used(encoder, tmp_path):
    shutil.copy(encoder.graph.parent / "manifest.json", tmp_path / "manifest.json")
    (tmp_path / encoder.graph.name).write_bytes(encoder.graph.read_bytes()[:1000])
    assert encode._cached_graph(encoder.graph.parent) == encoder.graph
    assert encode._cached_graph(tmp_path) is None
