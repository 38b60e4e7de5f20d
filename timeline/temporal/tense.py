"""The tense of the verb a temporal expression modifies.

Without a part-of-speech tagger, the verb is found the way a reader skims: the
nearest tense cue in the expression's own clause, looking left first (the verb
usually comes before its time: "told reporters on Monday") and then right ("On
Tuesday, the spokesman clarified"). A clause ends at the words the rules file
lists ("that", "which", a quote mark, ...), so "told reporters on Monday that
talks would continue" is past: "would" belongs to another clause.
"""

from __future__ import annotations

import re

from .rules import Rules

PAST, PRESENT, FUTURE = "past", "present", "future"

# Tokens: "won't" splits as "wo" + "n't" so that the modal stays visible.
_TOKEN = re.compile(r"[A-Za-z]+(?=n't)|n't|'[A-Za-z]+|[A-Za-z]+|\d+|[^\sA-Za-z\d]")
_SENTENCE_END = re.compile(r"[.!?][\"”']?\s+(?=[A-Z\"“])|\n\s*\n")

WINDOW_CHARS = 240  # a clause is rarely longer; a longer look only finds other clauses
WINDOW_TOKENS = 16


def tense_at(text: str, start: int, end: int, rules: Rules) -> str | None:
    """past, present or future for the expression text[start:end]; None when no cue is found."""
    left_text = text[max(0, start - WINDOW_CHARS) : start]
    ends = list(_SENTENCE_END.finditer(left_text))
    if ends:
        left_text = left_text[ends[-1].end() :]
    right_text = text[end : end + WINDOW_CHARS]
    first_end = _SENTENCE_END.search(right_text)
    if first_end:
        right_text = right_text[: first_end.start() + 1]
    left = _TOKEN.findall(left_text)[-WINDOW_TOKENS:]
    right = _TOKEN.findall(right_text)[:WINDOW_TOKENS]
    if right[:1] == ["'s"]:  # the expression's own possessive: "Wednesday's attack"
        right = right[1:]
    breaks = rules.tense["clause_breaks"]

    for index in range(len(left) - 1, -1, -1):
        if left[index].lower() in breaks:
            break
        found = _cue(left, index, rules)
        if found:
            return found
    for index, token in enumerate(right):
        if token.lower() in breaks:
            break
        found = _cue(right, index, rules)
        if found:
            return found
    return None


def _cue(tokens: list[str], index: int, rules: Rules) -> str | None:
    token = tokens[index]
    word = token.lower()
    tense = rules.tense
    if token in tense["names"]:  # "May 29", "Will Smith": a name, not a verb
        return None
    if word in tense["future"]:
        return FUTURE
    is_past = word in tense["past"] or (
        token.islower() and len(word) > 4 and word.endswith("ed") and word not in tense["not_past"]
    )
    if is_past or word in tense["present"]:
        # A verb group is as future as its head: "will be published", "to be signed".
        heads = {t.lower() for t in tokens[max(0, index - 3) : index]}
        if heads & tense["future_heads"]:
            return FUTURE
        return PAST if is_past else PRESENT
    return None


def sentence_tense(sentence: str, rules: Rules) -> str | None:
    """The tense of a sentence's first verb with a cue: its main verb, most often."""
    tokens = _TOKEN.findall(sentence)[: WINDOW_TOKENS * 2]
    for index in range(len(tokens)):
        found = _cue(tokens, index, rules)
        if found:
            return found
    return None
