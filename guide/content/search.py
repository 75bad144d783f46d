"""Search: a typed question -> the topics that answer it, ranked, each with the sentence that answers.

The ranking is SQLite FTS5's BM25 over weighted fields (search_index.py). What FTS5 does
not know comes from the content itself (query.py): lay phrases and glossary aliases stand
for the terms they mean, misspellings are corrected against the guide's own words, and a
word found in most topics ("immunotherapy", "cancer") carries almost no weight. A topic is
listed only when something typed, or what it stands for, is really in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from guide.content.model import Library, Topic
from guide.content.query import MAX_QUERY_WORDS, STOP_WORDS, PhraseTable, phrase_expression, quoted, words
from guide.content.readability import split_sentences
from guide.content.search_index import MARK_END, MARK_START, TopicTable

PAGE_SIZE = 8
"""Results shown at once, in the TUI, in `read` and by `search`; the rest come with "more"."""
PHRASE_BOOST = 12.0
"""Added to a topic that a lay phrase or alias in the query names outright."""
COMMON_SHARE = 0.5
"""A word in more than this share of topics says little about which one is meant."""
COMMON_WEIGHT = 0.05
CORRECTED_WEIGHT = 0.8
"""A corrected spelling counts a little less than a word typed right: the guess may be wrong."""
FUZZY_WORD_CUTOFF = 80
SNIPPET_WIDTH = 160
_MARKED = re.compile(f"{MARK_START}([^{MARK_END}]*){MARK_END}")


@dataclass(frozen=True)
class Group:
    """One thing to look for: a typed word, a correction, or what a phrase stands for."""

    expression: str
    label: str
    weight: float = 1.0
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchResult:
    topic_id: str
    title: str
    score: float
    snippet: str
    why: str
    """What matched in this topic, each thing once, e.g. 'lay words: "the runs"' (shown and spoken)."""
    marks: tuple[tuple[int, int], ...] = ()
    """Where the matched words are in the snippet (start, end), to show them marked."""

    def marked_snippet(self, before: str, after: str) -> str:
        """The snippet with each matched word between before and after (e.g. '*' and '*')."""
        out: list[str] = []
        at = 0
        for start, end in self.marks:
            out.extend((self.snippet[at:start], before, self.snippet[start:end], after))
            at = end
        return "".join(out) + self.snippet[at:]


@dataclass(frozen=True)
class Ranking:
    """Every topic that matches a query, best first; results are made a page at a time."""

    query: str
    hits: tuple[tuple[int, float], ...]
    groups: tuple[Group, ...] = ()
    matched: dict[int, tuple[int, ...]] = field(default_factory=dict)
    """Topic number -> the groups found in it, in query order."""

    def __len__(self) -> int:
        return len(self.hits)


class SearchIndex:
    """Built once per library; queries never touch the YAML again."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._topics: list[Topic] = list(library.topics)
        self._position = {t.id: i for i, t in enumerate(self._topics)}
        self._table = TopicTable(library)
        self._phrases = PhraseTable(library)

    # Reading the query ----------------------------------------------------------------

    def groups(self, query: str) -> list[Group]:
        """What to look for: phrases as what they stand for, then each other word (corrected if unknown)."""
        typed = words(query)[:MAX_QUERY_WORDS]
        known = {w for w in set(typed) if w in STOP_WORDS or self._table.knows(w)}
        found = self._phrases.find(typed, known)
        used = {i for p in found for i in range(p.start, p.end)}
        out: list[Group] = []
        for phrase in found:
            meaning = phrase.meaning
            names = [phrase.words, *meaning.names]
            expression = " OR ".join(phrase_expression(n) for n in dict.fromkeys(names))
            out.append(Group(expression, meaning.label, 1.0, meaning.topics))
        skip = False
        for at, word in enumerate(typed):
            if skip:
                skip = False
                continue
            if at in used or word in STOP_WORDS:
                continue
            joined = word + typed[at + 1] if at + 1 < len(typed) and at + 1 not in used else ""
            if word not in known and joined and self._table.knows(joined):  # "pseudo progression", "immuno therapy"
                out.append(Group(quoted([joined]), f'"{joined}"'))
                skip = True
            elif word in known or len(word) < 4 or word.isdigit():
                out.append(Group(quoted([word]), f'"{word}"'))
            else:
                out.extend(self._corrections(word))
        return list({g.expression: g for g in out}.values())

    @cached_property
    def _fuzzy_words(self) -> list[str]:
        return [w for w in self._table.vocabulary if len(w) >= 3 and not w.isdigit()]

    def _corrections(self, word: str) -> list[Group]:
        """An unknown word: the guide's closest spellings, or the words it begins (a half-typed word)."""
        close = [
            m
            for m in process.extract(
                word, self._fuzzy_words, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF, limit=4
            )
            if m[0][0] == word[0] or len(word) >= 8  # a short word is rarely misspelt in its first letter
        ][:2]
        if close:
            best = close[0][1]
            return [
                Group(quoted([m]), f'close to "{m}"', CORRECTED_WEIGHT * s / 100) for m, s, _ in close if s >= best - 3
            ]
        if len(word) >= 5:
            return [Group(quoted([word]) + "*", f'"{word}..."', CORRECTED_WEIGHT)]
        return [Group(quoted([word]), f'"{word}"')]

    # Ranking ------------------------------------------------------------------------------

    def rank(self, query: str) -> Ranking:
        """Every topic that really matches, best first (ties by title, so the order never shuffles).

        Words in most topics only count when nothing more telling was typed: then they decide,
        with a small lift for topics that have them in the title.
        """
        groups = self.groups(query)
        found = [self._table.scores(g.expression) for g in groups]
        common_limit = COMMON_SHARE * len(self._topics) if len(self._topics) >= 10 else len(self._topics)
        common = [len(f) > common_limit for f in found]
        telling = [n for n, c in enumerate(common) if not c and (found[n] or groups[n].topics)]
        counted = telling or [n for n in range(len(groups)) if found[n] or groups[n].topics]
        scores: dict[int, float] = {}
        matched: dict[int, list[int]] = {}
        members: set[int] = set()
        for number, group in enumerate(groups):
            weight = group.weight * (COMMON_WEIGHT if common[number] and telling else 1.0)
            for topic, score in found[number].items():
                scores[topic] = scores.get(topic, 0.0) + weight * score
                matched.setdefault(topic, []).append(number)
            if number not in counted:
                continue
            members.update(found[number])
            lifts = {self._position[t]: PHRASE_BOOST for t in group.topics if t in self._position}
            if common[number]:
                lifts.update({t: 1.0 for t in self._table.in_title(group.expression) if t not in lifts})
            for topic, lift in lifts.items():
                scores[topic] = scores.get(topic, 0.0) + lift
                matched.setdefault(topic, []).append(number)
                members.add(topic)
        hits = sorted(((t, scores[t]) for t in members), key=lambda h: (-h[1], self._topics[h[0]].title))
        return Ranking(query, tuple(hits), tuple(groups), {t: tuple(dict.fromkeys(g)) for t, g in matched.items()})

    def results(self, ranking: Ranking, start: int = 0, count: int = PAGE_SIZE) -> list[SearchResult]:
        """One page of a ranking as results with snippets and reasons."""
        page = ranking.hits[max(0, start) : max(0, start) + max(0, count)]
        # One expression for the whole page: a group that did not match a topic marks nothing in it.
        expression = " OR ".join(dict.fromkeys(g.expression for g in ranking.groups))
        marked = self._table.marked_fields([t for t, _ in page], expression) if expression else {}
        out = []
        for topic, score in page:
            groups = [ranking.groups[g] for g in ranking.matched.get(topic, ())]
            snippet, marks = self._snippet(topic, marked.get(topic, ()))
            why = "; ".join(dict.fromkeys(g.label for g in groups))
            item = self._topics[topic]
            out.append(SearchResult(item.id, item.title, round(score, 2), snippet, why, marks))
        return out

    def search(self, query: str, limit: int = PAGE_SIZE) -> list[SearchResult]:
        """The first `limit` results for a query."""
        return self.results(self.rank(query), 0, limit)

    # Snippets -----------------------------------------------------------------------------

    def _snippet(self, topic: int, fields: tuple[str, ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The best-matching sentence of the summary or body, with where its matched words are.

        Best: the most different matched words; on a tie the summary's, then the earliest.
        A topic matched only by its title, keywords or glossary names shows its summary.
        """
        best, best_count = "", 0
        for field_text in fields:
            if MARK_START not in field_text:
                continue
            for paragraph in field_text.split("\n"):
                if MARK_START not in paragraph:
                    continue
                for sentence in split_sentences(paragraph):
                    count = len({m.casefold() for m in _MARKED.findall(sentence)})
                    if count > best_count:
                        best, best_count = sentence, count
        if not best:  # matched in the title, keywords or names only: the summary's first sentence
            summary = self._topics[topic].summary
            return _trim((split_sentences(summary) or [summary])[0]), ()
        return _unmark(best)

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """Words from the guide close to what was typed, for an empty result (real words, not fragments)."""
        out: list[str] = []
        for word in words(query)[:MAX_QUERY_WORDS]:
            if word in STOP_WORDS:
                continue
            close = process.extract(word, self._fuzzy_words, scorer=fuzz.ratio, score_cutoff=50, limit=limit)
            for match, _, _ in close:
                if match not in out:
                    out.append(match)
        return out[:limit]


def _trim(text: str, width: int = SNIPPET_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def _unmark(marked: str, width: int = SNIPPET_WIDTH) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text and mark spans from highlight() output, cut to width around the first mark."""
    text, at = "", 0
    marks: list[tuple[int, int]] = []
    # highlight() output alternates: outside a match, inside one, outside, ...
    for number, part in enumerate(marked.replace(MARK_END, MARK_START).split(MARK_START)):
        if number % 2 == 1:
            marks.append((at, at + len(part)))
        text += part
        at += len(part)
    if len(text) > width:
        first = marks[0][0] if marks else 0
        begin = 0 if first < width * 2 // 3 else text.rfind(" ", 0, first - width // 3) + 1
        cut = text[begin : begin + width - 1]
        cut = cut.rsplit(" ", 1)[0] if begin + width - 1 < len(text) else cut
        prefix = "…" if begin else ""
        shift = len(prefix) - begin
        marks = [(s + shift, e + shift) for s, e in marks if s >= begin and e <= begin + len(cut)]
        text = prefix + cut + ("…" if begin + len(cut) < len(text) else "")
    return text, tuple(marks)
