"""Split a text into sentences, as character spans.

The sentences are syntok's (its segmenter knows news abbreviations, initials, numbers and
quotes), and so are the events' ids made from them; but syntok tokenises every word and walks
a state machine over each, which made it the build's largest single cost. Here only the places
where a terminal (. ! ? ; …) stands are looked at: the few tokens around each are cut the way
syntok's tokenizer cuts them, and syntok's rules decide whether the sentence ends there. The
words those rules consult are data (`language/<code>-sentences.toml`). A paragraph with
brackets, whose skipping rules reach far, goes to syntok itself.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import regex
from syntok.segmenter import segment
from syntok.tokenizer import Tokenizer

LANGUAGE_DIR = Path(__file__).parent / "language"

PARAGRAPH_BREAK = regex.compile(r"\r?\n(?:\s*\r?\n)+")
TERMINAL_CHARACTERS = ".!?;\u203c\u203d\u2047\u2048\u2049\u3002\ufe52\ufe57\uff01\uff0e\uff1f\uff61"
TERMINALS = frozenset(TERMINAL_CHARACTERS) | {"..."}
OPENING_BRACKETS = "([{\uff5f\uff5b\uff3b\uff08\ufe5d\ufe5b\ufe59\ufd3e\u301a\u3018\u2985\u2983\u2329"
CLOSING_BRACKETS = frozenset(")]}\uff60\uff5d\uff3d\uff09\ufe5e\ufe5c\ufe5a\ufd3f\u301b\u3019\u2986\u2984\u232a")
CLOSING_QUOTES = frozenset("'\"\u00b4\u2019\u201d\u232a\u27e9\u27eb\u2e29\u3009\u300b\u301e")
INNER_PUNCTUATION = frozenset(",;:")
HAS_BRACKET = regex.compile(f"[{regex.escape(OPENING_BRACKETS)}]")
# Runs of text between spaces (syntok also splits at the zero-width space), and the spaces.
CHUNK = regex.compile(r"[^\s\u200b]+")
TERMINAL_CHARACTER = regex.compile(f"[{regex.escape(TERMINAL_CHARACTERS)}]")
GAP = regex.compile(r"[\s\u200b]")
GAP_BEFORE = regex.compile(r"(?r)[\s\u200b]")  # searched backwards
CHUNK_BEFORE = regex.compile(r"(?r)[^\s\u200b]+")
# syntok's tokenizer: where a run of letters and digits is cut into several tokens.
_HYPHENS = "\u00ad\u058a\u05be\u0f0c\u1400\u1806\u2010\u2011\u2012\u2e17\u30a0-"
_APOSTROPHES = "'\u00b4\u02b9\u02bc\u2019\u2032"
WORD_SEPARATION = regex.compile(
    r"(?<=\p{Ll})[.!?]?(?=\p{Lu})|"
    rf"[{_APOSTROPHES}]\p{{L}}+|"
    r"[\p{Ps}\p{Pe}]|"
    r"\.\.\.|"
    rf"(?<=\p{{L}})[,;_{_HYPHENS}](?=[\p{{L}}\p{{Nd}}])|"
    rf"(?<=[\p{{L}}\p{{Nd}}])[,;_{_HYPHENS}](?=\p{{L}})"
)
APOSTROPHE_T = regex.compile(f"[{_APOSTROPHES}]t")
UNEMITTED_SEPARATORS = frozenset(_HYPHENS + "_")


@dataclass(frozen=True)
class SentenceFacts:
    abbreviations: frozenset[str]
    months: frozenset[str]
    starters: frozenset[str]
    number_words: frozenset[str]
    roman_numerals: frozenset[str]
    vowels: frozenset[str]


@cache
def load_facts(language: str = "en") -> SentenceFacts:
    data = tomllib.loads((LANGUAGE_DIR / f"{language}-sentences.toml").read_text(encoding="utf-8"))
    return SentenceFacts(*(frozenset(data[name]) for name in
                           ("abbreviations", "months", "starters", "number_words", "roman_numerals", "vowels")))


class Token(NamedTuple):
    start: int
    value: str
    spaced: bool  # something (a space, a hyphen) stands between it and the token before

    @property
    def end(self) -> int:
        return self.start + len(self.value)


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence of `text`, in order, from its first token to its last."""
    facts = load_facts(language)
    spans: list[tuple[int, int]] = []
    start = 0
    for gap in PARAGRAPH_BREAK.finditer(text):
        _paragraph(text, start, gap.start(), facts, spans)
        start = gap.end()
    _paragraph(text, start, len(text), facts, spans)
    return spans


def _paragraph(text: str, start: int, end: int, facts: SentenceFacts, spans: list) -> None:
    paragraph = text[start:end]
    if HAS_BRACKET.search(paragraph):
        spans.extend(_syntok_spans(paragraph, start))
        return
    first = CHUNK.search(paragraph)
    if first is None:
        return
    sentence = position = first.start()
    found = TERMINAL_CHARACTER.search(paragraph, position)
    while found is not None:
        chunk_start, chunk_end = _chunk_around(paragraph, found.start())
        tokens = chunk_tokens(paragraph, chunk_start, chunk_end)
        for index, token in enumerate(tokens):
            if token.start < position or token.value not in TERMINALS or token.start == sentence:
                continue
            before = tokens[index - 1] if index else _token_before(paragraph, chunk_start)
            after = _tokens_after(paragraph, tokens, index + 1, chunk_end)
            last, token_after, following = _consume_after_terminal(token, after)
            position = last.end
            if following is None:
                break
            if _ends_sentence(paragraph, sentence, before, token.start, token_after, following, facts):
                spans.append((start + sentence, start + last.end))
                sentence = following.start
        found = TERMINAL_CHARACTER.search(paragraph, max(position, chunk_end))
    last_chunk = CHUNK_BEFORE.search(paragraph, sentence)
    if last_chunk is not None:  # the paragraph's last sentence, to its last token
        spans.append((start + sentence, start + last_chunk.end()))


def _syntok_spans(paragraph: str, offset: int) -> list[tuple[int, int]]:
    spans = []
    for sentence in segment(Tokenizer(replace_not_contraction=False).tokenize(paragraph, offset)):
        tokens = [token for token in sentence if token.value]
        if tokens:
            spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


def chunk_tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of `text[start:end]`, a run without spaces, cut as syntok's tokenizer cuts them."""
    return [Token(start + offset, value, spaced) for offset, value, spaced in _chunk_pieces(text[start:end])]


@lru_cache(maxsize=1 << 16)
def _chunk_pieces(chunk: str) -> tuple[Token, ...]:
    """`chunk_tokens` of one run, from offset 0: news repeats its words, so each is cut once."""
    return tuple(_cut_chunk(chunk, 0, len(chunk)))


def _cut_chunk(text: str, start: int, end: int) -> list[Token]:
    core_start = start
    while core_start < end and not text[core_start].isalnum():
        core_start += 1
    if core_start == end:  # no letter or digit: one token ("...", "!!", "--")
        return [Token(start, text[start:end], True)]
    core_end = end
    while not text[core_end - 1].isalnum():
        core_end -= 1
    tokens = [Token(i, text[i], i == start) for i in range(start, core_start)]
    tokens += _word_tokens(text[core_start:core_end], core_start, core_start == start)
    if text.startswith("...", core_end):
        tokens.append(Token(core_end, "...", False))
        core_end += 3
    tokens += [Token(i, text[i], False) for i in range(core_end, end)]
    return tokens


def _word_tokens(word: str, offset: int, spaced: bool) -> list[Token]:
    """A run from its first letter or digit to its last, cut where syntok's tokenizer cuts it."""
    tokens: list[Token] = []
    remainder = 0
    for cut in WORD_SEPARATION.finditer(word):
        if cut.start() > remainder:
            if APOSTROPHE_T.fullmatch(cut.group()) and word[cut.start() - 1] == "n":  # "n't"
                if remainder < cut.start() - 1:
                    tokens.append(Token(offset + remainder, word[remainder : cut.start() - 1], spaced))
                    spaced = False
                tokens.append(Token(offset + cut.start() - 1, "n" + cut.group(), spaced))
                spaced = False
                remainder = cut.end()
                continue
            tokens.append(Token(offset + remainder, word[remainder : cut.start()], spaced))
            spaced = False
        separator = cut.group()
        if separator and separator not in UNEMITTED_SEPARATORS:
            tokens.append(Token(offset + cut.start(), separator, spaced))
            spaced = False
        elif separator:
            spaced = True
        remainder = cut.end()
    if remainder < len(word):
        tokens.append(Token(offset + remainder, word[remainder:], spaced))
    return tokens


def _chunk_around(paragraph: str, at: int) -> tuple[int, int]:
    """The run without spaces that the character at `at` is in."""
    gap_before = GAP_BEFORE.search(paragraph, 0, at)
    gap_after = GAP.search(paragraph, at)
    return gap_before.end() if gap_before else 0, gap_after.start() if gap_after else len(paragraph)


def _token_before(paragraph: str, chunk_start: int) -> Token | None:
    """The last token of the run before the one starting at `chunk_start`."""
    chunk = CHUNK_BEFORE.search(paragraph, 0, chunk_start)
    return chunk_tokens(paragraph, chunk.start(), chunk.end())[-1] if chunk else None


def _tokens_after(paragraph: str, tokens: list[Token], index: int, chunk_end: int):
    yield from tokens[index:]
    for chunk in CHUNK.finditer(paragraph, chunk_end):
        yield from chunk_tokens(paragraph, chunk.start(), chunk.end())


def _consume_after_terminal(terminal: Token, after) -> tuple[Token, str, Token | None]:
    """What still belongs to the sentence after its terminal: its last token, the first symbol after
    the terminal (or the next token's text), and the token that follows (None at the end)."""
    last, first_symbol = terminal, None
    following = next(after, None)
    for quote_allowed in (True, False):
        while following is not None and (following.value in TERMINALS or following.value in CLOSING_BRACKETS):
            last, first_symbol = following, first_symbol or following.value
            following = next(after, None)
        if quote_allowed and following is not None and following.value in CLOSING_QUOTES and not following.spaced:
            last, first_symbol = following, first_symbol or following.value
            following = next(after, None)
    token_after = first_symbol or (following.value if following is not None else "")
    return last, token_after, following


def _ends_sentence(paragraph: str, sentence: int, before: Token | None, terminal: int, token_after: str,
                   following: Token, facts: SentenceFacts) -> bool:
    """Whether the terminal at `terminal` ends the sentence begun at `sentence`: syntok's rules, in its order."""
    word = before.value if before is not None else ""
    upcoming = following.value

    def first_token() -> bool:  # syntok's segmenter still in its first-token state
        return _at_first_token(paragraph, sentence, terminal)

    if upcoming[:1].islower() or upcoming in INNER_PUNCTUATION:
        return False
    if upcoming in facts.starters and not (_letter_or_roman(word, facts) and first_token()):
        return True
    if word in facts.abbreviations and token_after not in CLOSING_BRACKETS:
        return False
    if word in facts.number_words and upcoming.isalnum() and any(c.isnumeric() for c in upcoming):
        return False
    if upcoming.isnumeric() and not following.spaced:
        return False
    if not following.spaced and (not token_after.istitle() or not token_after.isalpha() or len(token_after) == 1):
        return False
    if upcoming.isnumeric() and len(upcoming) > 2:
        return False
    if word.isnumeric() and upcoming in facts.months:
        return False
    if word in facts.months and upcoming.isnumeric():
        return False
    if "." in word and token_after != ".":
        return False
    if _letter_or_roman(word, facts) and (word.isupper() or first_token()):
        return False
    if len(word) == 1 and word.isalpha() and word not in facts.vowels:
        return False
    return True


def _letter_or_roman(word: str, facts: SentenceFacts) -> bool:
    return len(word) == 1 or word in facts.roman_numerals


def _at_first_token(paragraph: str, sentence: int, terminal: int) -> bool:
    """Whether only single tokens each closed by a terminal came before `terminal` in the sentence:
    then syntok's segmenter is still in its first-token state (where "A." or "IV." may start one)."""
    tokens = [token for chunk in CHUNK.finditer(paragraph, sentence, terminal)
              for token in chunk_tokens(paragraph, chunk.start(), chunk.end())]
    index = 0
    while index < len(tokens):
        index += 1  # the token moved over
        if index == len(tokens):
            return True
        if tokens[index].value not in TERMINALS:
            return False
        rest = iter(tokens[index:])
        terminal_token = next(rest)
        last, _, following = _consume_after_terminal(terminal_token, rest)
        if following is None:
            return True
        index = tokens.index(following, index)
    return True
