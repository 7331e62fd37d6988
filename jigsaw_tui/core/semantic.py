"""Suggestions in the room's own words: pieces scored by a sentence model, with reasons
a person can read.

Two pieces are as close as their sentence vectors (the cosine; sentence_model.py), so
"Lifts to appointments" meets "Community transport" with no word in common; where the
word scorer finds shared words or a near meaning from its table and scores higher, its
score counts. Some pieces are close to everything ("Somewhere to meet"): the score is
how much closer two pieces are than each usually is to its three nearest pieces in
other groups (CSLS, a correction for such hubs), mapped so 0.5 means "no closer than
usual" and 1.0 is the most. This raised top-1 on the evaluation set by 6 to 9 points.

The reason names the words that drive it: each piece's content words and word pairs are
embedded too, and the closest pair across the two pieces is shown ("'lifts' ~
'transport'"). Where the pieces share words, the word scorer's reason is shown instead.

By default only *mutual best* pairs above the threshold are offered: b is a's closest
piece in b's group and a is b's closest in a's group. The threshold is tuned on the
tuning half of bench/eval/matching (docs/matching.md has the figures).
"""

from __future__ import annotations

import re

from .match_words import STOP_WORDS

THRESHOLD = 0.54  # tuned on the evaluation set's "tune" split: docs/matching.md
_NEIGHBOURS = 3  # how many nearest pieces elsewhere say how close a piece usually is
_SECOND_REASON = 0.45  # a second word pair is named only when it is this close too
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


class SentenceScorer:
    """The `Scorer` of matching.py, backed by a sentence model; `words` gives shared-word reasons."""

    threshold = THRESHOLD
    mutual_best = True

    def __init__(self, model, words):
        self.model = model
        self.words = words
        self.name = model.name
        self._word_scores: dict[tuple[str, str, str], tuple[float, str]] = {}

    def _word_scores_of(self, session, pairs) -> list[tuple[float, str]]:
        """The word scorer's (score, reason) per pair, kept per pair of texts: after a new
        piece only its own pairs are scored again (a typo needs both of its words, and
        pairs of old pieces hold no new word)."""
        known = self._word_scores
        if len(known) > 200_000:
            known.clear()
        todo = [(a, b) for a, b in pairs if (a.text, b.text, session.title) not in known]
        for (a, b), result in zip(todo, self.words.score_pairs(session, todo)):
            known[(a.text, b.text, session.title)] = result
        return [known[(a.text, b.text, session.title)] for a, b in pairs]

    def score_pairs(self, session, pairs):
        np = self.model.numpy
        pieces = [p for g in session.groups for p in g.pieces]
        vectors = self.model.vectors([p.text for p in pieces])
        row = {p.id: n for n, p in enumerate(pieces)}
        if not pieces:
            return [(0.0, "") for _ in pairs]
        matrix = np.array([vectors[p.text] for p in pieces])
        cosines = matrix @ matrix.T
        usual = self._usual_closeness(session, cosines)
        words = self._word_scores_of(session, pairs)
        a = np.array([row[x.id] for x, _ in pairs], dtype=int)
        b = np.array([row[y.id] for _, y in pairs], dtype=int)
        close = np.maximum(cosines[a, b], np.array([score for score, _ in words], dtype=float))
        scores = np.clip(0.5 + close - (usual[a] + usual[b]) / 2, 0.0, 1.0)
        # A reason of None: matching.suggest asks `explain` for the pairs it keeps only.
        return [(float(score), reason if word_score > 0 and reason else None)
                for score, (word_score, reason) in zip(scores, words)]

    def _usual_closeness(self, session, cosines):
        """Each piece's mean cosine to its nearest pieces in other groups, in session order."""
        np = self.model.numpy
        groups = np.array([g.id for g in session.groups for _ in g.pieces])
        if len(groups) == 0:
            return np.zeros(0)
        elsewhere = np.where(groups[:, None] != groups[None, :], cosines, -np.inf)
        k = max(1, min(_NEIGHBOURS, len(groups) - 1))
        nearest = np.sort(elsewhere, axis=1)[:, -k:]
        nearest[np.isinf(nearest)] = 0.0  # fewer pieces elsewhere than neighbours asked for
        return nearest.mean(axis=1)

    def missing(self, session) -> int:
        """How many of the session's piece texts have no vector yet (each costs a model run)."""
        return len(self.model.missing(p.text for g in session.groups for p in g.pieces))

    def explain(self, session, pairs) -> list[str]:
        """The words that drive each pair, for pairs the word scorer had nothing to say about."""
        spans = {p.text: _spans(p.text) for pair in pairs for p in pair}
        vectors = self.model.vectors([s for found in spans.values() for s in found])
        return [_closest_words(spans[a.text], spans[b.text], vectors) for a, b in pairs]


def _spans(text: str) -> list[str]:
    """Content words and pairs of neighbouring content words, lower case, in text order."""
    words = [w.casefold().replace("’", "'") for w in _WORD.findall(text)]
    spans: list[str] = []
    run: list[str] = []
    for word in words + [""]:
        if word and word not in STOP_WORDS and not word.isdigit():
            run.append(word)
            continue
        spans += run + [f"{x} {y}" for x, y in zip(run, run[1:])]
        run = []
    return list(dict.fromkeys(spans))


def _closest_words(spans_a: list[str], spans_b: list[str], vectors) -> str:
    scored = sorted(((float(vectors[x] @ vectors[y]), x, y) for x in spans_a for y in spans_b), reverse=True)
    if not scored:
        return "close in meaning as a whole (no content words to compare)"
    best, x, y = scored[0]
    reasons = [f"'{x}' ~ '{y}'"]
    used_a, used_b = set(x.split()), set(y.split())
    for score, x2, y2 in scored[1:]:
        if score < _SECOND_REASON:
            break
        if used_a.isdisjoint(x2.split()) and used_b.isdisjoint(y2.split()):
            reasons.append(f"'{x2}' ~ '{y2}'")
            break
    return "; ".join(reasons)
