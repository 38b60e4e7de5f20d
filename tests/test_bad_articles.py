"""Bad input in a content folder: each file gets a warning naming it, and the rest is read."""

from __future__ import annotations

from pathlib import Path

from timeline.timeline import build_timeline

GOOD = "Title: Good\nDate: 2024-08-30\nSlug: good\n\nOn Tuesday, the ministers met in Brussels.\n"


def warnings_for(folder: Path, name: str) -> list[str]:
    timeline = build_timeline([folder])
    assert any(a.slug == "good" for a in timeline.articles), "the good article must still be read"
    assert any("Brussels" in e.text for e in timeline.events)
    return [w for w in timeline.warnings if name in w]


def content(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_empty_file(tmp_path):
    (content(tmp_path) / "empty.md").write_text("", encoding="utf-8")
    assert any("empty" in w for w in warnings_for(tmp_path, "empty.md"))


def test_binary_file(tmp_path):
    (content(tmp_path) / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert any("binary" in w for w in warnings_for(tmp_path, "photo.txt"))


def test_encodings(tmp_path):
    folder = content(tmp_path)
    body = "Title: Café\nDate: 2024-08-30\n\nOn Monday, the café reopened – at last.\n"
    (folder / "bom.md").write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    (folder / "windows.md").write_bytes(body.encode("cp1252"))
    timeline = build_timeline([folder])
    titles = {a.path.name: a.title for a in timeline.articles}
    assert titles["bom.md"] == "Café" and titles["windows.md"] == "Café"
    assert not [w for w in timeline.warnings if "bom.md" in w]
    assert any("windows.md" in w and "Windows-1252" in w for w in timeline.warnings)


def test_huge_article_and_huge_sentence(tmp_path):
    folder = content(tmp_path)
    paragraph = "On Wednesday, the committee met again and agreed on nothing at all. " * 200 + "\n\n"
    (folder / "huge.md").write_text("Title: Huge\nDate: 2024-08-30\n\n" + paragraph * 800, encoding="utf-8")
    (folder / "long.md").write_text("Title: Long\nDate: 2024-08-30\n\nOn Thursday " + "and then " * 6000 + "it ended.\n", encoding="utf-8")
    assert any("only its first" in w for w in warnings_for(tmp_path, "huge.md"))
    timeline = build_timeline([folder])
    assert not any(len(e.text) > 5000 for e in timeline.events)


def test_no_dateline_and_impossible_datelines(tmp_path):
    folder = content(tmp_path)
    (folder / "nodate.txt").write_text("Talks resumed on Tuesday after a long pause.\n", encoding="utf-8")
    (folder / "year1.md").write_text("Title: Y1\nDate: 0001-01-01\n\nOn Tuesday, talks resumed.\n", encoding="utf-8")
    (folder / "year9999.md").write_text("Title: Y9999\nDate: 9999-12-31\n\nOn Tuesday, talks resumed.\n", encoding="utf-8")
    assert any("no dateline" in w for w in warnings_for(tmp_path, "nodate.txt"))
    assert any("0001-01-01" in w for w in warnings_for(tmp_path, "year1.md"))
    assert any("9999-12-31" in w for w in warnings_for(tmp_path, "year9999.md"))


def test_malformed_header(tmp_path):
    (content(tmp_path) / "header.md").write_text("Title: Broken\nDate: the day after the storm\n\nOn Monday, crews arrived.\n", encoding="utf-8")
    assert any("Date" in w for w in warnings_for(tmp_path, "header.md"))


def test_duplicate_slugs(tmp_path):
    folder = content(tmp_path)
    (folder / "copy.md").write_text(GOOD.replace("Title: Good", "Title: Copy").replace("Brussels", "Paris"), encoding="utf-8")
    timeline = build_timeline([folder])
    assert sorted(a.slug for a in timeline.articles) == ["good", "good-2"]
    # Files are read in path order: copy.md keeps the slug, good.md gets another and the warning.
    assert any("good.md" in w and "already used" in w for w in timeline.warnings)
    assert len({e.id for e in timeline.events}) == 2


def test_unknown_file_type(tmp_path):
    (content(tmp_path) / "notes.docx").write_bytes(b"PK\x03\x04")
    assert any("not an article" in w for w in warnings_for(tmp_path, "notes.docx"))
