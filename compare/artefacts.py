"""Non-pickle model files: named numpy arrays plus a JSON header in one ``.npz``.

Shipped models must load without unpickling (a model file is data, never code), so every
model is stored as plain arrays: vocabularies as string arrays, weights as float arrays, and
gradient-boosted trees as flat node tables (see :class:`TreeEnsemble`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from compare.errors import ModelError

FORMAT = "compare-model"
VERSION = 1
DATA_DIR = Path(__file__).resolve().parent / "data"
M = TypeVar("M")
_LOAD_LOCK = threading.Lock()


def load_once(cache: dict[str, M], path: str | Path, loader: Callable[[str], M]) -> M:
    """The model at ``path`` from ``cache``, read by ``loader`` the first time (thread-safe)."""
    key = str(path)
    with _LOAD_LOCK:
        if key not in cache:
            cache[key] = loader(key)
        return cache[key]


def save_model(path: str | Path, kind: str, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> Path:
    """Write ``arrays`` and a JSON header naming the model ``kind`` to ``path`` atomically."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT, "version": VERSION, "kind": kind, **meta}
    tmp = target.with_name(target.name + ".tmp.npz")
    payload: dict[str, Any] = {"__header__": np.array(json.dumps(header, sort_keys=True)), **arrays}
    np.savez_compressed(tmp, **payload)
    tmp.replace(target)
    return target


def load_model(path: str | Path, kind: str) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Read a model file written by :func:`save_model`, checking its format, version and kind."""
    source = Path(path)
    if not source.is_file():
        raise ModelError(f"{source}: model file not found")
    try:
        with np.load(source, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError) as exc:
        raise ModelError(f"{source}: not a compare model file ({exc})") from exc
    if "__header__" not in arrays:
        raise ModelError(f"{source}: not a compare model file (no header)")
    header = json.loads(str(arrays.pop("__header__")))
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        raise ModelError(
            f"{source}: model format {header.get('format')!r} version {header.get('version')!r}, "
            f"expected {FORMAT!r} version {VERSION}; rebuild it with `compare train`"
        )
    if header.get("kind") != kind:
        raise ModelError(f"{source}: a {header.get('kind')!r} model, expected a {kind!r} model")
    return arrays, header


def pack_strings(strings: Sequence[str], name: str) -> dict[str, np.ndarray]:
    """Strings as one UTF-8 byte array plus end offsets: loads much faster than a str array."""
    encoded = [x.encode("utf-8") for x in strings]
    return {
        f"{name}_bytes": np.frombuffer(b"".join(encoded), dtype=np.uint8),
        f"{name}_ends": np.cumsum([len(e) for e in encoded], dtype=np.int64),
    }


def unpack_strings(arrays: dict[str, np.ndarray], name: str) -> list[str]:
    """The strings stored by :func:`pack_strings` (or a plain string array under ``name``)."""
    if f"{name}_bytes" not in arrays:
        return [str(x) for x in arrays[name]]
    data = arrays[f"{name}_bytes"].tobytes()
    out, start = [], 0
    for end in arrays[f"{name}_ends"].tolist():
        out.append(data[start:end].decode("utf-8"))
        start = end
    return out


@dataclass(frozen=True)
class TreeEnsemble:
    """Gradient-boosted trees as flat node arrays; predicts raw scores without scikit-learn."""

    feature: np.ndarray  # int32, per node
    threshold: np.ndarray  # float64, per node: go left when x <= threshold
    left: np.ndarray  # int32, global node index
    right: np.ndarray  # int32, global node index
    missing_left: np.ndarray  # bool, per node
    is_leaf: np.ndarray  # bool, per node
    value: np.ndarray  # float64, per node
    roots: np.ndarray  # int32, (n_iter, n_outputs) global index of each tree's root
    baseline: np.ndarray  # float64, (n_outputs,)
    depth: int

    @classmethod
    def from_sklearn(cls, model: Any) -> TreeEnsemble:
        """Flatten a fitted HistGradientBoostingClassifier (numeric features only)."""
        parts = []
        roots = np.zeros((len(model._predictors), len(model._predictors[0])), dtype=np.int32)
        offset = 0
        depth = 0
        for i, trees in enumerate(model._predictors):
            for k, tree in enumerate(trees):
                nodes = tree.nodes
                roots[i, k] = offset
                parts.append((nodes, offset))
                depth = max(depth, int(nodes["depth"].max()))
                offset += len(nodes)
        cat = np.concatenate

        def field(name: str) -> np.ndarray:
            return cat([n[name] for n, _ in parts])

        return cls(
            feature=field("feature_idx").astype(np.int32),
            threshold=field("num_threshold").astype(np.float64),
            left=cat([n["left"].astype(np.int32) + off for n, off in parts]),
            right=cat([n["right"].astype(np.int32) + off for n, off in parts]),
            missing_left=field("missing_go_to_left").astype(bool),
            is_leaf=field("is_leaf").astype(bool),
            value=field("value").astype(np.float64),
            roots=roots,
            baseline=np.asarray(model._baseline_prediction, dtype=np.float64).ravel(),
            depth=depth,
        )

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The arrays to store, names prefixed so several ensembles share one file."""
        names = ("feature", "threshold", "left", "right", "missing_left", "is_leaf", "value")
        out = {f"{prefix}{n}": getattr(self, n) for n in names}
        out[f"{prefix}roots"] = self.roots
        out[f"{prefix}baseline"] = self.baseline
        out[f"{prefix}depth"] = np.array(self.depth)
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> TreeEnsemble:
        """Rebuild an ensemble stored by :meth:`to_arrays`."""
        names = ("feature", "threshold", "left", "right", "missing_left", "is_leaf", "value")
        kwargs: dict[str, Any] = {n: arrays[f"{prefix}{n}"] for n in names}
        return cls(
            **kwargs,
            roots=arrays[f"{prefix}roots"],
            baseline=arrays[f"{prefix}baseline"],
            depth=int(arrays[f"{prefix}depth"]),
        )

    def raw_scores(self, x: np.ndarray) -> np.ndarray:
        """Summed tree outputs plus baseline, shape (n_samples, n_outputs)."""
        x = np.asarray(x, dtype=np.float64)
        n = x.shape[0]
        n_iter, n_out = self.roots.shape
        masks = self._leaf_masks
        per_tree = masks.exit_values(x) if masks else self.value[self._walk(x)]
        return np.asarray(per_tree.reshape(n, n_iter, n_out).sum(axis=1) + self.baseline[None, :])

    def _walk(self, x: np.ndarray) -> np.ndarray:
        """The leaf each sample reaches in each tree, shape (n_samples, n_trees).

        Every sample walks every tree a level at a time; a leaf leads to itself, so a sample
        that reached one stays there without a test of its own."""
        n = x.shape[0]
        node = np.broadcast_to(self.roots.ravel(), (n, self.roots.size)).copy()
        rows = np.arange(n)[:, None]
        left, right = self._children
        missing = bool(np.isnan(x).any())
        for _ in range(self.depth + 1):
            if self.is_leaf[node].all():
                break
            vals = x[rows, self.feature[node]]
            go_left = vals <= self.threshold[node]
            if missing:
                go_left = np.where(np.isnan(vals), self.missing_left[node], go_left)
            node = np.where(go_left, left[node], right[node])
        return node

    @cached_property
    def _children(self) -> tuple[np.ndarray, np.ndarray]:
        """The left and right child of each node, a leaf's both itself."""
        itself = np.arange(len(self.is_leaf), dtype=self.left.dtype)
        return np.where(self.is_leaf, itself, self.left), np.where(self.is_leaf, itself, self.right)

    @cached_property
    def _leaf_masks(self) -> LeafMasks | None:
        return LeafMasks.of(self)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities (sigmoid for one output, softmax for several)."""
        raw = self.raw_scores(x)
        if raw.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-raw[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        raw = raw - raw.max(axis=1, keepdims=True)
        e = np.exp(raw)
        return np.asarray(e / e.sum(axis=1, keepdims=True))


# Unsigned integer types by the most leaves a tree may have for its leaves to be bits of one.
MASK_TYPES = ((8, np.uint8), (16, np.uint16), (32, np.uint32), (64, np.uint64))


@dataclass(frozen=True)
class LeafMasks:
    """A tree ensemble scored with every node's test at once (QuickScorer's bit vectors).

    A tree's leaves, left to right, are the bits of one integer. A node whose test sends a
    sample right rules out the leaves of its left subtree, so its mask clears their bits; the
    sample's leaf is the leftmost one left after the masks of all such nodes of the tree are
    and-ed. Nodes are stored slot by slot (the k-th internal node of every tree side by side);
    a tree with fewer nodes is padded with slots that never send a sample right."""

    feature: np.ndarray  # intp, (slots * trees,)
    threshold: np.ndarray  # float64: right when x > threshold
    missing_right: np.ndarray  # bool: where a missing value (NaN) goes right
    mask: np.ndarray  # unsigned: the tree's leaves still possible after going right
    leaf_value: np.ndarray  # float64, (trees * leaves,): leaf k of tree t at t * leaves + k
    leaves: int
    slots: int

    @classmethod
    def of(cls, trees: TreeEnsemble) -> LeafMasks | None:
        """The layout of ``trees``; None when a tree has more leaves than 64 bits hold."""
        laid_out = [_lay_out_tree(trees, int(root)) for root in trees.roots.ravel()]
        leaves = max(len(leaf_nodes) for leaf_nodes, _ in laid_out)
        dtype = next((t for bits, t in MASK_TYPES if leaves <= bits), None)
        if dtype is None:
            return None
        count, slots = len(laid_out), max(1, max(len(nodes) for _, nodes in laid_out))
        full = (1 << np.iinfo(dtype).bits) - 1
        node = np.full((slots, count), -1)
        mask = np.full((slots, count), full, dtype=dtype)
        leaf_value = np.zeros((count, leaves))
        for t, (leaf_nodes, nodes) in enumerate(laid_out):
            leaf_value[t, : len(leaf_nodes)] = trees.value[leaf_nodes]
            for k, (at, first, left_count) in enumerate(nodes):
                node[k, t] = at
                mask[k, t] = full ^ (((1 << left_count) - 1) << first)
        padding = (node < 0).ravel()
        index = np.where(padding, 0, node.ravel())
        return cls(
            feature=np.where(padding, 0, trees.feature[index]).astype(np.intp),
            threshold=np.where(padding, np.inf, trees.threshold[index]),
            missing_right=~padding & ~trees.missing_left[index],
            mask=mask.ravel(),
            leaf_value=leaf_value.ravel(),
            leaves=leaves,
            slots=slots,
        )

    def exit_values(self, x: np.ndarray) -> np.ndarray:
        """The value of the leaf each sample reaches in each tree, shape (n_samples, n_trees)."""
        n, trees = x.shape[0], len(self.mask) // self.slots
        values = x.take(self.feature, axis=1)
        go_right = values > self.threshold
        if np.isnan(values).any():
            go_right = np.where(np.isnan(values), self.missing_right, go_right)
        full = self.mask.dtype.type(np.iinfo(self.mask.dtype).max)
        possible = np.bitwise_and.reduce(
            np.where(go_right, self.mask, full).reshape(n, self.slots, trees), axis=1
        )
        leftmost = possible & (~possible + self.mask.dtype.type(1))
        leaf = np.frexp(leftmost.astype(np.float64))[1] - 1
        return np.asarray(self.leaf_value[np.arange(trees) * self.leaves + leaf])


def _lay_out_tree(trees: TreeEnsemble, root: int) -> tuple[list[int], list[tuple[int, int, int]]]:
    """A tree's leaves left to right, and each internal node with the first of its leaves and
    how many of them lie in its left subtree."""
    leaves: list[int] = []
    nodes: list[tuple[int, int, int]] = []

    def visit(node: int) -> int:
        if trees.is_leaf[node]:
            leaves.append(node)
            return 1
        first = len(leaves)
        left_count = visit(int(trees.left[node]))
        nodes.append((node, first, left_count))
        return left_count + visit(int(trees.right[node]))

    visit(root)
    return leaves, nodes
