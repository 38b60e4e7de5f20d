"""Each bad input of issue 7 fed to a real `timeline build`: a warning that names the file and the
problem, exit status 0, and every other article's page still there."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from timeline.cli import main

from .conftest import settings_file


GOOD = {
    "good-one.md": "Title: Good one\nDate: 2024-08-30\nSlug: good-one\n\nOn Tuesday, the ministers met in Brussels.\n",
    "good-two.txt": "goodtwo\n© Desk/Agency Ministers • Brussels • Aug. 31, 2024 • Belgium\nOn Friday, the ministers agreed on a plan.\n",
}
CAFE = "Title: Café talks\nDate: 2024-08-30\nSlug: cafe\n\nOn Monday, the café owners met – again.\n"
PARAGRAPH = "On Wednesday, the committee met again and agreed on nothing at all. " * 100 + "\n\n"

# name → (bytes of the file, words the warning must say beside the file's path)
BAD_INPUTS = {
    "empty": ("empty.md", b"", "empty"),
    "empty text": ("empty.txt", b"  \n", "empty"),
    "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    "windows-1252": ("cafe.md", CAFE.encode("cp1252"), "Windows-1252"),
    "ten megabytes": ("huge.txt", (PARAGRAPH * 1500).encode(), "only its first"),
    "a sentence of 50,000 characters": ("long.md", ("Title: Long\nDate: 2024-08-30\nSlug: long\n\nOn Thursday " + "and then " * 5600 + "it ended.\n").encode(), None),
    "no dateline": ("nodate.txt", b"Talks resumed on Tuesday after a long pause.\n", "no dateline"),
    "dateline in year 1": ("year1.md", b"Title: Year one\nDate: 0001-01-01\nSlug: year1\n\nOn Tuesday, talks resumed.\n", "0001-01-01"),
    "dateline in year 9999": ("year9999.md", b"Title: Far future\nDate: 9999-12-31\nSlug: year9999\n\nOn Tuesday, talks resumed.\n", "9999-12-31"),
    "malformed header": ("header.md", b"Title: Broken\nDate: the day after the storm\nSlug: broken\n\nOn Monday, crews arrived.\n", "Date"),
    "duplicate slug": ("copy.md", b"Title: Copy\nDate: 2024-08-30\nSlug: good-one\n\nOn Tuesday, the ministers met in Paris.\n", "already used"),
    "unknown file type": ("notes.docx", b"PK\x03\x04 not an article", "not an article"),
    "corrections that do not parse": ("corrections.yaml", b"this: [is not: closed\n", "does not parse"),
}


@pytest.fixture
def settings(tmp_path) -> Path:
    return settings_file(tmp_path, TIMELINE_CACHE_PATH=str(tmp_path / "cache"))


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_warns_and_the_rest_is_built(case, tmp_path, settings, caplog):
    name, data, words = BAD_INPUTS[case]
    content = tmp_path / "content"
    content.mkdir()
    for good, text in GOOD.items():
        (content / good).write_text(text, encoding="utf-8")
    (content / name).write_bytes(data)
    output = tmp_path / "output"
    caplog.set_level(logging.WARNING)

    status = main(["build", "--settings", str(settings), "--content", str(content), "--output", str(output)])

    assert status == 0
    messages = [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]
    if words:
        assert any(name in message and words in message for message in messages), messages
    for slug in ("good-one", "goodtwo"):
        assert (output / "articles" / slug / "index.html").is_file(), slug
    assert (output / "index.html").is_file()
    events = (output / "events.json").read_text(encoding="utf-8")
    assert "Brussels" in events and "agreed on a plan" in events


def test_one_markdown_reader_reads_article_after_article(tmp_path):
    """The reader keeps one Markdown for every article (`TolerantMarkdownReader`): each article
    still gets its own metadata, formatted summary included, whatever was read before it."""
    from pelican.settings import DEFAULT_CONFIG, configure_settings

    from timeline.pelican import TolerantMarkdownReader

    reader = TolerantMarkdownReader(configure_settings({**DEFAULT_CONFIG, "PATH": str(tmp_path)}))
    (tmp_path / "one.md").write_text("Title: One\nDate: 2024-08-30\nSummary: *First* talks\n\nOn Monday[^1].\n\n[^1]: A note.\n")
    (tmp_path / "cafe.md").write_bytes(CAFE.encode("cp1252"))
    (tmp_path / "two.md").write_text("Title: Two\nDate: 2024-08-31\n\nOn Tuesday.\n")
    one, cafe, two, one_again = (reader.read(str(tmp_path / name)) for name in ("one.md", "cafe.md", "two.md", "one.md"))
    assert [metadata["title"] for _, metadata in (one, cafe, two)] == ["One", "Café talks", "Two"]
    assert one[1]["summary"] == "<p><em>First</em> talks</p>" and "summary" not in two[1]
    assert two[0] == "<p>On Tuesday.</p>"
    assert one_again == one and 'class="footnote"' in one[0]  # no footnote left over from the first reading
