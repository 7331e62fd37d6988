"""Suggestions in the room's own words (issue 11): quality on the evaluation set, speed
and size, the sentence model beside the word scorer in the same run.

    sh bench/run.sh --only semantic          # the figures, with the others' format
    .venv/bin/python bench/bench_semantic.py --tune   # the threshold sweep on "tune"

Quality, on bench/eval/matching (pairs of lids from fields this project's word table
never saw, with the matches a facilitator would make):
- top-1 / top-3: for each piece of an expected match, is its partner the best (among the
  3 best) of its candidates in the other lid;
- default precision / recall: of the pairs offered with no question asked, how many are
  expected; of the expected, how many are offered.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Figure, child_env, median  # noqa: E402

GROUP = "Suggestions in the room's own words (issue 11)"
EVAL = ROOT / "bench" / "eval" / "matching"


@dataclass
class EvalLids:
    field: str
    split: str
    session: object
    expected: set  # frozensets of two piece ids


def eval_sets(split: str | None = None) -> list[EvalLids]:
    from jigsaw_tui.core.model import new_session
    from jigsaw_tui.core.ops import AddPiece

    sets = []
    for path in sorted(EVAL.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if split and data["split"] != split:
            continue
        lids = data["lid"]
        session = new_session(data["field"].capitalize(), [lid["group"] for lid in lids], max_pieces=24)
        for group, lid in zip(session.groups, lids):
            for text in lid["pieces"]:
                session = AddPiece(group.id, text).apply(session)
        ids = [{p.text: p.id for p in g.pieces} for g in session.groups]
        expected = {frozenset((ids[0][m["a"]], ids[1][m["b"]])) for m in data["match"]}
        sets.append(EvalLids(data["field"], data["split"], session, expected))
    return sets


def quality(scorer, sets: list[EvalLids], threshold: float | None = None) -> dict:
    """top-1, top-3, precision and recall of `scorer` on these sets (threshold: the scorer's own)."""
    from jigsaw_tui.core.matching import candidates, suggest

    top1 = top3 = asked = offered = right = expected = 0
    saved = scorer.threshold
    if threshold is not None:
        scorer.threshold = threshold
    try:
        for lids in sets:
            expected += len(lids.expected)
            for pair in lids.expected:
                for piece, partner in (tuple(pair), tuple(pair)[::-1]):
                    found = [s.b for s in candidates(lids.session, piece, n=3, scorer=scorer)]
                    asked += 1
                    top1 += found[:1] == [partner]
                    top3 += partner in found
            for s in suggest(lids.session, scorer=scorer):
                offered += 1
                right += frozenset((s.a, s.b)) in lids.expected
    finally:
        scorer.threshold = saved
    return {"top1": top1 / asked, "top3": top3 / asked, "asked": asked, "offered": offered, "right": right,
            "expected": expected, "precision": right / offered if offered else 0.0,
            "recall": right / expected if expected else 0.0}


def scorers():
    """(word scorer, sentence scorer or None, why not)."""
    from jigsaw_tui.core import matching, semantic, sentence_model

    words = matching.WordScorer()
    try:
        return words, semantic.SentenceScorer(sentence_model.load(), words), ""
    except sentence_model.ModelUnavailable as error:
        return words, None, str(error)


# -- speed and size, each in a new process --------------------------------------------------


_FIRST = """
import json, os, sys, time
sys.path.insert(0, {root!r})
from bench.bench_semantic import twelve_by_twelve
session = twelve_by_twelve()
os.environ["JIGSAW_SCORER"] = {scorer!r}
def peak_kb():  # VmHWM: this process's own peak (ru_maxrss keeps the parent's across exec)
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1])
rss_before = peak_kb()
start = time.perf_counter()
from jigsaw_tui.core import matching
found = matching.suggest(session)
first = time.perf_counter() - start
from jigsaw_tui.core.ops import AddPiece, RemovePiece
group = session.groups[3]
after_one = []
for n in range(5):  # a facilitator adds pieces one by one: each timed
    session = RemovePiece(session.group(group.id).pieces[-1].id).apply(session)
    session = AddPiece(group.id, f"Somebody to ring when it all gets too much ({{n}})", index=0).apply(session)
    start = time.perf_counter()
    matching.suggest(session)
    after_one.append(time.perf_counter() - start)
print(json.dumps({{"first": first, "after_one": after_one, "found": len(found),
                   "scorer": matching.default_scorer().name,
                   "rss_added_kb": peak_kb() - rss_before}}))
"""


def twelve_by_twelve():
    """12 groups x 12 distinct pieces, from the evaluation set's lids (real wording)."""
    from jigsaw_tui.core.model import new_session
    from jigsaw_tui.core.ops import AddPiece

    texts = []
    for path in sorted(EVAL.glob("*.toml")):
        for lid in tomllib.loads(path.read_text(encoding="utf-8"))["lid"]:
            texts += lid["pieces"]
    texts = list(dict.fromkeys(texts))
    session = new_session("Twelve groups", [f"Group {n + 1}" for n in range(12)])
    for n, group in enumerate(session.groups):
        for text in texts[n * 12:(n + 1) * 12]:
            session = AddPiece(group.id, text).apply(session)
    return session


def first_suggestions(scorer: str) -> dict:
    code = _FIRST.format(root=str(ROOT), scorer=scorer)
    env = child_env(HOME=tempfile.mkdtemp(prefix="jigsaw-bench-home-"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    return json.loads(done.stdout.strip().splitlines()[-1])


def download_mb() -> float | None:
    """What installing the `semantic` extra downloads, from the pinned versions (needs the registry)."""
    wanted = []
    for line in (ROOT / "scripts" / "constraints.txt").read_text().splitlines():
        if line.startswith("# The `semantic` extra"):
            wanted = []
            continue
        if wanted is not None and "==" in line and not line.startswith("#"):
            wanted.append(line.strip())
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", folder, *wanted],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return None
        return sum(f.stat().st_size for f in Path(folder).iterdir()) / 1e6


def run(work: Path, repeat: int = 3) -> list[Figure]:
    words, sentences, why_not = scorers()
    figures: list[Figure] = []
    for split in ("tune", "test"):
        sets = eval_sets(split)
        w = quality(words, sets)
        s = quality(sentences, sets) if sentences else None
        where = f"'{split}' split: {len(sets)} pairs of lids, {w['expected']} expected matches"
        for key, label, floor in (("top3", "top-3", 95), ("top1", "top-1", 85),
                                  ("precision", "default precision", 85), ("recall", "default recall", 65)):
            note = where
            if key in ("precision", "recall"):
                note += (f"; sentence model offered {s['offered']}, {s['right']} right" if s else "")
                note += f"; word scorer offered {w['offered']}, {w['right']} right"
            figures.append(Figure(
                GROUP, f"{label}, {split}", s[key] * 100 if s else None, "%",
                refs=[("the word scorer", w[key] * 100)], target=f">= {floor} %", min_value=floor,
                note=note if s else f"{note}; the sentence model is not available: {why_not}"))
    runs = {name: [first_suggestions(name) for _ in range(repeat)] for name in ("words", "")}
    first = {name: median([r["first"] for r in rs]) * 1000 for name, rs in runs.items()}
    after = {name: median([t for r in rs for t in r["after_one"]]) * 1000 for name, rs in runs.items()}
    slowest = {name: max(t for r in rs for t in r["after_one"]) * 1000 for name, rs in runs.items()}
    rss = {name: median([r["rss_added_kb"] for r in rs]) / 1024 for name, rs in runs.items()}
    chosen = runs[""][0]["scorer"]
    figures += [
        Figure(GROUP, "first suggestions, 12 groups x 12 pieces, new process (model load included)",
               first[""], "ms", refs=[("the word scorer, same", first["words"])], target="< 1000 ms",
               max_value=1000.0, note=f"median of {repeat}; scorer: {chosen}"),
        Figure(GROUP, "suggestions again after one new piece", after[""], "ms",
               refs=[("the word scorer, same", after["words"])], target="< 50 ms", max_value=50.0,
               note=f"median of {5 * repeat} pieces added one by one; slowest {slowest['']:.0f} ms "
                    f"(word scorer {slowest['words']:.0f} ms)"),
        Figure(GROUP, "memory added by the first suggestions (peak RSS)", rss[""], "MB",
               refs=[("the word scorer, same", rss["words"])], target="< 200 MB", max_value=200.0),
    ]
    size = download_mb()
    figures.append(Figure(GROUP, "download of the semantic extra (pinned wheels)", size, "MB",
                          target="< 100 MB", max_value=100.0,
                          note="" if size is not None else "the package registry could not be reached"))
    return figures


QUICK = {"repeat": 1}


def tune() -> None:
    """Precision and recall at each threshold, on the tuning split only."""
    words, sentences, why_not = scorers()
    if sentences is None:
        sys.exit(f"no sentence model: {why_not}")
    sets = eval_sets("tune")
    print("threshold  offered right precision recall")
    for step in range(20, 71, 2):
        q = quality(sentences, sets, threshold=step / 100)
        print(f"  {step / 100:.2f}     {q['offered']:5} {q['right']:5}   {q['precision']:.2f}     {q['recall']:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="print the threshold sweep on the tune split")
    args = parser.parse_args()
    if args.tune:
        tune()
    else:
        from bench.common import format_report

        print(format_report(run(Path(tempfile.mkdtemp()))))
