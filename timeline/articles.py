"""Read one article from disk: a Pelican metadata header, or raw news text.

Raw news text (like a page copied from a news site) starts with a slug line and
a caption that carries the dateline; both are furniture, not sentences, and are
cut from the text so that they never become events.
"""

from __future__ import annotations

import re
from pathlib import Path

from .dateline import find_dateline, parse_date
from .model import Article

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")

# "Key: value" at the top of a file, as Pelican's Markdown reader expects it.
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")
# A slug line: one lowercase word, no spaces, alone on the first line.
_SLUG_LINE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# A photo caption: a credit sign, or bullets between place and date.
_CAPTION_LINE = re.compile(r"^(?:©|\(c\)|Photo:|Image:)|•.*•")


class ArticleError(ValueError):
    """An article that cannot be read; the message names the file and the problem."""


def read_article(path: Path) -> Article:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    return parse_article(raw, path)


def parse_article(raw: str, path: Path) -> Article:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    metadata, body = split_header(raw)
    dateline = None
    if "date" in metadata:
        dateline = parse_date(metadata["date"][:10]) or parse_date(metadata["date"])
    if dateline is None:
        dateline = find_dateline(body)
    body, found_slug = strip_furniture(body)
    slug = metadata.get("slug") or found_slug or slugify(path.stem)
    title = metadata.get("title") or first_sentence(body) or slug
    return Article(
        slug=slug,
        title=title,
        text=body,
        dateline=dateline,
        path=path,
        url=metadata.get("source", ""),
        metadata=tuple(sorted(metadata.items())),
    )


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """The metadata header (keys lowercased) and the text after it."""
    lines = raw.split("\n")
    metadata: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            if metadata:
                return metadata, "\n".join(lines[index + 1 :])
            return {}, raw
        match = _HEADER_LINE.match(line)
        if not match:
            return ({}, raw) if not metadata else (metadata, "\n".join(lines[index:]))
        metadata[match.group(1).lower()] = match.group(2).strip()
    return metadata, ""


def strip_furniture(body: str) -> tuple[str, str | None]:
    """Remove a leading slug line and caption line; return the text and the slug."""
    lines = body.split("\n")
    slug = None
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _SLUG_LINE.match(lines[0].strip()):
        slug = lines.pop(0).strip()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _CAPTION_LINE.search(lines[0]):
        lines.pop(0)
    return "\n".join(lines).strip("\n") + "\n", slug


def first_sentence(text: str, limit: int = 100) -> str:
    first = text.strip().split("\n", 1)[0]
    first = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "article"
