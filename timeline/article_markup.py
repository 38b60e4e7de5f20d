"""An article's text cut into what its page shows: paragraphs, sentences, temporal expressions.

The page is written from the article's own text (as `read_article` reads it),
not from Pelican's HTML, so that the character offsets of sentences and
mentions line up with what is shown. The result is plain data; the template
escapes every piece of it.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Article, Event, Mention

if TYPE_CHECKING:
    from .views import EventEntry

# A paragraph: a run of text without a blank line in it (lines, each joined by a line break to the next).
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")


@dataclass(frozen=True)
class SentenceTarget:
    """A sentence that an event came from: its page gives it an id, and links its expression."""

    start: int
    end: int
    expression_start: int  # offsets of the event's expression in the article text, -1 when none
    expression_end: int
    url: str  # the event page
    title: str  # the event, as a link's description


@dataclass(frozen=True)
class MentionMark:
    label: str  # the resolved date, as the site writes it
    url: str = ""  # its event's page, "" when no event came from it
    title: str = ""


@dataclass(frozen=True)
class Piece:
    text: str
    mention: MentionMark | None = None


@dataclass(frozen=True)
class Chunk:
    """A sentence an event came from (`anchor` set on its first chunk), or the text between them."""

    pieces: tuple[Piece, ...]
    anchor: str = ""
    is_event_sentence: bool = False


Paragraph = tuple[Chunk, ...]


def sentence_anchor(start: int) -> str:
    """The id of the sentence that starts at `start` in its article's page."""
    return f"sentence-{start}"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Each paragraph's offsets, without the white space around it."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def sentence_targets(entries: Iterable[EventEntry], articles: Mapping[str, Article],
                     realpath: Callable[[str], str] = os.path.realpath) -> dict[str, list[SentenceTarget]]:
    """Each article file (real path) → the sentences events came from, with where their expressions sit."""
    found: dict[str, list[SentenceTarget]] = {}
    for entry in entries:
        event = entry.event
        for source in event.sources:
            path = realpath(source.path)
            article = articles.get(path)
            if article is None:
                continue
            start, end = expression_in_article(event, article.text, source.sentence_start, source.sentence_end)
            found.setdefault(path, []).append(
                SentenceTarget(source.sentence_start, source.sentence_end, start, end, entry.url, entry.title))
    return found


def expression_in_article(event: Event, text: str, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    """Where the event's expression sits in this article's text; (-1, -1) when it has none there."""
    if not event.expression:
        return -1, -1
    if text[sentence_start:sentence_end] == event.text and event.expression_start >= 0:
        return sentence_start + event.expression_start, sentence_start + event.expression_end
    # another article's report of a merged event: its own sentence, its own wording
    found = text.find(event.expression, sentence_start, sentence_end)
    if found < 0:
        found = text.lower().find(event.expression.lower(), sentence_start, sentence_end)
    return (found, found + len(event.expression)) if found >= 0 else (-1, -1)


def mark_article(text: str, mentions: Iterable[Mention], targets: Iterable[SentenceTarget],
                 label_of: Callable[[Mention], str]) -> tuple[Paragraph, ...]:
    """The article as paragraphs of chunks of pieces, each mention labelled and linked to its event."""
    mentions = sorted(mentions, key=lambda m: m.start)
    starts = [mention.start for mention in mentions]
    targets = list(targets)
    sentences = _without_overlaps(targets)
    linked: dict[int, SentenceTarget] = {}
    for target in reversed(targets):  # the first target of an expression links it
        linked[target.expression_start] = target
    marks = {m.start: _mark(m, linked.get(m.start), label_of) for m in mentions}
    paragraphs = []
    for start, end in paragraph_spans(text):
        chunks = []
        for chunk_start, chunk_end, sentence in _chunks(start, end, sentences):
            pieces = _pieces(text, chunk_start, chunk_end, mentions, starts, marks)
            first = sentence is not None and sentence.start >= start
            chunks.append(Chunk(pieces, sentence_anchor(sentence.start) if first else "", sentence is not None))
        paragraphs.append(tuple(chunks))
    return tuple(paragraphs)


def _without_overlaps(targets: Iterable[SentenceTarget]) -> list[SentenceTarget]:
    """One target per sentence, in text order; a sentence overlapping an earlier one is left out."""
    kept: list[SentenceTarget] = []
    by_sentence: dict[tuple[int, int], SentenceTarget] = {}
    for target in sorted(targets, key=lambda t: (t.start, t.end)):
        if (target.start, target.end) in by_sentence:
            continue  # several events in one sentence: one anchor, each expression linked by _mark
        if kept and target.start < kept[-1].end:
            continue
        by_sentence[target.start, target.end] = target
        kept.append(target)
    return kept


def _chunks(start: int, end: int, sentences: list[SentenceTarget]):
    cursor = start
    for sentence in sentences:
        if sentence.end <= start or sentence.start >= end:
            continue
        lo, hi = max(sentence.start, start), min(sentence.end, end)
        if cursor < lo:
            yield cursor, lo, None
        yield lo, hi, sentence
        cursor = hi
    if cursor < end:
        yield cursor, end, None


def _pieces(text: str, start: int, end: int, mentions: list[Mention], starts: list[int],
            marks: Mapping[int, MentionMark]) -> tuple[Piece, ...]:
    """The text from `start` to `end` as plain pieces and mentions (`mentions` in order, `starts` their offsets)."""
    pieces, cursor = [], start
    for mention in mentions[bisect_left(starts, start):bisect_left(starts, end)]:
        if mention.start < cursor:
            continue
        if cursor < mention.start:
            pieces.append(Piece(text[cursor : mention.start]))
        stop = min(mention.end, end)
        pieces.append(Piece(text[mention.start : stop], marks[mention.start]))
        cursor = stop
    if cursor < end:
        pieces.append(Piece(text[cursor:end]))
    return tuple(pieces)


def _mark(mention: Mention, target: SentenceTarget | None, label_of: Callable[[Mention], str]) -> MentionMark:
    """The mention's label, and a link to the event it dates (`target`), if one does."""
    if target is not None:
        return MentionMark(label_of(mention), target.url, target.title)
    return MentionMark(label_of(mention))
