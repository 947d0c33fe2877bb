"""Build the sentence encoder's ONNX graph from the model's published weights.

The weights package ships all-MiniLM-L6-v2 as ``model.safetensors`` (a BERT
encoder: 6 layers, 12 heads, 384 dimensions). This module writes the same
computation as an ONNX graph with the onnx helper API, so onnxruntime can run
it on the CPU without torch: embeddings, six transformer layers, the mean of
the token vectors over the attention mask, then unit length. ``encode.py``
calls :func:`build_graph` once, on first load, and keeps the result in a cache
directory; the quantised copy it runs is made from this graph.

Inputs: ``input_ids`` and ``attention_mask`` (int64, batch x tokens).
Output: ``embedding`` (float32, batch x 384), each row of length 1.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

LAYERS = 6
HEADS = 12
HIDDEN = 384
LAYER_NORM_EPS = 1e-12
OPSET = 18


class _Graph:
    """Collects nodes and constant tensors while the graph is written."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        from onnx import helper, numpy_helper

        self.helper = helper
        self.numpy_helper = numpy_helper
        self.weights = weights
        self.nodes: list = []
        self.initializers: list = []
        self._count = 0
        self._constants: set[str] = set()

    def const(self, name: str, value: np.ndarray, once: bool = False) -> str:
        """A constant tensor; ``once``: the same name is defined the first time only."""
        if once and name in self._constants:
            return name
        self._constants.add(name)
        self.initializers.append(self.numpy_helper.from_array(np.asarray(value), name))
        return name

    def weight(self, name: str, transpose: bool = False) -> str:
        value = self.weights[name].astype(np.float32)
        return self.const(name, np.ascontiguousarray(value.T) if transpose else value)

    def op(self, kind: str, inputs: list[str], **attrs: object) -> str:
        self._count += 1
        out = f"{kind.lower()}_{self._count}"
        self.nodes.append(self.helper.make_node(kind, inputs, [out], **attrs))
        return out

    def linear(self, x: str, prefix: str) -> str:
        """x @ W.T + b, the weights of a torch Linear layer."""
        product = self.op("MatMul", [x, self.weight(f"{prefix}.weight", transpose=True)])
        return self.op("Add", [product, self.weight(f"{prefix}.bias")])

    def layer_norm(self, x: str, prefix: str) -> str:
        scale, bias = self.weight(f"{prefix}.weight"), self.weight(f"{prefix}.bias")
        return self.op("LayerNormalization", [x, scale, bias], axis=-1, epsilon=LAYER_NORM_EPS)


SPLIT_HEADS = np.array([0, 0, HEADS, HIDDEN // HEADS], dtype=np.int64)
MERGE_HEADS = np.array([0, 0, HIDDEN], dtype=np.int64)


def _heads(g: _Graph, x: str, prefix: str, perm: list[int]) -> str:
    """Project ``x`` and split the result into attention heads, axes in ``perm`` order."""
    projected = g.linear(x, prefix)
    split = g.op("Reshape", [projected, g.const("split_heads", SPLIT_HEADS, once=True)])
    return g.op("Transpose", [split], perm=perm)


def build_graph(weights: dict[str, np.ndarray], path: Path) -> None:
    """Write the encoder as an ONNX model to ``path``."""
    import onnx
    from onnx import TensorProto, helper

    g = _Graph(weights)
    i64 = np.int64

    # embeddings: word + position + token type 0, then layer norm
    words = g.op("Gather", [g.weight("embeddings.word_embeddings.weight"), "input_ids"], axis=0)
    length = g.op(
        "Gather",
        [g.op("Shape", ["input_ids"]), g.const("one_index", np.array(1, dtype=i64))],
        axis=0,
    )
    positions = g.op(
        "Range",
        [g.const("zero", np.array(0, dtype=i64)), length, g.const("step", np.array(1, i64))],
    )
    position = g.op(
        "Gather", [g.weight("embeddings.position_embeddings.weight"), positions], axis=0
    )
    token_type = g.const(
        "token_type_0", weights["embeddings.token_type_embeddings.weight"][0].astype(np.float32)
    )
    x = g.op("Add", [g.op("Add", [words, position]), token_type])
    x = g.layer_norm(x, "embeddings.LayerNorm")

    # attention bias: 0 where a token is real, a large negative where it is padding
    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = g.op(
        "Mul",
        [
            g.op("Sub", [g.const("one", np.array(1.0, np.float32)), mask]),
            g.const("minus_big", np.array(-10000.0, np.float32)),
        ],
    )
    bias = g.op("Unsqueeze", [bias, g.const("axes_1_2", np.array([1, 2], dtype=i64))])

    scale = g.const("scale", np.array(1.0 / np.sqrt(HIDDEN // HEADS), np.float32))
    for n in range(LAYERS):
        p = f"encoder.layer.{n}"

        q = _heads(g, x, f"{p}.attention.self.query", [0, 2, 1, 3])  # batch, heads, tokens, size
        k = _heads(g, x, f"{p}.attention.self.key", [0, 2, 3, 1])  # batch, heads, size, tokens
        v = _heads(g, x, f"{p}.attention.self.value", [0, 2, 1, 3])
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), bias])
        attended = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
        merged = g.op("Transpose", [attended], perm=[0, 2, 1, 3])
        attended = g.op("Reshape", [merged, g.const("merge_heads", MERGE_HEADS, once=True)])
        x = g.layer_norm(
            g.op("Add", [g.linear(attended, f"{p}.attention.output.dense"), x]),
            f"{p}.attention.output.LayerNorm",
        )
        inner = g.linear(x, f"{p}.intermediate.dense")
        # GELU, exact form: x * (1 + erf(x / sqrt 2)) / 2
        halved = g.op("Mul", [inner, g.const("half", np.array(0.5, np.float32), once=True)])
        scaled = g.op("Div", [inner, g.const("sqrt2", np.sqrt(np.float32(2.0)), once=True)])
        one = g.const("one", np.array(1.0, np.float32), once=True)
        gelu = g.op("Mul", [halved, g.op("Add", [g.op("Erf", [scaled]), one])])
        x = g.layer_norm(
            g.op("Add", [g.linear(gelu, f"{p}.output.dense"), x]), f"{p}.output.LayerNorm"
        )

    # mean of the real tokens' vectors, then unit length
    weights_3d = g.op("Unsqueeze", [mask, g.const("axis_2", np.array([2], dtype=i64))])
    total = g.op(
        "ReduceSum",
        [g.op("Mul", [x, weights_3d]), g.const("axis_1", np.array([1], i64))],
        keepdims=0,
    )
    count = g.op("ReduceSum", [weights_3d, g.const("axis_1b", np.array([1], i64))], keepdims=0)
    count = g.op("Max", [count, g.const("tiny", np.array(1e-9, np.float32))])
    mean = g.op("Div", [total, count])
    norm = g.op("ReduceL2", [mean, g.const("axis_last", np.array([-1], i64))], keepdims=1)
    norm = g.op("Max", [norm, g.const("tiny_norm", np.array(1e-12, np.float32))])
    g.nodes.append(helper.make_node("Div", [mean, norm], ["embedding"]))

    graph = helper.make_graph(
        g.nodes,
        "all-MiniLM-L6-v2",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", HIDDEN])],
        initializer=g.initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
