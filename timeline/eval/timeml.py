"""Read gold temporal annotations: TimeML (TempEval-3) and MEANTIME's CAT XML.

Both readers give the same value, a `Document`: the plain text a tagger sees,
its creation date (the dateline the tagger resolves against), and the gold
expressions as character offsets into that plain text, so any system's output
can be scored by offsets alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator


@dataclass(frozen=True)
class Timex:
    """One temporal expression: where it stands in the plain text and its TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass(frozen=True)
class Document:
    id: str
    dct: date | None
    text: str
    gold: tuple[Timex, ...]


def _dct_date(value: str | None) -> date | None:
    """The day of a TIMEX3 value such as "1998-01-08" or "1998-11-20T19:30"."""
    value = value or ""
    # One MEANTIME creation time is written day first ("03-02-2009"); read it rather than lose it.
    flipped = re.match(r"^(\d{2})-(\d{2})-(\d{4})$", value)
    if flipped:
        value = f"{flipped[3]}-{flipped[2]}-{flipped[1]}"
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- TimeML


def parse_timeml(xml: str, doc_id: str | None = None) -> Document:
    """A TimeML document given as a string. The plain text is the content of <TEXT> with every tag
    removed; an XML parser does the unescaping, so "&amp;" counts as one character, as in the text
    a tagger would be given."""
    root = ET.fromstring(xml)
    creation = next(
        (t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None
    )
    body = root.find(".//TEXT")
    if body is None:
        raise ValueError("TimeML document without <TEXT>")
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    _flatten(body, parts, spans, [0])
    text = "".join(parts)
    gold = tuple(
        Timex(start, end, t.get("type", ""), t.get("value", ""), text[start:end])
        for start, end, t in sorted(spans, key=lambda s: (s[0], s[1]))
        # A TIMEX3 without words is an implied point: TempEval does not score it.
        if end > start and t.get("functionInDocument") != "CREATION_TIME"
    )
    docid = root.findtext("DOCID")
    return Document(
        id=(docid or "").strip() or doc_id or "",
        dct=_dct_date(creation.get("value") if creation is not None else None),
        text=text,
        gold=gold,
    )


def _flatten(elem: ET.Element, parts: list[str], spans: list, pos: list[int]) -> None:
    """Append `elem`'s text without tags to `parts`, and each TIMEX3 with its offsets to `spans`.
    `pos` is the running length of the text, in a list so the recursion can move it."""

    def add(s: str | None) -> None:
        if s:
            parts.append(s)
            pos[0] += len(s)

    add(elem.text)
    for child in elem:
        start = pos[0]
        _flatten(child, parts, spans, pos)
        if child.tag == "TIMEX3":
            spans.append((start, pos[0], child))
        add(child.tail)


def read_timeml(path: str | Path) -> Document:
    path = Path(path)
    return parse_timeml(path.read_text(encoding="utf-8"), doc_id=path.stem)


# ---------------------------------------------------------------- MEANTIME (CAT XML)

_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
ANNOTATED_SENTENCES = 5  # MEANTIME's annotation covers sentences 0..5 of each article
# The cross-document release (intra_cross-doc_annotation/) marks the events and entities of
# the whole article, but its times only in the same head: those marks do not extend the text.
WHOLE_ARTICLE_MARKABLES = {"EVENT_MENTION", "ENTITY_MENTION"}


def parse_meantime(xml: str, doc_id: str | None = None) -> Document:
    """A MEANTIME CAT document given as a string.

    CAT keeps tokens, not text: the plain text is rebuilt by joining a sentence's tokens with
    spaces and sentences with newlines, and a gold TIMEX3 spans from its first anchored token to
    its last. The creation-time TIMEX3 is itself anchored on the dateline line of the text, so it
    stays in the gold: a tagger that finds "March 01 , 2008" there is right to.

    MEANTIME annotates only the head of each article (the title, the dateline and the sentences
    up to index 5); the text stops there, or a tagger would be charged with spurious expressions
    in sentences nobody annotated.
    """
    root = ET.fromstring(xml)
    tokens = list(root.iter("token"))
    sentence_of = {t.get("t_id", ""): int(t.get("sentence") or 0) for t in tokens}
    markables = root.find("Markables")
    anchored = [
        sentence_of.get(anchor.get("t_id"), 0)
        for markable in (markables if markables is not None else ())
        if markable.tag not in WHOLE_ARTICLE_MARKABLES
        for anchor in markable.iter("token_anchor")
    ]
    last_sentence = max([ANNOTATED_SENTENCES, *anchored])
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    previous = None
    for token in tokens:
        t_id, word = token.get("t_id", ""), token.text or ""
        if sentence_of[t_id] > last_sentence:
            break
        if previous is not None:
            pieces.append(" " if sentence_of[t_id] == previous else "\n")
            pos += 1
        previous = sentence_of[t_id]
        offsets[t_id] = (pos, pos + len(word))
        pieces.append(word)
        pos += len(word)
    text = "".join(pieces)

    gold: list[Timex] = []
    dct: date | None = None
    early_days: list[tuple[int, str]] = []  # full-date timexes of the first sentences, for a missing DCT
    for timex in markables.iter("TIMEX3") if markables is not None else ():
        ids = [a.get("t_id") for a in timex.iter("token_anchor") if a.get("t_id") in offsets]
        if not ids:  # an empty TIMEX3 is an implied time with no words: not scored
            continue
        first = min(ids, key=lambda i: offsets[i][0])
        start, end = offsets[first][0], max(offsets[i][1] for i in ids)
        value = timex.get("value", "")
        gold.append(Timex(start, end, timex.get("type", ""), value, text[start:end]))
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _dct_date(value)
        if sentence_of[first] <= 1 and _FULL_DAY.match(value):
            early_days.append((start, value))
    if dct is None and early_days:
        # Two files lack the CREATION_TIME mark; their dateline is still the date under the title.
        dct = _dct_date(min(early_days)[1])
    gold.sort(key=lambda t: (t.start, t.end))
    return Document(id=root.get("doc_name") or doc_id or "", dct=dct, text=text, gold=tuple(gold))


def read_meantime(path: str | Path) -> Document:
    path = Path(path)
    return parse_meantime(path.read_text(encoding="utf-8"), doc_id=path.stem)


# ---------------------------------------------------------------- corpora


def find_files(dirs: Iterable[str | Path], suffix: str) -> list[Path]:
    """Every file ending in `suffix` under the given folders (or the files themselves), sorted."""
    found: list[Path] = []
    for d in map(Path, dirs):
        found.extend([d] if d.is_file() else sorted(p for p in d.rglob(f"*{suffix}") if p.is_file()))
    return found


def read_tempeval(dirs: Iterable[str | Path]) -> Iterator[Document]:
    return (read_timeml(p) for p in find_files(dirs, ".tml"))


def read_meantime_corpus(dirs: Iterable[str | Path]) -> Iterator[Document]:
    """Each article once: MEANTIME ships every article in two releases (intra-doc_annotation/ and
    intra_cross-doc_annotation/) with the same times, and a folder holding both would count it twice."""
    seen: set[str] = set()
    for path in find_files(dirs, ".xml"):
        document = read_meantime(path)
        if document.id not in seen:
            seen.add(document.id)
            yield document
