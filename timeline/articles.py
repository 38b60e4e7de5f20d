"""Read one article from disk: a Pelican metadata header, or raw news text.

Raw news text (like a page copied from a news site) starts with a slug line and
a caption that carries the dateline; both are furniture, not sentences, and are
cut from the text so that they never become events.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .dateline import EARLIEST, LATEST, find_dateline, parse_date
from .model import Article

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")

# "Key: value" at the top of a file, as Pelican's Markdown reader expects it.
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")
# A slug line: one lowercase word, no spaces, alone on the first line.
_SLUG_LINE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# A photo caption: a credit sign, or bullets between place and date.
_CAPTION_LINE = re.compile(r"^(?:©|\(c\)|Photo:|Image:)|•.*•")


# An article larger than this is read up to a paragraph break before it: ten
# megabytes of "article" is a dump, not news, and must not stall the build.
MAX_ARTICLE_BYTES = 2_000_000
# Looked for in the head of a file: a NUL byte means binary content.
BINARY_SNIFF_BYTES = 8192


class ArticleError(ValueError):
    """An article that cannot be read; the message names the file and the problem."""


class EmptyArticle(ArticleError):
    """A file with nothing in it (or only blank space)."""


def read_article(path: Path) -> Article:
    """Read an article file; a problem that still lets it be read is one of its warnings."""
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise EmptyArticle(f"{path}: empty file, skipped")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise ArticleError(f"{path}: binary content, not text; skipped")
    warnings = []
    if len(data) > MAX_ARTICLE_BYTES:
        cut = data.rfind(b"\n\n", 0, MAX_ARTICLE_BYTES)
        data = data[: cut if cut > 0 else MAX_ARTICLE_BYTES]
        warnings.append(f"{path}: larger than {MAX_ARTICLE_BYTES // 1_000_000} MB; only its first {len(data):,} bytes were read")
    text, encoding = decode(data)
    if encoding != "utf-8":
        warnings.append(f"{path}: not UTF-8 text; read as {encoding}")
    article = parse_article(text, path)
    return replace(article, warnings=tuple(warnings) + article.warnings)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        # The five bytes Windows-1252 leaves undefined: replaced, never fatal.
        return data.decode("cp1252", errors="replace"), "Windows-1252 (undefined bytes replaced)"


def parse_article(raw: str, path: Path) -> Article:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    metadata, body = split_header(raw)
    warnings = []
    dateline = None
    if "date" in metadata:
        dateline = parse_date(metadata["date"][:10]) or parse_date(metadata["date"])
        if dateline is None:
            warnings.append(f"{path}: Date {metadata['date']!r} is not a date from {EARLIEST.year} to {LATEST.year}; ignored")
    if dateline is None:
        dateline = find_dateline(body) or _folder_date(path)
    body, found_slug = strip_furniture(body)
    slug = slugify(metadata.get("slug") or found_slug or path.stem)
    title = metadata.get("title") or first_sentence(body) or slug
    if not body.strip():
        warnings.append(f"{path}: no text after its header")
    return Article(
        slug=slug,
        title=title,
        text=body,
        dateline=dateline,
        path=path,
        url=metadata.get("source", ""),
        metadata=tuple(sorted(metadata.items())),
        warnings=tuple(warnings),
    )


def _folder_date(path: Path):
    """Archives kept by day (…/2024-08-30/article.txt) date their articles by folder."""
    name = path.parent.name
    return parse_date(name) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", name) else None


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
