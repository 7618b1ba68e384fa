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
- :func:`write_file` is :func:`write_durably` for a file a command writes
  (``fmt --write``, ``test --junit``): a path that cannot be written is a
  :class:`~leadrules.errors.UsageError` naming the file, checked up front by
  :func:`check_writable` where the work comes before the write.
- :func:`retry_until` waits with jittered exponential back-off, the schedule
  every lock here uses.
- :class:`ScratchFolder` holds the temporary files of one run (an import) in
  one folder that the run keeps locked: removed when the run ends, however it
  ends, and — if the run was killed — by the next run in the same place.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import BusyError, Diagnostic, StoreError, UsageError

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
        import random
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
    import secrets
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


def check_writable(path: str | os.PathLike[str], what: str, *,
                   example: str = "FILE") -> None:
    """Raise :class:`UsageError` if ``path`` cannot be written as a file: it is a
    folder, or its folder does not exist.  ``what`` names the file in the message
    ("the JUnit report"); ``example`` is a file name the hint proposes."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise UsageError([Diagnostic(
            f"cannot write {what} to {target}: it is a folder",
            hint=f"name a file, e.g. {target / example}", code="unwritable-file")])
    if folder.exists() and not folder.is_dir():
        raise UsageError([Diagnostic(
            f"cannot write {what} to {target}: {folder} is a file, not a folder",
            hint="name a file in a folder that exists", code="unwritable-file")])
    if not folder.is_dir():
        raise UsageError([Diagnostic(
            f"cannot write {what} to {target}: there is no folder {folder}",
            hint=f"create it first (mkdir -p {folder}), or name a file in a folder that exists",
            code="unwritable-file")])


def write_file(path: str | os.PathLike[str], text: str, what: str, *,
               example: str = "FILE") -> None:
    """Write ``text`` (UTF-8) to ``path`` with :func:`write_durably`: atomically,
    through a symlink, keeping the file's permission bits; an error is a
    :class:`UsageError` naming ``what`` and the file, with nothing written."""
    check_writable(path, what, example=example)
    try:
        write_durably(path, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError([Diagnostic(
            f"cannot write {what} to {path}: {exc.strerror or exc}",
            hint="check the folder's permissions and free space", code="unwritable-file")]
        ) from None


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


SCRATCH_PREFIX = ".leadrules-scratch-"
"""Scratch folders are named ``.leadrules-scratch-PID-RANDOM``."""
_NEW_SCRATCH_PREFIX = ".leadrules-new-"
# A folder still under its first name (killed between mkdtemp and the rename)
# is removed by the next run once it is this old.
_NEW_SCRATCH_AGE = 60.0


class ScratchFolder:
    """A folder for one run's temporary files, inside ``parent``, for the
    duration of ``with`` (which gives its path).

    The folder holds a lock file, ``lock``, locked from the moment the folder
    gets its name (``.leadrules-scratch-PID-RANDOM``: it is made under another
    name, locked, then renamed) until the run ends.  On exit the folder is
    removed, whatever happened.  On entry, every scratch folder in ``parent``
    whose lock is free is removed: its run died (``kill -9``, a power loss)
    without removing it.  A forked helper inherits the lock, so a folder is
    kept for as long as any process of its run lives.
    """

    def __init__(self, parent: str | os.PathLike[str]) -> None:
        self.parent = Path(parent)
        self.path: Path | None = None
        self._lock: FileLock | None = None

    def __enter__(self) -> Path:
        import tempfile
        remove_dead_scratch(self.parent)
        made = Path(tempfile.mkdtemp(prefix=_NEW_SCRATCH_PREFIX, dir=self.parent))
        lock = FileLock(made / "lock")
        path = self.parent / f"{SCRATCH_PREFIX}{os.getpid()}-{made.name[-8:]}"
        try:
            if not lock.try_acquire():  # nobody else knows the folder yet
                raise StoreError(f"cannot lock the new scratch folder {made}")
            os.rename(made, path)
        except BaseException:
            # A Ctrl-C may land just after the rename: the folder is under either name.
            lock.release()
            _remove(made)
            _remove(path)
            raise
        self.path, self._lock = path, lock
        return path

    def __exit__(self, *exc_info: object) -> None:
        lock, self._lock = self._lock, None
        if self.path is not None:
            _remove(self.path)
        if lock is not None:
            lock.release()
        # Swept again on the way out: a run killed just before this one began may
        # have left a helper process that held its folder's lock a moment longer.
        remove_dead_scratch(self.parent)


def remove_dead_scratch(parent: str | os.PathLike[str]) -> list[Path]:
    """Remove the scratch folders in ``parent`` whose run is dead (their lock is
    free); the folders removed."""
    removed: list[Path] = []
    folder = Path(parent)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if name.startswith(SCRATCH_PREFIX):
            if not _lock_is_free(entry / "lock"):
                continue
        elif name.startswith(_NEW_SCRATCH_PREFIX):
            try:
                if now - entry.stat().st_mtime < _NEW_SCRATCH_AGE:
                    continue
            except OSError:
                continue
        else:
            continue
        _remove(entry)
        removed.append(entry)
    return removed


def _remove(folder: Path) -> None:
    import shutil
    shutil.rmtree(folder, ignore_errors=True)


def _lock_is_free(path: Path) -> bool:
    """Whether nobody holds the lock file ``path`` (a missing file: nobody)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if not _try_lock(fd):
            return False
        _unlock(fd)
        return True
    finally:
        os.close(fd)


def database_kind(path: str | os.PathLike[str]) -> str | None:
    """``"sqlite"`` or ``"duckdb"`` if the file starts as that engine's files do
    (so a store named for one engine but holding the other gets a clear error,
    and DuckDB is never left to guess and fetch its SQLite extension)."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return None
    if head == b"SQLite format 3\x00":
        return "sqlite"
    if head[8:12] == b"DUCK":
        return "duckdb"
    return None
