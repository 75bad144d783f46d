"""Ranked, forgiving search over topics, glossary terms and lay synonyms.

People type what they feel ("the runs", "my scan got bigger") and misspell drug
names ("interlukin"). The index maps words to topics with a weight per field;
queries are widened with lay synonyms, glossary aliases and close spellings
(rapidfuzz) before scoring, so the right topic comes first without exact words.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from rapidfuzz import fuzz, process

from guide.content.model import Library, Topic
from guide.content.readability import split_sentences

_NON_WORD = re.compile(r"[^a-z0-9]+")
_STOP_WORDS_TEXT = (
    "a an and are as at be been but by can do does did for from had has have how i if in into is it its "
    "me my of on or so than that the their them then there these they this to was we were what when "
    "where which who why will with you your i'm im it's got get gets am should could would about "
    # What is left of contractions once the apostrophe splits them: "can't" -> can, t.
    "t s d m ll ve re don doesn didn isn wasn won cant dont wont isnt"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
PHRASE_BOOST = 40.0
"""Added to a topic named by a lay phrase or alias found in the query."""
FIELD_WEIGHTS = {"title": 10.0, "keywords": 6.0, "term": 6.0, "summary": 3.0, "heading": 2.5, "body": 1.0}


def _fold(text: str) -> str:
    """Lower case without accents, so 'Diarrhée' finds 'diarrhee'; ASCII text (most of it) skips the work."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """A light plural stemmer: enough for 'rashes' ~ 'rash' without mangling drug names."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith(("ches", "shes", "sses", "xes")):
        return token[:-2]
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is", "sis")):
        return token[:-1]
    if len(token) > 5 and token.endswith("ing"):  # coughing ~ cough, swelling ~ swell, running ~ run
        base = token[:-3]
        return base[:-1] if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" else base
    return token


def tokens(text: str, *, keep_stop_words: bool = False) -> list[str]:
    words = _NON_WORD.split(_fold(text))
    return [stem(w) for w in words if w and (keep_stop_words or w not in STOP_WORDS)]


@dataclass(frozen=True)
class Reason:
    """Why a query widened: the words shown to the user, and which results it explains."""

    text: str
    tokens: frozenset[str] = frozenset()
    topics: frozenset[int] = frozenset()


@dataclass(frozen=True)
class SearchResult:
    topic_id: str
    title: str
    score: float
    snippet: str
    why: str
    """A few words on what matched, e.g. 'lay words: "the runs"' (shown and spoken)."""


class SearchIndex:
    """Built once per library; queries never touch the YAML again."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._topics: list[Topic] = list(library.topics)
        self._position = {t.id: i for i, t in enumerate(self._topics)}
        self._terms_by_topic: dict[str, list[str]] = defaultdict(list)
        for term in library.glossary:
            if term.topic:
                self._terms_by_topic[term.topic].extend((*term.names, *term.lay))
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        self._title_phrases: dict[str, list[int]] = defaultdict(list)
        for index, topic in enumerate(self._topics):
            self._title_phrases[" ".join(tokens(topic.title))].append(index)
            for field, texts in self._fields(topic):
                weight = FIELD_WEIGHTS[field]
                # One pass per field: a word counts once per field however often it is repeated.
                for token in set(tokens(" ".join(texts))):
                    entry = postings[token]
                    entry[index] = entry.get(index, 0.0) + weight
        self._postings: dict[str, dict[int, float]] = {k: dict(v) for k, v in postings.items()}
        self._vocabulary = sorted(self._postings)
        count = max(1, len(self._topics))
        self._idf = {t: math.log(1 + count / len(p)) for t, p in self._postings.items()}
        # Postings with the word's rarity folded in, so a query multiplies once per word, not per topic.
        self._weighted: dict[str, dict[int, float]] = {
            t: {i: w * self._idf[t] for i, w in p.items()} for t, p in self._postings.items()
        }
        # Lay phrases and glossary names -> what they stand for.
        self._phrases: list[tuple[tuple[str, ...], str, tuple[str, ...], str]] = []
        for phrase, targets in library.synonyms:
            self._phrases.append((tuple(tokens(phrase, keep_stop_words=True)), phrase, targets, "lay words"))
        for term in library.glossary:
            targets = (term.term, *([term.topic] if term.topic else []))
            for name in (*term.aliases, *term.lay):
                self._phrases.append((tuple(tokens(name, keep_stop_words=True)), name, targets, "also called"))

        self._phrase_lookup: dict[str, list[int]] = defaultdict(list)
        self._fuzzy_texts: list[str] = []
        self._fuzzy_owner: list[int] = []
        self._fuzzy_sizes: list[int] = []
        for number, (phrase_tokens, *_) in enumerate(self._phrases):
            text = " ".join(phrase_tokens)
            if text:
                self._phrase_lookup[text].append(number)
            if len(text) >= 5:
                self._fuzzy_texts.append(text)
                self._fuzzy_owner.append(number)
                self._fuzzy_sizes.append(len(phrase_tokens))
        self._longest_phrase = max((len(p[0]) for p in self._phrases), default=0)

    def _fields(self, topic: Topic) -> list[tuple[str, list[str]]]:
        terms = self._terms_by_topic.get(topic.id, [])
        body: list[str] = []
        for block in topic.urgent:
            body.extend((block.text, *block.signs))
        for section in topic.sections:
            body.extend(section.paragraphs)
        body.extend(topic.key_points)
        return [
            ("title", [topic.title]),
            ("keywords", list(topic.keywords)),
            ("term", terms),
            ("summary", [topic.summary]),
            ("heading", [s.heading for s in topic.sections]),
            ("body", body),
        ]

    def _expand(self, query: str) -> tuple[dict[str, float], dict[int, float], list[Reason]]:
        """Query words -> weighted index words, plus direct topic boosts and reasons."""
        words = tokens(query)
        all_words = tokens(query, keep_stop_words=True)
        weights: dict[str, float] = {}
        boosts: dict[int, float] = defaultdict(float)
        reasons: list[Reason] = []

        def want(token: str, weight: float) -> None:
            if weight > weights.get(token, 0.0):
                weights[token] = weight

        hits: set[int] = set()
        # Exact phrases: every run of query words looked up directly.
        for start in range(len(all_words)):
            for end in range(start + 1, min(len(all_words), start + self._longest_phrase) + 1):
                hits.update(self._phrase_lookup.get(" ".join(all_words[start:end]), ()))
        # Misspelt phrases ("teh runs", "interlukin"): each run of up to four query words against
        # every phrase of the same length, whole to whole (a phrase that merely contains the
        # query, like "chemo plus immunotherapy" for "immunotheraphy", is not a hit).
        for start in range(len(all_words)):
            for end in range(start + 1, min(len(all_words), start + 4) + 1):
                window = " ".join(all_words[start:end])
                if len(window) < 5:
                    continue
                for _, _, at in process.extract(
                    window, self._fuzzy_texts, scorer=fuzz.ratio, score_cutoff=86, limit=None
                ):
                    if self._fuzzy_sizes[at] == end - start:
                        hits.add(self._fuzzy_owner[at])
        for number in sorted(hits):
            _, phrase, targets, label = self._phrases[number]
            target_tokens = {token for target in targets for token in tokens(target)}
            named = {self._position[target] for target in targets if target in self._position}
            reasons.append(Reason(f'{label}: "{phrase}"', frozenset(target_tokens), frozenset(named)))
            for index in named:
                # Once per topic: ten aliases of one drug must not outweigh everything else.
                boosts[index] = PHRASE_BOOST
            for token in target_tokens:
                want(token, 1.0)
        for word in words:
            if word in self._postings:
                want(word, 1.0)
            elif len(word) >= 4:
                matches = process.extract(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=78, limit=3)
                for match, score, _ in matches:
                    want(match, 0.9 * score / 100)
                if matches:
                    reasons.append(Reason(f'close to "{matches[0][0]}"', frozenset(m for m, _, _ in matches)))
            if len(word) >= 3:
                # Words that begin with what was typed ("immuno" -> immunotherapy); fewer when the word is whole.
                start = bisect.bisect_left(self._vocabulary, word)
                for candidate in self._vocabulary[start : start + (5 if word in self._postings else 20)]:
                    if not candidate.startswith(word):
                        break
                    want(candidate, 0.6)
        return weights, boosts, reasons

    def search(self, query: str, limit: int = 10) -> list[SearchResult]:
        query = query[:500]
        weights, boosts, reasons = self._expand(query)
        scores: dict[int, float] = {}
        get = scores.get
        # Rarest words first: the first (often the only) word is a plain dict copy, done in C.
        for token in sorted(weights, key=lambda t: len(self._weighted.get(t, ()))):
            weight = weights[token]
            posting = self._weighted.get(token)
            if not posting:
                continue
            if not scores and weight == 1.0:
                scores.update(posting)
                continue
            for index, value in posting.items():
                scores[index] = get(index, 0.0) + weight * value
        for index, boost in boosts.items():
            scores[index] = get(index, 0.0) + boost
        phrase = " ".join(tokens(query))
        if phrase:
            for index in self._title_phrases.get(phrase, ()):
                scores[index] += 30.0
        # Top scores in C, then ties broken by title so results never shuffle between runs.
        top = heapq.nlargest(max(0, limit) + 10, scores.items(), key=itemgetter(1))
        ranked = sorted(top, key=lambda item: (-item[1], self._topics[item[0]].title))[: max(0, limit)]
        return [
            SearchResult(
                self._topics[i].id,
                self._topics[i].title,
                round(score, 2),
                self.snippet(self._topics[i], weights),
                self._why(i, reasons),
            )
            for i, score in ranked
        ]

    def _why(self, index: int, reasons: list[Reason]) -> str:
        """The reasons that apply to this result: it is named by the phrase, or holds a word it stands for."""
        apply = [
            r.text
            for r in reasons
            if index in r.topics or any(index in self._postings.get(token, ()) for token in r.tokens)
        ]
        return "; ".join(list(dict.fromkeys(apply))[:3])

    def snippet(self, topic: Topic, weights: dict[str, float], width: int = 160) -> str:
        """The sentence that holds most of the query's words, trimmed for a result line."""
        best, best_score = topic.summary, 0.0
        texts = topic.all_text()
        next(texts)  # the title is shown already
        keys = [t for t in weights if len(t) >= 2]
        for text in texts:
            lowered = text.lower()
            if not any(k in lowered for k in keys):  # cheap test first: most paragraphs hold no query word
                continue
            for sentence in split_sentences(text):
                score = sum(weights.get(t, 0.0) for t in set(tokens(sentence)))
                if score > best_score:
                    best, best_score = sentence, score
        return best if len(best) <= width else best[: width - 1].rsplit(" ", 1)[0] + "…"

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """Words from the guide close to what was typed, for an empty result (real words, not fragments)."""
        out: list[str] = []
        words = [w for w in self._vocabulary if len(w) >= 3 and not w.isdigit()]
        for word in tokens(query):
            for match, _, _ in process.extract(word, words, scorer=fuzz.ratio, score_cutoff=50, limit=limit):
                if match not in out:
                    out.append(match)
        return out[:limit]
