"""Atomic publishing: a build writes a folder beside the site and swaps it in whole at the end.

A build that fails, or is killed, never leaves half a site: until the swap the
published folder is untouched. Around `output/`:

    output/                      the published site
    output.previous/             the site before it, kept to build the next one in
    output.building-<pid>-<rnd>  the folder a running build writes (the claimed
                                 output.previous/, or a new one)

Building in the previous site, not in an empty folder, is what makes a small
change cheap: only files that changed are written (see `incremental`), where an
empty folder would need every folder and file of the site made again. The swap
is one `renameat2(RENAME_EXCHANGE)` on Linux, two renames elsewhere; the site
it replaces becomes output.previous/. What a killed build left (its pid is in
the folder's name) is reclaimed by the next build.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

logger = logging.getLogger(__name__)

STAGING = ".building-"
SPARE = ".previous"


class Staging:
    """The folder a build writes into, beside `output`; `publish()` swaps it in.

    Used as a context manager: on the way out, a folder that was not published goes
    back to being the spare (its files are checked again before any is reused).
    `keep` names entries of the published site that no build writes and that must
    stay (Pelican's OUTPUT_RETENTION: .git, CNAME, …).
    """

    def __init__(self, output: Path, keep: Iterable[str] = ()):
        self.output = Path(output)
        self.spare = self.output.with_name(self.output.name + SPARE)
        self.keep = [name for name in keep if name and "/" not in name and name not in (".", "..")]
        self.path: Path | None = None
        self.published = False

    def __enter__(self) -> Path:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        recover(self.output, self.keep)
        claimed = self.output.with_name(f"{self.output.name}{STAGING}{os.getpid()}-{os.urandom(4).hex()}")
        try:
            os.rename(self.spare, claimed)  # atomic: of two builds at once, one gets the spare
            self.path = claimed
        except FileNotFoundError:
            self.path = Path(tempfile.mkdtemp(prefix=claimed.name + "-", dir=self.output.parent))
            os.chmod(self.path, 0o755)  # mkdtemp makes it private; a site is read by a web server
        return self.path

    def __exit__(self, *exc) -> None:
        if self.published or self.path is None or not self.path.exists():
            return
        _retire(self.path, self.spare)

    def publish(self) -> None:
        """Swap the new site in; the one it replaces becomes the spare."""
        staging, output = self.path, self.output
        if output.exists() and not output.is_dir():
            raise NotADirectoryError(f"{output} is not a folder; the site was not published")
        if not output.exists():
            os.rename(staging, output)
        else:
            for name in self.keep:
                _move(output / name, staging / name)
            if _exchange(staging, output):
                _retire(staging, self.spare)  # staging now holds the site that was published
            else:
                os.rename(output, self.spare)  # the spare was claimed: its name is free
                os.rename(staging, output)
        self.published = True


def recover(output: Path, keep: Iterable[str] = ()) -> None:
    """Undo what killed builds left beside `output`."""
    spare = output.with_name(output.name + SPARE)
    if not output.exists() and spare.is_dir():
        # Killed between the two renames of a swap: the spare is the last published site.
        logger.warning("%s is missing: putting back the previous site from %s", output, spare)
        os.rename(spare, output)
    for folder in _siblings(output, STAGING):
        if not _alive(folder):
            logger.info("reclaiming %s, left by an interrupted build", folder)
            _retire(folder, spare)
    if spare.is_dir() and output.is_dir():
        for name in keep:  # killed after moving a kept entry out of the published site, before the swap
            if not (output / name).exists() and not (output / name).is_symlink():
                _move(spare / name, output / name)


def _retire(folder: Path, spare: Path) -> None:
    """Make `folder` the spare, or remove it when there already is one."""
    try:
        os.rename(folder, spare)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _move(source: Path, destination: Path) -> None:
    if not source.exists() and not source.is_symlink():
        return
    if destination.is_dir() and not destination.is_symlink():
        shutil.rmtree(destination)
    elif destination.exists() or destination.is_symlink():
        destination.unlink()
    os.rename(source, destination)


def _siblings(output: Path, marker: str) -> list[Path]:
    pattern = os.path.join(glob.escape(str(output.parent)), glob.escape(output.name + marker) + "*")
    return [Path(p) for p in glob.glob(pattern)]


def _alive(folder: Path) -> bool:
    """Whether the build that made `folder` (its pid is in the name) is still running."""
    try:
        pid = int(folder.name.rsplit(STAGING, 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False  # this process's, from a build that is over
    if os.name == "nt":  # os.kill would end the process there: go by age instead
        return time.time() - folder.stat().st_mtime < 24 * 3600
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # an old kernel, or a file system without it: two renames instead
    raise OSError(code, os.strerror(code), str(second))
