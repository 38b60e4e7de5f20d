"""The tense of the verb a temporal expression modifies.

Without a part-of-speech tagger, the verb is found the way a reader skims: the
nearest tense cue in the expression's own clause, looking left first (the verb
usually comes before its time: "told reporters on Monday") and then right ("On
Tuesday, the spokesman clarified"). A clause ends at the words the rules file
lists ("that", "which", a quote mark, ...), so "told reporters on Monday that
talks would continue" is past: "would" belongs to another clause. A verb right
after the expression beats one farther left ("ahead of the trip, the department on
Sunday issued"), and a deadline signal right before it ("closed until Friday")
makes it future whatever the verb. A verb group takes the tense of its head:
"will be published" is future, "had been scheduled" past, "is heard" present,
and "was due to begin" a plan seen from the past (PLANNED: its day just past or
ahead). A parenthesis holds no verb of the expression; a stop at the end of a
line ends a sentence; a fronted expression ("..., and by Friday, crews plan")
takes the verb right after its comma.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .rules import Rules

PAST, PRESENT, FUTURE = "past", "present", "future"
# A time planned, seen from the past ("was due to begin on Tuesday", "has called a meeting for
# Wednesday"): the plan may have been kept or not, its day be past or still ahead.
PLANNED = "planned"

# Tokens: "won't" splits as "wo" + "n't" so that the modal stays visible.
_TOKEN = re.compile(r"[A-Za-z]+(?=n't)|n't|'[A-Za-z]+|[A-Za-z]+|\d+|[^\sA-Za-z\d]")
# A sentence ends at a stop, past a closing quote ("Tunis . ''" in tokenized text), but not at
# the stop of an abbreviation: "10 p.m. CDT", "the U.S. Senate". The stop or line break comes
# first and the look back at the letter before it after: a pattern that opens with a set of
# characters lets the regex engine skip to them, instead of trying it at every character.
# A stop at the end of a line ends a sentence whatever opens the next ("... worldwide .\n20 April :
# rig explodes", "... on Tuesday .\n-LRB- By Kirsty ...").
_SENTENCE_END = re.compile(
    r"[.!?\n](?:(?<=[.!?])(?:\s?[\"”’']{1,2})?[^\S\n]*\n|(?<=[.!?])(?<!\b[A-Za-z].)(?:\s?[\"”’']{1,2})?\s+(?=[A-Z\"“`])|(?<=\n)\s*\n)"
)
# A parenthesis holds no verb of the expression: "slated for 3 p.m. local time (2000 GMT) on
# Thursday"; tokenized text writes it -LRB- ... -RRB-.
_PARENTHESIS = re.compile(r"\([^()\n]*\)|-LRB-(?:(?!-RRB-)[^\n])*-RRB-")

WINDOW_CHARS = 240  # a clause is rarely longer; a longer look only finds other clauses
WINDOW_TOKENS = 16
# How far after a fronted expression its verb stands: the comma, a subject, the verb ("and by
# Friday, crews plan"); farther, an apposition's ("on, Friday night, then cruising ... dressed").
FRONTED_TOKENS = 6


def tense_at(text: str, start: int, end: int, rules: Rules, reach: int = WINDOW_TOKENS) -> str | None:
    """past, present or future for the expression text[start:end]; None when no cue is found
    within `reach` tokens either side."""
    left_text = text[max(0, start - WINDOW_CHARS) : start]
    ends = list(_SENTENCE_END.finditer(left_text))
    if ends:
        left_text = left_text[ends[-1].end() :]
    right_text = text[end : end + WINDOW_CHARS]
    first_end = _SENTENCE_END.search(right_text)
    if first_end:
        right_text = right_text[: first_end.start() + 1]
    if ")" in left_text or "-RRB-" in left_text:
        left_text = _PARENTHESIS.sub(" ", left_text)
    if "(" in right_text or "-LRB-" in right_text:
        right_text = _PARENTHESIS.sub(" ", right_text)
    whole_left = _TOKEN.findall(left_text)
    left = whole_left[-WINDOW_TOKENS:]
    right = _TOKEN.findall(right_text)
    if right[:1] == ["'s"]:  # the expression's own possessive: "Wednesday's attack"
        right = right[1:]
    right = right[:WINDOW_TOKENS]
    # Cues are looked for within `reach` tokens; the words around them (a verb group's head:
    # "will have to answer to at [Friday]'s debate") may stand farther.
    left_from = max(0, len(left) - reach)
    if _is_deadline(left, rules):
        return FUTURE
    if left and left[-1].lower() in rules.tense["present_before"]:
        return PRESENT
    # "By Wednesday, he said they should ...": the report is not what the expression dates
    reported = bool(left) and left[-1].lower() in rules.tense["report_deadline_signals"]
    if _fronted(left, right, rules):
        # "and by Friday, crews plan to start": the clause after the comma is the expression's
        found = _right_cue(right, min(reach, FRONTED_TOKENS), reported, rules)
        if found:
            return found

    left_cue = None  # (distance in tokens, tense)
    subordinate_at = None  # where a subordinate clause holding the expression opens
    for index in range(len(left) - 1, left_from - 1, -1):
        if left[index] in rules.tense["sentence_openers"]:
            break
        if _breaks_clause(left[index], rules):
            if left[index].lower() in rules.tense["past_signals"]:
                return PAST
            if left[index].lower() in rules.tense["also_prepositions"]:
                continue  # no verb stood between it and the expression: a preposition
            if left[index].lower() in rules.tense["subordinators"]:
                subordinate_at = index
            break
        if _dated_noun(left, index, right, rules):
            continue
        if reported and left[index].lower() in rules.tense["reporting_verbs"]:
            continue
        found = _cue(left, index, rules, ahead=True)
        if found:
            left_cue = (len(left) - index, found)
            break
    # The left cue wins, but for a verb right after the expression when no verb stands right
    # before it: "the State Department on Sunday issued", after "ahead of the trip" far back.
    if left_cue and (left_cue[0] == 1 or not right or _breaks_clause(right[0], rules) or not _cue(right, 0, rules)):
        return left_cue[1]
    found = _right_cue(right, reach, reported, rules)
    if found:
        return found
    if subordinate_at is not None and reach == WINDOW_TOKENS:
        # No verb of its own tells ("when he visits Northern Ireland on Wednesday"): a future
        # main clause does ("many will turn out to greet him when he visits ..."). A past one
        # tells nothing the default does not, and a present perfect ("we have some immunity for
        # when it strikes in autumn") nothing at all.
        main = whole_left[: len(whole_left) - (len(left) - subordinate_at)]
        if _main_clause_future(main, rules):
            return FUTURE
    # "a program to pay down the loan by February": a deadline no verb tells of is still ahead
    return FUTURE if reported and reach == WINDOW_TOKENS else None


def _breaks_clause(token: str, rules: Rules) -> bool:
    """Whether a word ends the clause ("who", "because", ";"); not an acronym spelt the same: "the WHO will"."""
    return token.lower() in rules.tense["clause_breaks"] and not (token.isupper() and len(token) > 1)


def _right_cue(right: list[str], reach: int, reported: bool, rules: Rules) -> str | None:
    """The tense of the first verb after the expression in its clause; past a reporting verb
    where the expression dates what is reported ("By Wednesday, he said they should")."""
    for index, token in enumerate(right[:reach]):
        if _breaks_clause(token, rules):
            break
        if reported and token.lower() in rules.tense["reporting_verbs"]:
            continue
        found = _cue(right, index, rules)
        if found:
            return found
    return None


def _fronted(left: list[str], right: list[str], rules: Rules) -> bool:
    """Whether the expression opens its clause, a comma after it: "and by Friday, crews plan";
    "[Friday], the company said"."""
    if right[:1] != [","]:
        return False
    tense = rules.tense
    at = len(left) - 1
    if at >= 0 and left[at].lower() in tense["fronting_prepositions"]:
        at -= 1
    if at >= 0 and left[at].lower() in tense["coordinators"]:
        at -= 1
    return at < 0 or left[at] in tense["clause_punctuation"]


# A chronology's item after its date: a separator, the date's other day first ("May 11/12 - ...").
_ITEM_HEAD = r"(?:[^\S\n]?\\?/\d{1,2})?[^\S\n]*(?:%s)[^\S\n]"


@lru_cache(maxsize=8)
def _item_head(separators: frozenset[str]) -> re.Pattern[str]:
    return re.compile(_ITEM_HEAD % "|".join(re.escape(s) for s in sorted(separators, key=len, reverse=True)))


def heads_item(text: str, start: int, end: int, rules: Rules) -> bool:
    """Whether the expression text[start:end] heads an item of a chronology: "20 April : Rig
    explodes", "May 7 - An attempt fails" at the start of a line."""
    if _item_head(rules.tense["item_separators"]).match(text, end):
        return True
    if text[text.rfind("\n", 0, start) + 1 : start].strip():
        return False  # not at the start of its line
    return _item_head(rules.tense["line_item_separators"]).match(text, end) is not None


def planned_for(text: str, start: int, rules: Rules) -> bool:
    """Whether the expression at `start` names the day something is planned for: "a meeting for
    Wednesday"."""
    before = _TOKEN.findall(text[max(0, start - 12) : start])
    return bool(before) and before[-1].lower() in rules.tense["planned_signals"]


def _main_clause_future(left: list[str], rules: Rules) -> bool:
    """Whether the nearest verb of the clause that ends where `left` ends is itself a future cue
    ("will", "is expected"), not a verb under one ("going to be stopped") nor a future seen from
    the past ("was expected")."""
    for index in range(len(left) - 1, -1, -1):
        if left[index] in rules.tense["sentence_openers"] or _breaks_clause(left[index], rules):
            return False
        found = _cue(left, index, rules)
        if found:
            word = left[index].lower()
            return word in rules.tense["future"] and _group_head(left, index, rules) not in rules.tense["past"]
    return False


def _after_determiner(tokens: list[str], index: int, rules: Rules) -> bool:
    """Whether a determiner stands right before tokens[index] (an adverb may come between): there,
    an "-ed" word is an adjective ("the slated visit", "a still unspecified date") and "plan" a
    noun, not verbs."""
    at = index - 1
    if at >= 0 and tokens[at].lower() in rules.tense["adverbs"]:
        at -= 1
    return at >= 0 and tokens[at].lower() in rules.tense["determiners"]


def _dated_noun(left: list[str], index: int, right: list[str], rules: Rules) -> bool:
    """Whether left[index] is a noun the expression right after it dates: "announced a stimulus
    plan Thursday" (or "plan on Thursday"), not the verb of "plans Thursday to vote"."""
    tense = rules.tense
    if left[index].lower() not in tense["nouns_before_time"] or right[:1] and right[0].lower() in tense["infinitive"]:
        return False
    between = left[index + 1 :]
    return not between or (len(between) == 1 and between[0].lower() == "on")


def _is_deadline(left: list[str], rules: Rules) -> bool:
    """Whether the expression is a deadline still ahead: "closed until Friday", "postponed until
    Tuesday". Not so where the signal opens its clause ("Until Thursday, they had not called")
    or follows a word that turns it back ("up until", "not until")."""
    tense = rules.tense
    if len(left) < 2 or left[-1].lower() not in tense["deadline_signals"]:
        return False
    before = left[-2].lower()
    if not before.isalpha() or before in tense["deadline_not_after"]:
        return False
    # "did n't hear about it until Friday", "it was just a flu until Friday": a past event or
    # state that ended then, no deadline
    for index in range(len(left) - 2, -1, -1):
        word = left[index].lower()
        if _breaks_clause(left[index], rules) or left[index] in tense["sentence_openers"]:
            break
        if word in tense["negations"]:
            return False
        if _cue(left, index, rules, ahead=True):
            return word not in tense["deadline_past_verbs"]
    return True


def _cue(tokens: list[str], index: int, rules: Rules, ahead: bool = False) -> str | None:
    """The tense a token tells; `ahead`: the tokens stand before the expression, so a phrase
    the token opens may hold it ("ahead of [the weekend]")."""
    token = tokens[index]
    word = token.lower()
    tense = rules.tense
    if token in tense["names"]:  # "May 29", "Will Smith": a name, not a verb
        return None
    after = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
    if word in tense["future"] or f"{word} {after}" in tense["future_pairs"]:
        if word in tense["also_nouns"] and _after_determiner(tokens, index, rules):
            return None  # "announced the plan Aug. 21": a noun, not a verb
        before = tokens[index - 1].lower() if index > 0 else ""
        if (after in tense["not_cue_before"] and not ahead) or before in tense["not_cue_after"]:
            return None  # "[Friday] ahead of the speech", "to set up a fund", "than expected"
        if word.endswith(tuple(tense["past_endings"])) and before in tense["subjects"]:
            return PAST  # "who planned to attend": a plan made in the past
        # "had been scheduled to expire Friday": a plan made in the past for a time now past;
        # "was due to begin on Tuesday": a plan seen from the past, kept or not
        head = _group_head(tokens, index, rules)
        if head in tense["past_heads"]:
            return PAST
        return PLANNED if head in tense["planned_heads"] else FUTURE
    before = tokens[index - 1].lower() if index > 0 else ""
    if word in tense["base_forms"] and before in tense["infinitive"] and not ahead:
        return None  # "[Wednesday] to set up a fund": an infinitive of another clause
    plural_present = word in tense["plural_present"] and not _after_determiner(tokens, index, rules)
    if plural_present and before in tense["infinitive"]:
        return None  # "had been due to expire Friday": the verb that governs the infinitive tells
    if word in tense["possession"] and after in tense["determiners"]:
        return PRESENT  # "has a meeting on Friday" holds it now; only "has met" is the perfect
    is_past = word in tense["past"] or (
        token.islower()
        and len(word) > 4
        and word.endswith(tuple(tense["past_endings"]))
        and word not in tense["not_past"]
        and not _after_determiner(tokens, index, rules)
    )
    if is_past or word in tense["present"] or plural_present:
        # A verb group is as future as its head: "will be published", "to be signed". The head
        # must lead the group itself: in "the ambassador to Venezuela said", "to" heads a noun.
        head = _group_head(tokens, index, rules)
        if head in tense["future_heads"]:
            # "seemed to have vanished", "would have left": a perfect after "to" or a modal is past
            perfect = is_past and index > 0 and tokens[index - 1].lower() in tense["perfect"]
            return PAST if perfect and head not in tense["future_perfect_heads"] else FUTURE
        if is_past and head in tense["present"]:  # a present passive: "the case is heard in May"
            return PRESENT
        if plural_present and head in tense["past"]:  # "the talks did not begin Monday"
            return PAST
        return PAST if is_past else PRESENT
    return None


def _group_head(tokens: list[str], index: int, rules: Rules) -> str:
    """The word that leads the verb group ending at tokens[index], past its auxiliaries and
    adverbs ("will [not] [be] published"): the token before them, lowercased."""
    inside = rules.tense["verb_group"]
    at = index - 1
    # an adverb in "-ly" stands inside a group too: "was to be permanently sealed"
    while at >= 0 and (tokens[at].lower() in inside or _is_adverb(tokens[at])) and index - at <= 3:
        at -= 1
    return tokens[at].lower() if at >= 0 else ""


def _is_adverb(token: str) -> bool:
    return len(token) > 4 and token.islower() and token.endswith("ly")


def sentence_tense(sentence: str, rules: Rules) -> str | None:
    """The tense of a sentence's first verb with a cue: its main verb, most often."""
    tokens = _TOKEN.findall(sentence)[: WINDOW_TOKENS * 2]
    for index in range(len(tokens)):
        found = _cue(tokens, index, rules)
        if found:
            return found
    return None
