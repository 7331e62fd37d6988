"""The sentence model as the default scorer: paraphrases, readable reasons, the short
default list, the cache per text, bad input, and no network or home folder touched."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest

from jigsaw_tui.core import matching, semantic, sentence_model
from jigsaw_tui.core.model import new_session
from jigsaw_tui.core.ops import AddPiece, Dismiss
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def model():
    return sentence_model.load()


@pytest.fixture
def scorer(model):
    return semantic.SentenceScorer(model, matching.WordScorer())


@pytest.fixture
def default_is_the_model(monkeypatch):
    """JIGSAW_SCORER unset, as for a user: the default scorer is chosen afresh."""
    monkeypatch.delenv("JIGSAW_SCORER", raising=False)
    monkeypatch.setattr(matching, "_chosen", [])


def lids(*groups: list[str], title: str = "Getting about in the glens"):
    session = new_session(title, [f"Group {n + 1}" for n in range(len(groups))], max_pieces=24)
    for group, texts in zip(session.groups, groups):
        for text in texts:
            session = AddPiece(group.id, text).apply(session)
    return session


def ids(session) -> dict[str, str]:
    return {p.text: p.id for g in session.groups for p in g.pieces}


PARAPHRASES = lids(
    ["Lifts to appointments", "A cuppa and a chat", "Fix the potholes", "Broadband that works"],
    ["Community transport", "Social time over tea", "Mobile library van", "A village choir"],
)


def pairs_found(session, found) -> set[frozenset[str]]:
    text = {v: k for k, v in ids(session).items()}
    return {frozenset((text[s.a], text[s.b])) for s in found}


def test_the_default_scorer_is_the_sentence_model_and_finds_paraphrases(default_is_the_model):
    scorer, why_not = matching.chosen_scorer()
    assert why_not is None and scorer.name.startswith("sentence model all-MiniLM-L6-v2")
    found = pairs_found(PARAPHRASES, matching.suggest(PARAPHRASES))
    assert frozenset(("Lifts to appointments", "Community transport")) in found
    assert frozenset(("A cuppa and a chat", "Social time over tea")) in found
    # The word scorer, with no shared word and no table entry, finds neither.
    words = pairs_found(PARAPHRASES, matching.suggest(PARAPHRASES, scorer=matching.WordScorer()))
    assert frozenset(("Lifts to appointments", "Community transport")) not in words


def test_every_reason_names_words_never_just_a_number(scorer):
    found = matching.suggest(PARAPHRASES, top=3, scorer=scorer)
    assert len(found) >= 8
    for s in found:
        assert s.reason and ("~" in s.reason or "shares" in s.reason), s
    transport = next(s for s in found if {s.a, s.b} == {ids(PARAPHRASES)["Lifts to appointments"],
                                                        ids(PARAPHRASES)["Community transport"]})
    assert transport.reason.count("'") >= 4  # "'lifts' ~ 'transport'": a word of each piece
    first, second = transport.reason.split(" ~ ")[0].strip("'"), transport.reason.split(" ~ ")[1]
    assert first.split()[0] in "lifts to appointments" and "transport" in second or "community" in second


def test_shared_words_keep_the_word_scorers_reason(scorer):
    session = lids(["Time to build trust", "Parking"], ["Time, location and pace", "Choir"])
    found = matching.suggest(session, top=1, scorer=scorer)
    time_pair = next(s for s in found if {s.a, s.b} == {ids(session)["Time to build trust"],
                                                       ids(session)["Time, location and pace"]})
    assert time_pair.reason.startswith("shares the word 'time'")


def test_the_default_list_is_mutual_best_pairs_above_the_threshold(scorer):
    found = matching.suggest(PARAPHRASES, scorer=scorer)
    assert found and all(s.score >= scorer.threshold for s in found)
    by_piece: dict[str, list] = {}
    for s in found:
        by_piece.setdefault(s.a, []).append(s)
        by_piece.setdefault(s.b, []).append(s)
    assert all(len(v) == 1 for v in by_piece.values())  # two groups: one partner each at most
    everything = matching.suggest(PARAPHRASES, top=4, scorer=scorer)
    for s in found:  # each offered pair is each piece's best candidate
        best_of_a = max((x for x in everything if s.a in (x.a, x.b)), key=lambda x: x.score)
        assert best_of_a.score == s.score


def test_dismissed_pairs_stay_dismissed(scorer):
    found = matching.suggest(PARAPHRASES, scorer=scorer)
    pair = found[0]
    session = Dismiss(pair.a, pair.b).apply(PARAPHRASES)
    for listing in (matching.suggest(session, scorer=scorer), matching.suggest(session, top=4, scorer=scorer)):
        assert {(s.a, s.b) for s in listing}.isdisjoint({(pair.a, pair.b), (pair.b, pair.a)})


def test_a_new_piece_costs_one_sentence_not_the_session(model, scorer, monkeypatch):
    session = lids(["Safe walking routes", "Bus passes for carers"], ["Buses on Sundays", "Gritted paths"])
    matching.suggest(session, scorer=scorer)
    embedded: list[list[str]] = []
    real = model._embed
    monkeypatch.setattr(model, "_embed", lambda texts: embedded.append(list(texts)) or real(texts))
    session = AddPiece(session.groups[0].id, "Someone to ring at night").apply(session)
    matching.suggest(session, scorer=scorer)
    assert [t for batch in embedded for t in batch if not batch[0].islower()] == ["Someone to ring at night"]


def test_scores_are_numbers_for_emoji_empty_and_a_full_session(scorer):
    emoji = "🤗" * 200
    session = lids([emoji, "Hugs"], ["A warm welcome", "🤗 hugs"])
    found = matching.suggest(session, top=2, scorer=scorer)
    assert found and all(math.isfinite(s.score) and 0 <= s.score <= 1 and s.reason for s in found)
    assert matching.suggest(lids([], []), scorer=scorer) == []
    big = lids(*[[f"Idea {g}-{n}: {w}" for n, w in enumerate("tea talk bus park shop art sing walk read cook help fix".split())]
                 for g in range(12)])
    assert len(matching.suggest(big, top=1, scorer=scorer)) >= 12


def test_threads_come_from_jigsaw_threads(monkeypatch):
    monkeypatch.setenv("JIGSAW_THREADS", "2")
    assert sentence_model.threads() == min(2, os.cpu_count() or 1)
    for bad in ("0", "many", "-3", ""):
        monkeypatch.setenv("JIGSAW_THREADS", bad)
        assert sentence_model.threads() == 1


# -- when the model cannot be used: one line, and the words take over ---------------------------


def test_a_corrupt_model_file_gives_one_clear_line_and_the_word_scorer(tmp_path, monkeypatch, default_is_the_model):
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"not a model")
    monkeypatch.setattr(sentence_model, "_model_file", lambda: broken)
    scorer, why_not = matching.chosen_scorer()
    assert scorer.name == "words"
    assert "sha256 differs" in why_not and "\n" not in why_not and str(broken) in why_not


def test_a_model_the_runtime_cannot_read_is_reported_not_raised(tmp_path, monkeypatch):
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"\x08\x07garbage that is not onnx")
    monkeypatch.setattr(sentence_model, "_model_file", lambda: broken)
    monkeypatch.setattr(sentence_model, "MODEL_SHA256", __import__("hashlib").sha256(broken.read_bytes()).hexdigest())
    with pytest.raises(sentence_model.ModelUnavailable, match="could not be run"):
        sentence_model.load()


def test_a_missing_runtime_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails, as when not installed
    with pytest.raises(sentence_model.ModelUnavailable) as raised:
        sentence_model.load()
    assert "not installed" in str(raised.value) and "jigsaw-tui[semantic]" in str(raised.value)


def test_a_missing_model_package_says_so(monkeypatch):
    monkeypatch.setattr(sentence_model, "MODEL_PACKAGE", "no_such_model_package")
    with pytest.raises(sentence_model.ModelUnavailable, match="no-such-model-package.*is not installed"):
        sentence_model.load()


# -- no network, nothing in the home folder ------------------------------------------------------


NO_NETWORK = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("no network in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from jigsaw_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_suggest_runs_with_no_network_and_writes_nothing_home(tmp_path, example, store):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "JIGSAW_SCORER"}
    env.update(HOME=str(home), HF_HUB_OFFLINE="1", XDG_CACHE_HOME=str(home / ".cache"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", NO_NETWORK, "--sessions-dir", str(store.folder),
                           "suggest", example, "--top", "2", "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("jigsaw: suggestions by sentence model all-MiniLM-L6-v2"), done.stderr
    rows = json.loads(done.stdout)
    assert rows and all(r["scorer"].startswith("sentence model") and r["reason"] for r in rows)
    assert list(home.rglob("*")) == []  # no cache, no telemetry, no config
