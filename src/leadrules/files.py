"""Files shared by processes: an exclusive lock, durable replaces, waiting with back-off.

- :class:`FileLock` serialises processes (and threads) around a read-modify-write
  of a file: an exclusive lock on a lock file of its own beside it — ``fcntl.flock``
  on POSIX, ``msvcrt.locking`` on Windows, both in the standard library — taken
  with retries until a timeout, then :class:`~leadrules.errors.BusyError`.  The
  lock file is never the data file itself: that one is replaced by a rename, and
  a lock on a replaced file protects nothing.
- :func:`write_durably` replaces a file's content as SQLite's own atomic commit
  does: a temporary file beside the target, written and ``fsync``-ed, renamed
  over it, and the folder ``fsync``-ed, so after a crash or a power loss the
  file is either the old one or the new one, never empty or half written.  It
  writes *through* a symlink (the link stays a link; its target gets the new
  content) and keeps the file's permission bits (and owner, where allowed).
- :func:`retry_until` waits with jittered exponential back-off, the schedule
  every lock here uses.
"""

from __future__ import annotations

import contextlib
import glob
import os
import random
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import BusyError, StoreError

_T = TypeVar("_T")

DEFAULT_TIMEOUT = 30.0
"""Seconds a writer waits for another process's lock before :class:`BusyError`."""

_FIRST_PAUSE = 0.001
_LONGEST_PAUSE = 0.05
# Trying a file lock is one system call: poll it often, so that a lock released
# is taken again at once.
LOCK_PAUSE = 0.005


def retry_until(attempt: Callable[[], _T | None], timeout: float, busy: Callable[[], str],
                *, longest: float = _LONGEST_PAUSE) -> _T:
    """Call ``attempt`` until it returns something other than None, pausing
    1 ms, 2 ms, … up to ``longest`` (with jitter, so waiting processes do not
    retry in step) between calls; after ``timeout`` seconds raise
    ``BusyError(busy())``."""
    deadline = time.monotonic() + timeout
    pause = _FIRST_PAUSE
    while True:
        outcome = attempt()
        if outcome is not None:
            return outcome
        left = deadline - time.monotonic()
        if left <= 0:
            raise BusyError(busy())
        time.sleep(min(left, pause * (0.5 + random.random())))
        pause = min(longest, pause * 2)


def real_path(path: str | os.PathLike[str]) -> Path:
    """``path`` with every symlink resolved: the file that is actually written."""
    return Path(os.path.realpath(path))


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file guarding ``path``: ``NAME.lock`` beside the file a symlink
    points to, so every path that reaches the same file takes the same lock."""
    target = real_path(path)
    return target.with_name(target.name + ".lock")


class FileLock:
    """An exclusive lock on ``path`` (created if missing, never deleted: deleting a
    lock file someone waits on would let two holders in), held inside ``with``.

    Not reentrant: a second ``FileLock`` on the same path in the same process waits
    for the first, as another process would.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = DEFAULT_TIMEOUT,
                 what: str | None = None) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._what = what or str(self.path)
        self._fd: int | None = None

    def __enter__(self) -> FileLock:
        retry_until(lambda: True if self.try_acquire() else None, self.timeout, self._busy,
                    longest=LOCK_PAUSE)
        return self

    def try_acquire(self) -> bool:
        """Take the lock if no one holds it; whether it was taken."""
        assert self._fd is None, "FileLock is not reentrant"
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise StoreError(f"cannot lock {self._what}: cannot open {self.path}: "
                             f"{exc.strerror}") from None
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def _busy(self) -> str:
        return (f"{self._what} is being written by another process: waited "
                f"{self.timeout:g} s for its lock ({self.path})")

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # flock, not lockf: its lock belongs to the open file, so two opens in one
        # process (two threads, two repositories) exclude each other too.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def write_durably(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the content of ``path`` (through symlinks) with ``data``, atomically
    and durably; the file keeps its permission bits (a new file gets the usual
    ``0o666`` less the umask).  Raises OSError; on failure the file is untouched
    and the temporary file removed."""
    target = real_path(path)
    try:
        before: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        before = None
    tmp = target.with_name(f"{_temporary_prefix(target)}{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        try:
            if before is not None:
                _keep_mode(fd, tmp, before)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)


def _temporary_prefix(target: Path) -> str:
    return f".{target.name}.leadrules-"


def remove_stale_temporaries(path: str | os.PathLike[str]) -> None:
    """Remove the temporary files :func:`write_durably` left beside ``path`` (through
    symlinks) when its process was killed mid-write.  Only for a caller holding the
    file's lock: another writer's temporary file is never stale then."""
    target = real_path(path)
    prefix = _temporary_prefix(target)
    for leftover in target.parent.glob(f"{glob.escape(prefix)}*.tmp"):
        leftover.unlink(missing_ok=True)


def replace_durably(tmp: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Rename the finished file ``tmp`` over ``target`` durably: ``tmp`` is synced
    to disk before the rename and the folder after it."""
    fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    fsync_folder(Path(target).parent)


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; Windows has no
    folder handles to sync, and its rename is durable by itself on NTFS)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_mode(fd: int, tmp: Path, before: os.stat_result) -> None:
    if sys.platform == "win32":
        os.chmod(tmp, before.st_mode & 0o7777)
        return
    # Owner and group first (chown may clear set-id bits), each only where allowed:
    # anyone may keep their own uid, and a group they belong to.
    try:
        os.fchown(fd, before.st_uid, before.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, before.st_gid)
    os.fchmod(fd, before.st_mode & 0o7777)
