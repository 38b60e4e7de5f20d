"""The folder a build writes into, next to the published site: each file made right at the least cost.

The build folder is usually the site from two builds ago (see `publish`), so
most of its files are already right. For each file the build produces, in
order of cost: leave the file that is already there, copy the published one
(same bytes and modification time), or write new bytes. A file that ends up
with the published site's bytes keeps the published file's modification time,
so that only what changed looks changed. At the end, files no step produced
are removed: pages of articles that are gone.

With the build folder and the published site one and the same (a plain
`pelican` run writes in place), files are only ever left or written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

Stamp = tuple[int, int, int]

# Listings made before their tree (`list_ahead`), by folder: the next tree made for that folder takes one.
_LISTED: dict[str, dict[str, Stamp]] = {}


class OutputTree:
    def __init__(self, root: Path, published: Path | None = None):
        self.root = Path(root)
        published = Path(published) if published else None
        self.in_place = published is None or _same_folder(published, self.root)
        # No published site yet (a first build): nothing to compare with or copy, and no file to look for.
        self.published = None if self.in_place or not published.is_dir() else published
        self._root, self._published = os.fspath(self.root), self.published and os.fspath(self.published)
        # What was there before this build: a file still so at the end was not produced by it.
        self.before = {} if self.in_place else _LISTED.pop(self._root, None) or snapshot(self.root)
        # Folders known to be there, so that writing thousands of files asks the file system once for each.
        self._folders = {os.path.dirname(name) for name in self.before}
        self.produced: set[str] = set()
        self.untouched = self.copied = self.written = self.removed = 0

    def file(self, name: str) -> Path:
        return self.root / name

    def published_file(self, name: str) -> Path | None:
        return self.published / name if self.published else None

    def path(self, name: str) -> str:
        # A string, for the thousands of files a build only looks at (a Path costs more than the stat).
        return os.path.join(self._root, name)

    def stamp(self, name: str) -> Stamp | None:
        """The stamp of the build folder's file `name` when the build began (None: there was none).

        Taken from the listing made then: looking at thousands of files again would cost as much.
        """
        return file_stamp(self.path(name)) if self.in_place else self.before.get(name)

    def published_stamp(self, name: str) -> Stamp | None:
        return file_stamp(os.path.join(self._published, name)) if self._published else None

    def keep(self, name: str) -> None:
        """The file already in the build folder is the right one."""
        self.produced.add(name)
        self.untouched += 1

    def copy_published(self, name: str) -> None:
        """The published file is the right one: copy it, modification time and all."""
        self.produced.add(name)
        target = self.file(name)
        self._make_folder(name)
        # Over the old file: nobody reads the build folder before it is published (and a new inode costs more).
        shutil.copyfile(self.published_file(name), target)
        _same_mtime(target, self.published_file(name))
        self.copied += 1

    def put(self, name: str, data: bytes) -> os.stat_result | None:
        """Make `name` hold `data`, touching as little as possible; the new file's stat when it was written."""
        # Not in the build folder when the build began, nor written since: no file there to compare with.
        absent = not self.in_place and name not in self.before and name not in self.produced
        self.produced.add(name)
        target, published = self.file(name), self.published_file(name)
        if published is not None and same_bytes(published, data):
            if not absent and same_bytes(target, data):
                _same_mtime(target, published)
                self.untouched += 1
            else:
                self.copy_published(name)
            return None
        if not absent and same_bytes(target, data):
            if published is not None:
                os.utime(target)  # new to the published site: it must not look older than what it replaces
            self.untouched += 1
            return None
        self._make_folder(name)
        self.written += 1
        if self.in_place:
            _replace(target, data)  # the published site: a reader must never see half a page
            return None
        return _write(self.path(name), data)

    def _make_folder(self, name: str) -> None:
        folder = os.path.dirname(name)
        if folder not in self._folders:
            path = os.path.join(self._root, folder)
            try:
                os.mkdir(path)  # the parent is there, most often: one call (makedirs looks at the parent first)
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(path, exist_ok=True)
            self._folders.add(folder)

    def counts(self) -> tuple[int, int, int]:
        return self.untouched, self.copied, self.written

    def merge(self, produced: set[str], counts: tuple[int, int, int]) -> None:
        """Files another process produced in this tree, and its counts."""
        self.produced |= produced
        self.untouched += counts[0]
        self.copied += counts[1]
        self.written += counts[2]

    def finish(self, keep: frozenset[str] = frozenset()) -> None:
        """Remove what the build did not produce; give files others wrote (Pelican's static files) their published time.

        `keep`: top-level names that no build writes but that stay (OUTPUT_RETENTION).
        """
        if self.in_place:
            return
        # Only the files the build did not produce are looked at (a call each): a few, of
        # thousands. Those that were there when it began are in the listing made then; those
        # others wrote since (Pelican's static files) are in folders the build wrote nothing
        # into. Listing every folder again cost as much as the first listing.
        new = [name for name in self._files_beside_produced() if name not in self.before]
        for name in chain(self.before, new):
            if name in self.produced or name.split("/", 1)[0] in keep:
                continue
            path = self.root / name
            now = file_stamp(path)
            if now is not None and now == self.before.get(name):
                path.unlink()  # untouched since before the build: nothing produced it
                self.removed += 1
                _remove_empty_folders(path.parent, self.root)
            elif now is not None:  # written since by another part of the build
                published = self.published_file(name)
                if published is not None and published.is_file() and same_file_bytes(path, published):
                    _same_mtime(path, published)

    def _files_beside_produced(self) -> Iterator[str]:
        """The files of folders the build produced nothing in; the folders it did are not opened."""
        produced_in = {name.rpartition("/")[0] for name in self.produced}
        pending = [("", self._root)]
        while pending:
            folder, path = pending.pop()
            with os.scandir(path) as entries:
                for entry in entries:
                    name = f"{folder}/{entry.name}" if folder else entry.name
                    if not entry.is_dir(follow_symlinks=False):
                        if folder not in produced_in:
                            yield name
                    elif name not in produced_in:
                        pending.append((name, entry.path))


def _remove_empty_folders(folder: Path, root: Path) -> None:
    while folder != root and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def list_ahead(root: Path, published: Path) -> None:
    """List the build folder `root` now, for its tree, made later in this build: a build that waits
    (for its timeline) lists it then, and processes forked after have the listing too.
    `forget_listings` at the start of each build: a listing never outlives its build."""
    if not _same_folder(published, root):  # in place, a tree lists nothing
        _LISTED[os.fspath(root)] = snapshot(Path(root))


def forget_listings() -> None:
    _LISTED.clear()


def _same_folder(first: Path, second: Path) -> bool:
    return os.path.realpath(first) == os.path.realpath(second)


def snapshot(root: Path) -> dict[str, Stamp]:
    """Every file under `root` (by its name relative to `root`) and its stamp."""
    return {name: stamp_of(entry.stat(follow_symlinks=False)) for name, entry in _files(root)}


def _files(root: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Every file under `root`: its name relative to `root`, and its entry (its stat is one more call)."""
    pending = [("", os.fspath(root))] if os.path.isdir(root) else []
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    yield prefix + entry.name, entry


def stamp_of(stat: os.stat_result) -> Stamp:
    """What tells a file apart from the one it was: its inode, size and modification time."""
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def file_stamp(path: str | Path) -> Stamp | None:
    """The stamp of the file at `path`, None where there is none."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def same_file_bytes(first: Path, second: Path) -> bool:
    try:
        return first.stat().st_size == second.stat().st_size and first.read_bytes() == second.read_bytes()
    except OSError:
        return False


def _write(path: str, data: bytes) -> os.stat_result:
    """Write a file; its stat, from the open file (one look-up of the path fewer, for each of thousands)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
        return os.fstat(handle)
    finally:
        os.close(handle)


def _same_mtime(target: Path, published: Path) -> None:
    wanted = published.stat()
    if target.stat().st_mtime_ns != wanted.st_mtime_ns:
        os.utime(target, ns=(wanted.st_atime_ns, wanted.st_mtime_ns))


def _replace(target: Path, data: bytes) -> None:
    """Write through a temporary file renamed over the target: a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
