"""Suggest which pieces of different groups' lids name the same theme, and say why.

Pure core (no Textual). Suggestions never change a session: the facilitator accepts
(MatchPieces / AddToTheme) or dismisses (Dismiss) them through ops.

Two scorers plug in behind the `Scorer` protocol. The default, where its package is
installed, is a sentence model (semantic.py): it knows that "lifts" and "transport" are
close although no word is shared. `WordScorer`, here, is the fallback and gives the
reasons for shared words: words are normalised and stemmed; stop words are dropped and
very common words count little; two pieces score on the share of their words they have
in common, where a "common word" is the same stem, a near meaning from a small
hand-made table (match_words.CONCEPTS), or a likely typo. `JIGSAW_SCORER=words` chooses
the word scorer whatever is installed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol, Sequence

from .match_words import (
    CONCEPTS, FAMILY_ENDINGS, FAMILY_EXTRA, FAMILY_MIN, NOT_FAMILY, NOT_TYPOS, SPELLINGS, STEM_OVERRIDES, STOP_WORDS,
    WEAK_WEIGHT, WEAK_WORDS,
)
from .model import InvalidInput, Piece, Session
from .ops import AddToTheme, Batch, EditTheme, MatchPieces, MergeThemes, Op

DEFAULT_CANDIDATES = 3  # "top 3 candidates" for one piece


@dataclass(frozen=True)
class Suggestion:
    a: str  # piece id
    b: str  # piece id, in another group
    score: float  # 0..1
    reason: str  # for a person: "shares the word 'time'", "'purpose' ~ 'goal'"


class Scorer(Protocol):
    """How a scorer plugs in: score many pairs at once (a model may batch them).

    Optional: `mutual_best = True` offers by default only pairs that are each other's
    best across their two groups; a reason of None asks `explain(session, pairs)` for
    the reasons of the pairs kept (a model's reasons cost more than its scores)."""

    name: str  # for a person: "words", "sentence model all-MiniLM-L6-v2 (...)"
    threshold: float  # pairs scoring at least this are offered without being asked

    def score_pairs(self, session: Session, pairs: Sequence[tuple[Piece, Piece]]) -> list[tuple[float, str | None]]:
        """(score 0..1, reason) for each pair, in order; score 0 for "nothing in common"."""
        ...


# -- the public functions ----------------------------------------------------------


def suggest(session: Session, top: int | None = None, scorer: Scorer | None = None) -> list[Suggestion]:
    """Likely matches, best first.

    Default: the pairs the Themes stage offers (different groups, score at least the
    scorer's threshold, not dismissed, and not already settled by a theme).
    With `top=N`: each piece's N best candidates in other groups, whatever their score
    (above nothing in common), still leaving out dismissed and settled pairs.
    """
    scorer = scorer or default_scorer()
    is_open = _open_pairs(session)
    pairs = [(a, b) for a, b in _cross_group_pairs(session) if is_open(a.id, b.id)]
    results = scorer.score_pairs(session, pairs)
    order = _session_order(session)
    if top is None:  # objects only for the few pairs kept: a 12-group session has 9,504 pairs
        mutual = _mutual_best(session, pairs, results) if getattr(scorer, "mutual_best", False) else None
        kept = [Suggestion(a.id, b.id, round(score, 3), reason)
                for n, ((a, b), (score, reason)) in enumerate(zip(pairs, results))
                if score > 0 and score >= scorer.threshold and (mutual is None or n in mutual)]
    else:
        scored = [Suggestion(a.id, b.id, round(score, 3), reason)
                  for (a, b), (score, reason) in zip(pairs, results) if score > 0]
        kept = _each_pieces_best(scored, max(0, top), order)
    return _explained(session, scorer, sorted(kept, key=lambda s: (-s.score, order[s.a], order[s.b])))


def candidates(session: Session, piece_id: str, n: int = DEFAULT_CANDIDATES,
               scorer: Scorer | None = None) -> list[Suggestion]:
    """One piece's `n` best candidates in other groups (the piece is always `a`)."""
    group, piece = session.find_piece(piece_id)
    scorer = scorer or default_scorer()
    is_open = _open_pairs(session)
    pairs = [(piece, other) for g in session.groups if g.id != group.id for other in g.pieces
             if is_open(piece.id, other.id)]
    scored = [Suggestion(a.id, b.id, round(score, 3), reason)
              for (a, b), (score, reason) in zip(pairs, scorer.score_pairs(session, pairs)) if score > 0]
    order = _session_order(session)
    return _explained(session, scorer, sorted(scored, key=lambda s: (-s.score, order[s.b]))[:n])


def _explained(session: Session, scorer, found: list[Suggestion]) -> list[Suggestion]:
    """Fill in the reasons a scorer left for later (None), for these suggestions only."""
    todo = [n for n, s in enumerate(found) if s.reason is None]
    if todo:
        pieces = [(session.find_piece(found[n].a)[1], session.find_piece(found[n].b)[1]) for n in todo]
        for n, reason in zip(todo, scorer.explain(session, pieces)):
            found[n] = replace(found[n], reason=reason)
    return found


def _mutual_best(session: Session, pairs, results) -> set[int]:
    """The indexes of the pairs whose pieces are each other's best open match across their two groups."""
    group_of = {p.id: g.id for g in session.groups for p in g.pieces}
    best: dict[tuple[str, str], float] = {}  # (piece, the other group) -> its best score there
    for (a, b), (score, _) in zip(pairs, results):
        for key in ((a.id, group_of[b.id]), (b.id, group_of[a.id])):
            if score > best.get(key, 0.0):
                best[key] = score
    return {n for n, ((a, b), (score, _)) in enumerate(zip(pairs, results))
            if score > 0 and score >= best[(a.id, group_of[b.id])] and score >= best[(b.id, group_of[a.id])]}


# -- which pairs are open --------------------------------------------------------------


def _cross_group_pairs(session: Session):
    groups = session.groups
    for i, group in enumerate(groups):
        for other in groups[i + 1:]:
            for a in group.pieces:
                for b in other.pieces:
                    yield a, b


def _open_pairs(session: Session):
    """A test for "not dismissed, and no theme has settled where these pieces belong"."""
    dismissed = {frozenset(pair) for pair in session.dismissed}
    theme_of = {p: t for t in session.themes for p in t.pieces}
    group_of = {p.id: g.id for g in session.groups for p in g.pieces}
    theme_groups = {t.id: {group_of.get(p) for p in t.pieces} for t in session.themes}

    def is_open(a: str, b: str) -> bool:
        if dismissed and frozenset((a, b)) in dismissed:
            return False
        theme_a, theme_b = theme_of.get(a), theme_of.get(b)
        if theme_a and theme_b:
            return False  # together already, or each placed in a theme of its own
        if theme_a:  # b may join a's theme if b's group is not in it yet
            return group_of[b] not in theme_groups[theme_a.id]
        if theme_b:
            return group_of[a] not in theme_groups[theme_b.id]
        return True

    return is_open


def _session_order(session: Session) -> dict[str, int]:
    return {p.id: n for n, p in enumerate(p for g in session.groups for p in g.pieces)}


def _each_pieces_best(scored: list[Suggestion], top: int, order: dict[str, int]) -> list[Suggestion]:
    by_piece: dict[str, list[Suggestion]] = {}
    for s in scored:
        by_piece.setdefault(s.a, []).append(s)
        by_piece.setdefault(s.b, []).append(s)
    kept: dict[tuple[str, str], Suggestion] = {}
    for piece_id, items in by_piece.items():
        for s in sorted(items, key=lambda s: (-s.score, order[s.a], order[s.b]))[:top]:
            kept[(s.a, s.b)] = s
    return list(kept.values())


# -- the default scorer ------------------------------------------------------------------


_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_THRESHOLD = 0.55
_TYPO_WEIGHT = 0.8
_FAMILY_WEIGHT = 0.9
_TITLE_WEIGHT = 0.5  # the session's topic words ("carers" in a carers session) say little


@dataclass(frozen=True)
class _Features:
    """What the scorer knows of one piece's text."""

    weights: dict[str, float]  # content stem -> weight
    surfaces: dict[str, str]  # content stem -> the word as typed (lower case)
    concepts: dict[int, tuple[frozenset[str], str, float]]  # concept -> (stems, words, closeness)
    mass: float
    keys: frozenset  # stems and concept numbers: two pieces with none in common score 0


class WordScorer:
    """Shared stems, near meanings from a hand-made table, and typos: explainable."""

    name = "words"
    threshold = _THRESHOLD

    def score_pairs(self, session, pairs):
        features: dict[str, _Features] = {}
        topic = _topic(session.title)

        def feats(piece: Piece) -> _Features:
            if piece.id not in features:
                features[piece.id] = _features(piece.text, *topic)
            return features[piece.id]

        typos = _typo_pairs({s for a, b in pairs for p in (a, b) for s in feats(p).surfaces.values()})
        typo_words = {word for pair in typos for word in pair}
        results = []
        for a, b in pairs:
            fa, fb = feats(a), feats(b)
            if fa.keys.isdisjoint(fb.keys) and not (typo_words and _may_have_typo(fa, fb, typo_words)):
                results.append((0.0, ""))  # the usual case, kept cheap
            else:
                results.append(_score(fa, fb, typos))
        return results


def _may_have_typo(fa: _Features, fb: _Features, typo_words: set[str]) -> bool:
    return not typo_words.isdisjoint(fa.surfaces.values()) and not typo_words.isdisjoint(fb.surfaces.values())


@lru_cache(maxsize=1)
def word_scorer() -> WordScorer:
    return WordScorer()


_chosen: list = []  # [(scorer, why the sentence model is not used or None)], once a process
WORDS_WANTED = "JIGSAW_SCORER=words"  # the person's own choice: nothing to warn about


def default_scorer() -> Scorer:
    """The sentence model where it is installed and works, else the word scorer. The
    first call loads the model (a fraction of a second): the app makes it in a worker."""
    return chosen_scorer()[0]


def chosen_scorer() -> tuple[Scorer, str | None]:
    """(the scorer, None) or (the word scorer, why the sentence model is not in use)."""
    if not _chosen:
        _chosen.append(_choose())
    return _chosen[0]


def scorer_chosen() -> bool:
    """Whether default_scorer() is ready without loading anything (JIGSAW_SCORER=words
    loads nothing)."""
    return bool(_chosen) or _words_wanted()


def _words_wanted() -> bool:
    return os.environ.get("JIGSAW_SCORER", "").strip().lower() == "words"


def fall_back(why: str) -> None:
    """Use the word scorer from now on: the sentence model failed after it loaded."""
    _chosen[:] = [(word_scorer(), why)]


def _choose() -> tuple[Scorer, str | None]:
    if _words_wanted():
        return word_scorer(), WORDS_WANTED
    from . import semantic, sentence_model  # numpy and onnxruntime: only when suggestions are asked for

    try:
        return semantic.SentenceScorer(sentence_model.load(), word_scorer()), None
    except sentence_model.ModelUnavailable as error:
        return word_scorer(), str(error)


class _Tally:
    """What two pieces have in common so far; each word counts once, in text order."""

    def __init__(self, fa: _Features, fb: _Features):
        self.fa, self.fb = fa, fb
        self.got_a = self.got_b = 0.0
        self.used_a: set[str] = set()
        self.used_b: set[str] = set()
        self.reasons: list[str] = []

    def left(self) -> tuple[list[str], list[str]]:
        return ([s for s in self.fa.weights if s not in self.used_a],
                [s for s in self.fb.weights if s not in self.used_b])

    def take(self, stems_a, stems_b, factor: float, reason: str | None) -> None:
        self.got_a += factor * sum(self.fa.weights[s] for s in stems_a)
        self.got_b += factor * sum(self.fb.weights[s] for s in stems_b)
        self.used_a.update(stems_a)
        self.used_b.update(stems_b)
        if reason:
            self.reasons.append(reason)

    def pair_off(self, related, factor: float, reason) -> None:
        """Pair each left word of a with the first left word of b that `related` accepts."""
        left_a, left_b = self.left()
        for stem_a in left_a:
            stem_b = next((b for b in left_b if b not in self.used_b and related(stem_a, b)), None)
            if stem_b is not None:
                self.take([stem_a], [stem_b], factor, reason(self.fa.surfaces[stem_a], self.fb.surfaces[stem_b]))


def _score(fa: _Features, fb: _Features, typos: set[frozenset[str]]) -> tuple[float, str]:
    if fa.mass <= 0 or fb.mass <= 0:
        return 0.0, ""
    tally = _Tally(fa, fb)
    same = [stem for stem in fa.weights if stem in fb.weights]
    tally.take(same, same, 1.0, None)
    for concept in sorted(fa.concepts.keys() & fb.concepts.keys(), key=lambda c: (-fa.concepts[c][2], c)):
        stems_a, words_a, closeness = fa.concepts[concept]
        stems_b, words_b, _ = fb.concepts[concept]
        left_a, left_b = stems_a - tally.used_a, stems_b - tally.used_b
        if left_a and left_b:
            tally.take(left_a, left_b, closeness, f"'{words_a}' ~ '{words_b}'")
    if any(isinstance(k, tuple) and k[0] in ("prefix", "root") for k in fa.keys & fb.keys):
        tally.pair_off(_family, _FAMILY_WEIGHT, lambda a, b: f"'{a}' ~ '{b}'")
    if typos:
        tally.pair_off(lambda a, b: frozenset((fa.surfaces[a], fb.surfaces[b])) in typos, _TYPO_WEIGHT,
                       lambda a, b: f"'{a}' looks like '{b}' (a typo?)")
    if not tally.got_a:
        return 0.0, ""
    covered = max(tally.got_a / fa.mass, tally.got_b / fb.mass)  # "Time" is all of itself in "Time, location, and pace"
    balance = (tally.got_a + tally.got_b) / (fa.mass + fb.mass)  # ... but only a third of the other
    reasons = tally.reasons
    if same:
        quoted = " and ".join(f"'{fa.surfaces[w]}'" for w in same)
        reasons.insert(0, f"shares the word{'s' if len(same) > 1 else ''} {quoted}")
    return min(1.0, (covered + balance) / 2), "; ".join(reasons)


# -- text to features ------------------------------------------------------------------------


def _typed_words(text: str) -> list[str]:
    """Lower-case words as typed ("what's"), spellings folded: for reasons."""
    text = text.casefold().replace("’", "'")
    for variant, usual in SPELLINGS.items():
        if variant in text:
            text = re.sub(rf"\b{re.escape(variant)}\b", usual, text)
    return _WORD.findall(text)


def _normal_words(text: str) -> list[str]:
    """The words to compare: "what's" is "what", "carers'" is "carers"."""
    return [w.removesuffix("'s").removesuffix("'") for w in _typed_words(text)]


def _family_keys(stem: str):
    """Keys two stems of one family always share (see `_family`): cheap to compare."""
    if len(stem) >= FAMILY_MIN:
        yield ("prefix", stem[:FAMILY_MIN])
    if len(stem) >= 4:
        yield ("root", stem)
    for ending in FAMILY_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 4:
            yield ("root", stem[: -len(ending)])


def _family(a: str, b: str) -> bool:
    """Two stems of one word family the stemmer left apart ("neighbourli" / "neighbour")."""
    if a == b or a[:4] != b[:4] or frozenset((a, b)) in NOT_FAMILY:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long.startswith(short) and long[len(short):] in FAMILY_ENDINGS:
        return True
    common = len(os.path.commonprefix((a, b)))
    return common >= FAMILY_MIN and len(long) - common <= FAMILY_EXTRA


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    if word.endswith(("ize", "izes", "izing", "ized", "ization", "izations")):
        word = word.replace("iz", "is")  # British and American spellings meet
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer  # imported on first use: the CLI's other commands never pay for it

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1)
def _concept_patterns() -> dict[str, list[tuple[tuple[str, ...], int, float]]]:
    """First stem -> [(pattern stems, concept number, closeness)], longest first."""
    index: dict[str, list] = {}
    for number, (closeness, members) in enumerate(CONCEPTS):
        for member in members:
            stems = tuple(_stem(w) for w in _normal_words(member))
            if stems:
                index.setdefault(stems[0], []).append((stems, number, closeness))
    for patterns in index.values():
        patterns.sort(key=lambda p: -len(p[0]))
    return index


def _topic(title: str) -> tuple[frozenset[str], frozenset[int]]:
    """The session's topic: its title's words and near meanings, which say little about a
    pair ("carers" in a session on carers, "home" in one on homelessness)."""
    stems = frozenset(_stem(w) for w in _normal_words(title) if w not in STOP_WORDS)
    return stems, frozenset(_features(title, frozenset(), frozenset()).concepts)


@lru_cache(maxsize=8192)
def _features(text: str, topic: frozenset[str], topic_concepts: frozenset[int]) -> _Features:
    typed = _typed_words(text)
    words = [w.removesuffix("'s").removesuffix("'") for w in typed]
    stems = [_stem(w) for w in words]
    weights: dict[str, float] = {}
    surfaces: dict[str, str] = {}
    for word, stem in zip(words, stems):
        if word in STOP_WORDS or stem in weights:
            continue
        weight = WEAK_WEIGHT if word in WEAK_WORDS else 1.0
        weights[stem] = weight * (_TITLE_WEIGHT if stem in topic else 1.0)
        surfaces[stem] = word
    concepts: dict[int, tuple[frozenset[str], str, float]] = {}
    patterns = _concept_patterns()
    for start, stem in enumerate(stems):
        seen_here = set()  # one pattern per concept at each place: the longest
        for pattern, number, closeness in patterns.get(stem, ()):
            if number in seen_here or tuple(stems[start:start + len(pattern)]) != pattern:
                continue
            seen_here.add(number)
            claimed = frozenset(s for s in pattern if s in weights)
            old = concepts.get(number)
            if not claimed or (old and claimed <= old[0]):
                continue  # nothing new ("short breaks" already holds "breaks")
            span = " ".join(typed[start:start + len(pattern)])
            if old:
                claimed, span = old[0] | claimed, f"{old[1]} {span}"
            concepts[number] = (claimed, span, closeness * (_TITLE_WEIGHT if number in topic_concepts else 1.0))
    families = frozenset(key for stem in weights for key in _family_keys(stem))
    keys = frozenset(weights) | frozenset(concepts) | families
    return _Features(weights, surfaces, concepts, sum(weights.values()), keys)


def _typo_pairs(words: set[str]) -> set[frozenset[str]]:
    """Pairs of words that are probably one word mistyped: same first letter, one or two
    edits apart depending on length, different stems, and not a known pair of real words."""
    from rapidfuzz.distance import DamerauLevenshtein

    buckets: dict[str, list[str]] = {}
    for word in words:
        if len(word) >= 6 and not word.isdigit():
            buckets.setdefault(word[0], []).append(word)
    found = set()
    for bucket in buckets.values():
        bucket.sort()
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if abs(len(a) - len(b)) > 2 or _stem(a) == _stem(b):
                    continue
                allowed = 1 if min(len(a), len(b)) < 9 else 2
                if DamerauLevenshtein.distance(a, b, score_cutoff=allowed) <= allowed:
                    pair = frozenset((a, b))
                    if pair not in NOT_TYPOS:
                        found.add(pair)
    return found


# -- turning a decision into an op -----------------------------------------------------------


class NeedsConfirmation(InvalidInput):
    """A match the method allows only when the facilitator says so; `what` says which."""

    def __init__(self, message: str, what: str):
        super().__init__(message)
        self.what = what  # "same group" or "merge"


def match_op(session: Session, piece_ids, kind: str | None = None, name: str | None = None,
             allow_same_group: bool = False, merge: bool = False) -> Op:
    """The op that puts these pieces in one theme: a new theme, the one theme some of them
    are in already, or (with `merge`) the first of several themes they are in."""
    ids = tuple(dict.fromkeys(piece_ids))
    if len(ids) < 2:
        raise InvalidInput("pick at least two pieces to match")
    for piece_id in ids:
        session.find_piece(piece_id)  # "no piece with id ... (it may have been removed)"
    themes = list(dict.fromkeys(t for t in (session.theme_of(p) for p in ids) if t))
    if len(themes) == 1 and set(ids) <= set(themes[0].pieces):
        raise InvalidInput(f"these pieces are already together in the theme '{themes[0].name}'")
    if len(themes) > 1 and not merge:
        names = " and ".join(f"'{t.name}'" for t in themes)
        raise NeedsConfirmation(f"these pieces are in {len(themes)} themes already ({names})", "merge")
    if not allow_same_group:  # every piece the theme will hold, its members included
        seen: dict[str, str] = {}
        for piece_id in dict.fromkeys(ids + tuple(p for t in themes for p in t.pieces)):
            group, piece = session.find_piece(piece_id)
            if group.id in seen:
                raise NeedsConfirmation(
                    f"'{seen[group.id]}' and '{piece.text}' both come from {group.name}", "same group")
            seen[group.id] = piece.text
    if not themes:
        return MatchPieces(ids, kind=kind or "same", name=name or "", allow_same_group=allow_same_group)
    into = themes[0]
    ops: list[Op] = [MergeThemes(into.id, other.id, allow_same_group) for other in themes[1:]]
    loose = tuple(p for p in ids if session.theme_of(p) is None)
    if loose:
        ops.append(AddToTheme(into.id, loose, allow_same_group))
    if kind is not None or name is not None:
        ops.append(EditTheme(into.id, name=name, kind=kind))
    return ops[0] if len(ops) == 1 else Batch(tuple(ops), label="merge themes" if merge else "add to theme")
