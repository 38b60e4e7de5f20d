"""Sentences and their mentions → the events of one article.

A sentence becomes an event when a temporal expression dates what it reports:
a date at day precision or coarser, never a duration, a set or a vague "earlier",
nor the stamp a page, a wire story or a reader's comment carries.
The article's lead sentence, when it has no expression of its own and reports
something done (past or present perfect), happened on the dateline. A chronology
whose line breaks were lost ("20 April : Rig explodes 28 April : ...") is read
item by item, each dated by the date that heads it.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cache

from .language import Language, load_language
from .model import Article, Event, Mention, Source
from .sentences import sentence_spans
from .temporal.calendar import precision_rank
from .temporal.rules import Rules, load_rules
from .temporal.tense import PAST, sentence_tense

SUMMARY_LIMIT = 120
# A "sentence" longer than this is a table, a list or a paste gone wrong, not
# a report of something that happened.
MAX_SENTENCE = 2000
# The lead is the first sentence without a date among the article's first few:
# a standfirst line may come before it.
LEAD_SENTENCES = 2

_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
# A run of this many words in capitals is a headline, not a name ("UNITED NATIONS" is two).
SHOUTED_WORDS = 3
_NAME = re.compile(r"[A-Z][\w'’.-]*[\w]|[A-Z]")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CLOCK = re.compile(r"T\d\d:\d\d")  # a TIMEX3 value that gives the hour and minute
# What follows a date that heads an item of a chronology: "28 April : Coastguard fears ...",
# "July 15 - BP says ...".
_ITEM_HEAD = re.compile(r"\s*(?::|-{1,2}|–|—)\s")


def extract_events(article: Article, mentions: Sequence[Mention], language: str = "en") -> list[Event]:
    """The events of one article, in reading order."""
    rules = load_rules(language)
    names = load_language(language)
    starts = [m.start for m in mentions]
    words = frozenset(_LOWER_WORD.findall(article.text))
    events: list[Event] = []
    seen: set[str] = set()
    for index, (start, end), within in _reports(article.text, mentions, starts, names):
        sentence = article.text[start:end]
        if end - start > MAX_SENTENCE or _asks(sentence, names):
            continue
        inside = [m for m in within if not is_timestamp(m)]
        dated = [m for m in inside if m.is_dated and m.type in ("DATE", "TIME") and not _bounds(article.text, start, m, names)]
        if dated:
            event = _dated_event(article, start, end, sentence, _main_mention(dated, language), actors(sentence, names, words))
        elif not _dates_itself(inside) and index < LEAD_SENTENCES and article.dateline and not events and _reports_done(sentence, rules):
            event = _lead_event(article, start, end, sentence, actors(sentence, names, words))
        else:
            continue
        if event.id not in seen:  # a sentence repeated word for word is one event, and ids stay unique
            seen.add(event.id)
            events.append(event)
    return events


def _asks(sentence: str, language: Language) -> bool:
    """Whether the sentence is a question: it asks, it reports nothing."""
    return language.question is not None and language.question.search(sentence) is not None


def is_timestamp(mention: Mention) -> bool:
    """A date written with its year and a clock time: a stamp, not the time of what a sentence reports.

    Publishing systems stamp pages, wire copy and readers' comments that way ("Page last updated
    at 08:14 GMT, Tuesday, 8 November 2011", "HOUSTON | Thu Apr 22, 2010 7:30 pm EDT", "At 00:45
    am on 16 Jun 2010, X wrote"); prose about an event gives the day or the hour, rarely both with
    a year. Such a stamp dates the page, not a sentence: the sentence it heads is dated by an
    expression of its own, else, as a lead, by the dateline.
    """
    return (
        mention.type == "TIME"
        and mention.first is not None
        and _CLOCK.search(mention.value) is not None
        and str(mention.first.year) in mention.text
    )


# How far before an expression its bound ("until", "shortly before") is looked for: the words right before it.
BOUND_CHARS = 30


def _bounds(text: str, sentence_start: int, mention: Mention, language: Language) -> bool:
    """Whether the expression bounds what its sentence tells ("free until Monday") rather than dates it."""
    before = max(sentence_start, mention.start - BOUND_CHARS)
    if language.bound is None or not language.bound.search(text, before, mention.start):
        return False
    if language.near_bound and language.near_bound.search(text, before, mention.start):
        return False
    if language.bound_then and language.bound_then.match(text, mention.end):
        return False
    return not (language.bound_lifted and language.bound_lifted.search(text, sentence_start, mention.start))


def _dates_itself(mentions: list[Mention]) -> bool:
    """A date or a vague "earlier" says when; a duration or a set does not."""
    return any(m.type in ("DATE", "TIME") for m in mentions)


def _main_mention(dated: list[Mention], language: str = "en") -> Mention:
    """The expression the sentence hangs on: the most precise, then one that names its day
    itself, then the first."""
    return min(dated, key=lambda m: (precision_rank(m.granularity), _bare_clock(m, language), m.start))


def _bare_clock(mention: Mention, language: str) -> bool:
    """A clock time that names no day ("3 p.m.", "10:59 am EDT") takes its day from the dateline or
    the last date mentioned, so a day the sentence names ("the hearing, slated for 3 p.m. local
    time on Thursday", "doors open at 16:00 BST for Saturday's show") dates it better."""
    if mention.type != "TIME" or (mention.first and str(mention.first.year) in mention.text):
        return False
    return not any(word in _day_words(language) for word in re.findall(r"[^\W\d_]+", mention.text.lower()))


@cache
def _day_words(language: str) -> frozenset[str]:
    """The words by which a time names its day: a weekday, a month, "today", "tonight", "morning"."""
    words = load_rules(language).words
    kinds = ("weekday", "month", "deictic_day", "part_of_day")
    return frozenset(name.lower().rstrip(".") for kind in kinds for name in words[kind].meanings if " " not in name)


def _reports(text: str, mentions: Sequence[Mention], starts: list[int], language: Language
             ) -> Iterator[tuple[int, tuple[int, int], list[Mention]]]:
    """The spans that may each report an event, with the index of their sentence and the mentions
    inside them: the sentences, cut where a page's stamp stands inside one, and a chronology run
    into one sentence cut into its items."""
    for index, sentence in enumerate(sentence_spans(text)):
        for start, end in _around_stamps(text, sentence, _within(mentions, starts, *sentence), language.stamp_label):
            inside = _within(mentions, starts, start, end)
            heads = [m.start for m in inside if m.granularity == "day" and _ITEM_HEAD.match(text, m.end)]
            if len(heads) < 2:  # one date before a dash is an aside or a dateline, not a list
                yield index, (start, end), inside
                continue
            # "20 April : Rig explodes 28 April : Coastguard fears ...": each date dates its own item.
            cuts = [start, *(head for head in heads if head > start), end]
            for item_start, item_end in zip(cuts, cuts[1:]):
                if text[item_start:item_end].strip():
                    yield index, (item_start, item_end), _within(mentions, starts, item_start, item_end)


def _around_stamps(text: str, sentence: tuple[int, int], inside: list[Mention], label: re.Pattern[str] | None
                   ) -> Iterator[tuple[int, int]]:
    """A sentence cut at the page stamps inside it, and their labels ("Page last updated at"): a
    headline, its stamp and a caption run together ("BP knew of cement flaws Friday 29 October 2010
    08.38 BST Fire burns on the rig in April .") are a headline and a caption, neither dated by the
    other's dates."""
    cuts = [sentence[0]]
    for stamp in inside:
        if is_timestamp(stamp):
            headed = label.search(text, cuts[-1], stamp.start) if label else None
            cuts += [headed.start() if headed else stamp.start, stamp.end]
    cuts.append(sentence[1])
    for start, end in zip(cuts[::2], cuts[1::2]):
        piece = text[start:end]
        if piece.strip():
            yield start + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))


def _within(mentions: Sequence[Mention], starts: list[int], start: int, end: int) -> list[Mention]:
    """The mentions inside text[start:end]: mentions are in reading order, so a binary search
    finds a span's own in linear time overall."""
    first = bisect_left(starts, start)
    return [m for m in mentions[first : bisect_left(starts, end, first)] if m.end <= end]


def _reports_done(sentence: str, rules: Rules) -> bool:
    """Whether a sentence tells of something done: its verb in the past or present perfect, and not a
    page's call to its reader ("Get the Morning Fix delivered to your inbox")."""
    first = sentence.split(maxsplit=1)[:1]
    if first and first[0] in rules.tense["reader_calls"]:
        return False
    return sentence_tense(sentence, rules) == PAST


def _dated_event(article: Article, start: int, end: int, sentence: str, mention: Mention, named: tuple[str, ...]) -> Event:
    offset = mention.start - start
    return Event(
        id=event_id(article.slug, sentence, mention.text),
        start=mention.first,
        end=mention.last,
        granularity=mention.granularity,
        value=mention.value,
        expression=mention.text,
        text=sentence,
        summary=summarize(sentence, offset, offset + len(mention.text)),
        # ahead of the dateline, or from it on ("later this week"): told before it happened
        future=bool(article.dateline and (mention.first > article.dateline or mention.first == article.dateline < mention.last)),
        sources=(_source(article, start, end),),
        actors=named,
        expression_start=offset,
        expression_end=offset + len(mention.text),
    )


def _lead_event(article: Article, start: int, end: int, sentence: str, named: tuple[str, ...]) -> Event:
    day = article.dateline
    return Event(
        id=event_id(article.slug, sentence, ""),
        start=day,
        end=day,
        granularity="day",
        value=day.isoformat(),
        expression="",
        text=sentence,
        summary=summarize(sentence, -1, -1),
        future=False,
        sources=(_source(article, start, end),),
        actors=named,
        importance=0.5,
    )


def _source(article: Article, start: int, end: int) -> Source:
    return Source(article.slug, article.title, str(article.path), article.dateline, start, end)


def event_id(slug: str, sentence: str, expression: str) -> str:
    """An id from what the event is, so that it never moves when other events come and go."""
    digest = hashlib.sha1(f"{slug}\n{sentence_words(sentence)}\n{expression.lower()}".encode()).hexdigest()[:10]
    return f"{slug}-{digest}"


def sentence_words(sentence: str) -> str:
    """A sentence as its words, in lower case: the same sentence however it is spaced or punctuated."""
    return " ".join(re.findall(r"\w+", sentence.lower()))


def summarize(sentence: str, expression_start: int, expression_end: int) -> str:
    """A short headline: the sentence without a fronted time ("On Friday, ...") or an opening aside
    ("(Updated 6:40 p.m.) ..."), cut at a word."""
    text = " ".join(sentence.split())
    if 0 <= expression_start <= 4:
        rest = sentence[expression_end:]
        if rest.lstrip().startswith(","):
            text = " ".join(rest.lstrip()[1:].split())
    text = _without_opening_aside(text)
    text = text[:1].upper() + text[1:]
    if len(text) <= SUMMARY_LIMIT:
        return text
    cut = text[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


# Brackets as text writes them, and as tokenised corpora do (Penn Treebank: "-LRB-").
_BRACKET = re.compile(r"\(|\)|-LRB-|-RRB-")


def _without_opening_aside(text: str) -> str:
    """The text after the bracketed aside it opens with, if it goes on after it."""
    depth = 0
    for bracket in _BRACKET.finditer(text):
        if bracket.start() == 0 or depth:
            depth += 1 if bracket.group() in ("(", "-LRB-") else -1
            if depth == 0:
                rest = text[bracket.end():].lstrip(" -–—:")
                return rest if len(rest.split()) >= 3 else text
        else:
            break
    return text


def actors(sentence: str, language: Language, common: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The people and organisations a sentence names: runs of capitalised words. A lone word that
    its article also writes in lower case ("Oil floats on the surface", "People in China are taking
    no chances") is a word capitalised where a sentence or a headline begins, not a name."""
    names: list[str] = []
    run: list[str] = []
    skip = _not_actors(language.code)
    if language.titles is not None:
        sentence = language.titles.sub(" , ", sentence)  # a title ends the name before it, too
    for token in _TOKEN.findall(sentence):
        clean = _POSSESSIVE.sub("", token).rstrip(".") if token[0].isupper() else token
        if _NAME.fullmatch(clean) and clean not in skip:
            run.append(clean)
        elif run and token in language.name_joiners:
            run.append(token)
        elif run:
            _close(run, names, language, common)
            run = []
        if token != clean and run:  # a possessive ends the name
            _close(run, names, language, common)
            run = []
    _close(run, names, language, common)
    return tuple(dict.fromkeys(names))


@cache
def _not_actors(language: str) -> frozenset[str]:
    """Capitalised words that name no one: the language's list; the names of days, months, time
    zones, holidays and decades ("Seventies"); and a number opening a sentence ("Two days later,
    Ukraine's allies ...")."""
    words = load_rules(language).words
    numbers = frozenset(word.capitalize() for word in words["number"].meanings if " " not in word)
    decades = frozenset(word.capitalize() for word in words["decade_word"].meanings)
    times = (frozenset(words[kind].meanings) for kind in ("weekday", "weekday_short", "month", "timezone", "holiday"))
    return load_language(language).not_names.union(numbers, decades, *times)


def _close(run: list[str], names: list[str], language: Language, common: frozenset[str]) -> None:
    """The names in a run of capitalised words: a title ends a name and starts none ("Defense
    Secretary Lloyd Austin"), unless it is part of an organisation's ("Russian Foreign Ministry")."""
    piece: list[str] = []
    for place, word in enumerate(run):
        if word in language.title_words and not _in_organisation(run, place, language):
            _close_name(piece, names, language, common)
            piece = []
        elif piece or not word.islower():  # not "of" left at the head once "Minister" is gone
            piece.append(word)
    _close_name(piece, names, language, common)


def _in_organisation(run: list[str], place: int, language: Language) -> bool:
    """Whether the title at `place` belongs to an organisation's name: one it follows ("Ministry of
    Defence"), or the one the words after it, up to the next title, name ("Foreign Ministry",
    "General Assembly of the Church of Scotland")."""
    before = place
    while before > 0 and run[before - 1].islower():
        before -= 1
    if before < place and before > 0 and run[before - 1] in language.organisations:
        return True
    after = place + 1
    while after < len(run) and run[after] in language.title_words:
        after += 1
    end = next((i for i in range(after, len(run)) if run[i] in language.title_words), len(run))
    # A title of several words ("Press Secretary") is no organisation's word itself, as "Press" is in "Associated Press".
    names = (run[place:after] if after == place + 1 else []) + run[after:end]
    while names and names[-1].islower():
        names.pop()
    return any(word in language.organisations and (i == len(names) - 1 or names[i + 1].islower())
               for i, word in enumerate(names))


def _close_name(run: list[str], names: list[str], language: Language, common: frozenset[str]) -> None:
    while run and run[-1].islower():
        run.pop()
    if not run:
        return
    if len(run) >= SHOUTED_WORDS and all(word.isupper() and len(word) > 1 for word in run):
        return  # a headline in capitals ("NEW CAP FOR LEAKING OIL WELL"), not a name
    if len(run) == 1:
        word = run[0]
        # "US-supplied" describes; "Ukrainian" is a people's adjective, not someone who acted;
        # a letter alone is an initial the sentence split from its name ("George W.").
        if re.search(r"-[a-z]", word) or word.lower().endswith(language.adjective_endings) or len(word) == 1:
            return
        if word[1:].islower() and word.lower() in common:  # not an acronym: "WHO" is no "who"
            return
    names.append(" ".join(run))
