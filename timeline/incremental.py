"""Incremental output: a page whose inputs did not change is neither rendered nor rewritten.

For each page Pelican or the plugin asks to write, `IncrementalWriter` digests
the page's inputs (`page_inputs`: its template and the templates it uses, the
values passed to it, the context variables those templates read, the settings,
the theme and the code). Each folder a site is built in has a manifest in the
cache folder: its files → the digest each was made from, and the file's stamp
(inode, size, mtime) when it was. A page whose digest is the one the build
folder's manifest has, on a file with the same stamp, is left alone; one the
published site's manifest has is copied from there (`output_tree`); any other
page is rendered, and its bytes written only where they differ. A stamp that
does not match (someone edited the file, a killed build) means "not known":
the page is rendered again. Without a cache folder every page is rendered and
only the bytes are compared.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from .atomic_file import write_atomically
from .data_pieces import PieceStore, Pieces, drop_stores, made_each_time, store_path
from .output_tree import OutputTree, Stamp, stamp_of
from .page_inputs import Fingerprints, Unknowable, template_reads

logger = logging.getLogger(__name__)

MANIFEST_VERSION = 1
# Settings that change between builds without changing a page.
VOLATILE_SETTINGS = frozenset({
    "OUTPUT_PATH", "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "DELETE_OUTPUT_DIRECTORY",
    "OUTPUT_RETENTION", "WRITE_SELECTED", "DEBUG", "TIMELINE_JOBS", "TIMELINE_CACHE_PATH", "TIMELINE_PUBLISH_PATH",
})
# Context variables the writer sets for each page from its name: part of the digest through the name.
PER_PAGE_VARIABLES = frozenset({"output_file", "localsiteurl", "SITEURL"})
# Context variables that hold the whole timeline: digesting one costs more than rendering the
# few pages that read it (the front page, the list of everyone named), so those are always rendered.
WHOLE_SITE_VARIABLES = frozenset({"timeline", "timeline_entries", "timeline_actors"})
PACKAGE = Path(__file__).parent
# Part of what a data file's piece is made with: the standard library's JSON, CSV and XML escaping.
PYTHON = f"python {sys.version}".encode()


class PageManifest:
    """One folder's files → the digest of what each was made from, and its stamp when it was."""

    def __init__(self, path: Path | None, entries: dict[str, list]):
        self.path = path
        self.entries = entries

    @classmethod
    def of_folder(cls, cache_folder: Path, site: Path, folder: Path) -> PageManifest:
        """The manifest of `folder`, one of the folders the site at `site` is built in.

        Known by the folder's inode, which stays the same when publishing renames the folder.
        """
        try:
            inode = folder.stat().st_ino
        except OSError:
            return cls(None, {})
        path = Path(cache_folder) / "pages" / f"{_site_key(site)}-{inode}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["files"] if data.get("version") == MANIFEST_VERSION else {}
        except (OSError, ValueError, KeyError, TypeError):
            entries = {}
        return cls(path, entries)

    def matches(self, name: str, digest: str, stamp: Callable[[str], Stamp | None]) -> bool:
        """The file `name` was made from `digest`, and nobody has touched it since: it still has the
        stamp recorded then (`stamp(name)`, asked only when the digest is the one recorded)."""
        entry = self.entries.get(name)
        if not entry or entry[0] != digest:
            return False
        found = stamp(name)
        return found is not None and list(found) == entry[1:]

    def record(self, name: str, digest: str, file: Path, stat: os.stat_result | None = None) -> None:
        self.entries[name] = [digest, *stamp_of(stat or file.stat())]

    def save(self, keep_only: set[str], others: list[PageManifest]) -> None:
        """Save the entries of `keep_only` (the files this build produced); remove the site's stale manifests."""
        if self.path is None:
            return
        entries = {name: entry for name, entry in self.entries.items() if name in keep_only}
        try:
            # dumps, not dump: only a whole document is encoded by json's C encoder (twice as fast here).
            document = json.dumps({"version": MANIFEST_VERSION, "files": entries}, separators=(",", ":"))
            write_atomically(self.path, document.encode("utf-8"))
            current = {self.path.name, *(other.path.name for other in others if other.path)}
            site = self.path.name.split("-", 1)[0]
            for stale in self.path.parent.glob(f"{site}-*.json"):
                if stale.name not in current:
                    stale.unlink(missing_ok=True)
        except OSError as error:
            logger.warning("%s: cannot save the page manifest (%s); the next build renders every page",
                           self.path, error.strerror or error)


@cache
def _relative_root(folder: str) -> str:
    """The site's root as seen from a page in `folder` ("../.."), as Pelican's writer computes it."""
    return path_to_url(get_relative_path(os.path.join(folder, "index.html")))


def published_folder(output_path, settings: dict) -> Path:
    """Where the site is published: TIMELINE_PUBLISH_PATH, when the build writes beside it, else where it writes."""
    return Path(settings.get("TIMELINE_PUBLISH_PATH") or output_path)


def _site_key(site: Path) -> str:
    return hashlib.sha256(str(Path(site).resolve()).encode()).hexdigest()[:12]


class IncrementalWriter(Writer):
    """Pelican's writer, rendering only the pages whose inputs changed and writing only the bytes that did."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        published = published_folder(output_path, self.settings)
        self.tree = OutputTree(Path(output_path), published)
        self.site_key = _site_key(published)
        cache_folder = self.settings.get("TIMELINE_CACHE_PATH")
        self.manifest = self.published_manifest = None
        if cache_folder:
            self.manifest = PageManifest.of_folder(cache_folder, published, self.tree.root)
            if not self.tree.in_place:
                self.published_manifest = PageManifest.of_folder(cache_folder, published, published)
        self.fingerprints = Fingerprints()
        self.skipped = 0  # pages not rendered at all
        self._reads: dict[str, frozenset[str] | None] = {}
        self._piece_keys: dict[int, tuple[object, bytes]] = {}  # by id of what a piece is made from
        self._build = self._build_digest()
        self._digest: str | None = None  # the digest of the page being rendered
        # Finished when Pelican is: blinker holds the bound method weakly, so it goes with the writer.
        signals.finalized.connect(self.finish)

    # --- what a page is made from

    def _build_digest(self) -> bytes | None:
        if self.manifest is None:
            return None
        try:
            return self.fingerprints.of((settings_digest(self.settings), _theme_digest(self.settings)))
        except Unknowable as error:
            logger.info("every page is rendered: a setting cannot be digested (%s)", error)
            return None

    def page_digest(self, name: str, template, context: dict, relative_urls, url, kwargs: dict) -> str | None:
        """The digest of what a page is made from; None when it cannot be known (then it is rendered)."""
        if self._build is None:
            return None
        if template.name not in self._reads:
            self._reads[template.name] = template_reads(template.environment, template.name)
        reads = self._reads[template.name]
        if reads is None or not reads.isdisjoint(WHOLE_SITE_VARIABLES):
            return None
        values = dict(kwargs)
        for variable in reads - PER_PAGE_VARIABLES - values.keys():
            if variable in context and context[variable] is not self.settings.get(variable):
                values[variable] = context[variable]
        of = self.fingerprints.of
        try:
            # Tokens say where they end, so joined they stand for the page's inputs in order
            # (cheaper than the token of a tuple of them, which is digested again for each page).
            parts = [self._build, of(name), of(template.name), of(bool(relative_urls)), of(url)]
            parts += [of(key) + self.fingerprints.page_value(values[key]) for key in sorted(values)]
        except Unknowable:
            return None
        return hashlib.sha256(b"".join(parts)).hexdigest()

    def settle(self, name: str, digest: str | None) -> bool:
        """Make `name` right without rendering it, when a manifest knows the file made from `digest`."""
        if digest is None or self.manifest is None:
            return False
        if self.manifest.matches(name, digest, self.tree.stamp):
            self.tree.keep(name)  # its entry stays as it is: the same digest, the same file
        elif self.published_manifest is not None and self.published_manifest.matches(
                name, digest, self.tree.published_stamp):
            self.tree.copy_published(name)
            self.manifest.record(name, digest, self.tree.file(name))
        else:
            return False
        self.skipped += 1
        return True

    # --- Pelican's entry points

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if not name:
            return None
        paginates = bool(paginated) or (
            template_name in self.settings.get("PAGINATED_TEMPLATES", {}) and ("articles" in kwargs or "dates" in kwargs))
        digest = None if paginates else self.page_digest(name, template, context, relative_urls, url, kwargs)
        if self.settle(name, digest):
            self._written_files.add(sanitised_join(self.output_path, name))
            return None
        if not paginates:
            return self._write_page(name, template, context, relative_urls, override_output, kwargs, digest)
        self._digest = digest
        try:
            return super().write_file(name, template, context, relative_urls=relative_urls, paginated=paginated,
                                      template_name=template_name, override_output=override_output, url=url, **kwargs)
        finally:
            self._digest = None

    def _write_page(self, name, template, context, relative_urls, override, kwargs, digest) -> None:
        """What Pelican's `write_file` does with a page that is not paginated — the same context,
        bookkeeping, log and signal — with the rendered text going to the output tree, not a file."""
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            localcontext["SITEURL"] = localcontext["localsiteurl"] = _relative_root(os.path.dirname(name))
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]  # for the contents that adjust their links
        output = template.render(localcontext)
        path = sanitised_join(self.output_path, name)
        if self._claim(path, override):
            self.put_text(self.relative(path), output, digest)
            logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=localcontext)

    def _claim(self, filename: str, override: bool) -> bool:
        """Pelican's rule: a file is written once, unless overridden; False when it is to be left as it is."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            logger.info('Skipping "%s", not overwriting', filename)
            return False
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                "(set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    def _open_w(self, filename, encoding, override=False):
        # Pelican's paginated pages and feeds come here: its bookkeeping, then a buffer instead of the file.
        if not self._claim(filename, override):
            return open(os.devnull, "w", encoding=encoding)
        digest = self._digest
        return _BufferedFile(lambda text: self.put_text(self.relative(filename), text, digest))

    # --- for the plugin: files made from known inputs

    def write_generated(self, name: str, inputs: tuple, produce: Callable[[Pieces], str],
                        piece_source: Callable[[object], object] | None = None) -> None:
        """Write the text `produce(pieces)` makes from `inputs`, unless a manifest knows the file made from them.

        `pieces` gives each event's text as the build that last wrote the file made it, when nothing
        it is made from changed (`data_pieces`): `piece_source(item)` is what an item's piece is
        made from, besides the settings and the code.
        """
        try:
            digest = self.fingerprints.digest(self._build, name, *inputs) if self._build is not None else None
        except Unknowable:
            digest = None
        if self.settle(name, digest):
            return
        store = self.piece_store(name, piece_source) if piece_source is not None else None
        self.put_text(name, produce(store or made_each_time), digest)
        logger.info('Writing "%s"', self.tree.file(name))
        if store is not None:
            store.save()
            logger.info("%s: %d pieces made, %d kept from the last build", name, store.made, store.looked_up)

    def piece_store(self, name: str, piece_source: Callable[[object], object]) -> PieceStore | None:
        """The kept pieces of the data file `name`; None without a cache folder, or with settings that cannot be digested."""
        cache_folder = self.settings.get("TIMELINE_CACHE_PATH")
        if self._build is None or not cache_folder:
            return None
        return PieceStore(store_path(cache_folder, self.site_key, name), lambda item: self.piece_key(piece_source(item)))

    def piece_key(self, source) -> bytes | None:
        """The key of a piece made from `source`, the settings and the code; None when it cannot be known.

        The same for each data file (each keeps its own pieces), so it is made once per build.
        """
        known = self._piece_keys.get(id(source))
        if known is None:
            try:
                token = self.fingerprints.of(source)
            except Unknowable:
                return None
            # Kept with its source, so that the id is not reused for another value during the build.
            known = self._piece_keys[id(source)] = (source, hashlib.sha256(self._build + PYTHON + token).digest())
        return known[1]

    def put_text(self, name: str, text: str, digest: str | None) -> None:
        written = self.tree.put(name, text.encode("utf-8"))
        if digest is not None and self.manifest is not None:
            self.manifest.record(name, digest, self.tree.file(name), written)

    # --- for writing pages in several processes (`parallel_pages`)

    def mark(self) -> WriterMark:
        """What this writer knows now: `changes_since` tells what it learnt after."""
        return WriterMark(frozenset(self.tree.produced), frozenset(self._written_files),
                          frozenset(self._overridden_files), self.tree.counts(), self.skipped)

    def changes_since(self, mark: WriterMark) -> WriterChanges:
        produced = self.tree.produced - mark.produced
        entries = self.manifest.entries if self.manifest is not None else {}
        counts = tuple(now - then for now, then in zip(self.tree.counts(), mark.counts))
        return WriterChanges(produced, {name: entries[name] for name in produced if name in entries},
                             self._written_files - mark.written_files, self._overridden_files - mark.overridden_files,
                             counts, self.skipped - mark.skipped)

    def merge(self, changes: WriterChanges) -> None:
        """Take in what a copy of this writer learnt writing other pages."""
        self.tree.merge(changes.produced, changes.counts)
        if self.manifest is not None:
            self.manifest.entries.update(changes.manifest_entries)
        self._written_files |= changes.written_files
        self._overridden_files |= changes.overridden_files
        self.skipped += changes.skipped

    def relative(self, filename: str) -> str:
        prefix = os.path.join(self.output_path, "")
        if filename.startswith(prefix):  # as Pelican's writer joins them: the quick way
            return filename[len(prefix):].replace(os.sep, "/")
        return Path(os.path.relpath(filename, self.output_path)).as_posix()

    def finish(self, pelican_object=None) -> None:
        # The signal is global: a writer of a build that failed may still be listening. Only ours.
        if pelican_object is not None and getattr(pelican_object, "output_path", None) != self.output_path:
            return
        signals.finalized.disconnect(self.finish)
        self.tree.finish(keep=frozenset(self.settings.get("OUTPUT_RETENTION") or ()))
        if self.manifest is not None:
            self.manifest.save(self.tree.produced, [m for m in (self.published_manifest,) if m is not None])
            drop_stores(self.settings["TIMELINE_CACHE_PATH"], self.site_key, self.tree.produced)
        tree = self.tree
        logger.info("pages: %d not rendered (inputs unchanged); files: %d left as they were, %d copied from the "
                    "published site, %d written, %d removed", self.skipped, tree.untouched, tree.copied,
                    tree.written, tree.removed)


@dataclass(frozen=True)
class WriterMark:
    produced: frozenset[str]
    written_files: frozenset[str]
    overridden_files: frozenset[str]
    counts: tuple[int, ...]
    skipped: int


@dataclass(frozen=True)
class WriterChanges:
    produced: set[str]
    manifest_entries: dict[str, list]
    written_files: set[str]
    overridden_files: set[str]
    counts: tuple[int, ...]
    skipped: int


class _BufferedFile(io.StringIO):
    """What Pelican writes a page into: on close, the text goes to `done` instead of straight to disk."""

    def __init__(self, done: Callable[[str], None]):
        super().__init__(newline="")
        self._done = done

    def close(self):
        if not self.closed:
            text = self.getvalue()
            super().close()
            self._done(text)


def settings_digest(settings: dict) -> str:
    """The settings (less those that change no page) and the code: what every page is made with.

    Raises `Unknowable` for a setting whose value cannot be digested.
    """
    relevant = {name: value for name, value in settings.items() if name not in VOLATILE_SETTINGS}
    return Fingerprints().digest(relevant, _code_digest())


def _theme_digest(settings: dict) -> str:
    folders = [Path(settings.get("THEME", "")) / "templates", *map(Path, settings.get("THEME_TEMPLATES_OVERRIDES", []))]
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """The plugin's code, Pelican's and Jinja's versions: a new version may render any page differently."""
    import jinja2
    import pelican

    digest = hashlib.sha256(f"{pelican.__version__} {jinja2.__version__}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()
