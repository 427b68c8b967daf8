"""The archive's own files are checked before use (issue 14): nothing is followed out of it,
nothing but a regular file is ever opened for reading.

An archive is a folder anyone with write access may have tampered with: a record file may
be a FIFO (reading it would hang, and ingest holds the lock), a link to /dev/zero (read
until memory runs out) or to a file elsewhere; `raw/` may link out of the archive, and
writing into it would then write there. Hence:

- a record file (`structured/*.yaml`) must be a regular file, not a link: looked at with
  lstat first, so a FIFO or a device is never opened, then opened with O_NOFOLLOW and
  O_NONBLOCK and checked again on the open descriptor (it may be swapped in between);
- a raw file and the `raw/` and `structured/` folders may be links, but only to places
  inside the archive (resolved on the open descriptor, /proc/self/fd, where there is one);
- every read is bounded in bytes;
- `.lock` must be a regular file or absent; the archive must be a folder; a folder that
  holds neither `raw/` nor `structured/` is not an archive (`/`, a typo).

Each refusal is an `UnsafeFileError` (an ArchiveError, exit 10) whose message says what
the file is (`a FIFO`, `a symbolic link to /dev/zero, outside the archive`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from .errors import ArchiveError
from .i18n import N_, _

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class UnsafeFileError(ArchiveError):
    """A file of the archive that is not what it should be: never read, never followed."""


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words ("a FIFO", "a folder")."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    if stat.S_ISFIFO(mode):
        return _("a FIFO")
    if stat.S_ISCHR(mode):
        return _("a character device")
    if stat.S_ISBLK(mode):
        return _("a block device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a regular file")


def _real(path: str | Path) -> str:
    return os.path.realpath(path)


def is_inside(path: str | Path, folder: str | Path) -> bool:
    """Whether `path` (resolved) is `folder` (resolved) or below it."""
    real, top = _real(path), _real(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _opened_path(fd: int, path: Path) -> str:
    """The real path of what `fd` has open (Linux: /proc/self/fd), else of `path`."""
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return _real(path)


def read_bounded(fd: int, limit: int) -> bytes:
    """At most `limit` + 1 bytes from `fd` (one more tells the caller it is over)."""
    chunks, left = [], limit + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_record_file(path: Path, limit: int) -> bytes:
    """A record file's bytes (at most `limit` + 1): a regular file, never a link.

    Raises UnsafeFileError for anything else (nothing is opened then), FileNotFoundError
    when it is gone, OSError when it cannot be read.
    """
    st = os.lstat(path)
    if not stat.S_ISREG(st.st_mode):
        kind = _link_or_kind(path, st.st_mode)
        raise UnsafeFileError(_("{kind}, not a record file: never opened").format(kind=kind), path)
    fd = os.open(path, _FLAGS | _NOFOLLOW)
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or opened.st_ino != st.st_ino:
            raise UnsafeFileError(_("replaced while being read: not read"), path)
        return read_bounded(fd, limit)
    finally:
        os.close(fd)


def _link_or_kind(path: Path, mode: int) -> str:
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return _("a symbolic link to {target}").format(target=target)
    return kind_of(mode)


def read_inside(path: Path, folder: Path, limit: int) -> bytes:
    """A file's bytes (at most `limit` + 1), when it is a regular file inside `folder`
    (links allowed, as long as they stay inside). Raises UnsafeFileError otherwise,
    FileNotFoundError when it does not exist, OSError when it cannot be read."""
    st = os.stat(path)  # follows links: what would be opened
    if not is_inside(path, folder):
        raise UnsafeFileError(
            _("a symbolic link to {target}, outside the archive: not read").format(
                target=_real(path)
            ),
            path,
        )
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFileError(
            _("{kind}, not a regular file: never opened").format(kind=kind_of(st.st_mode)), path
        )
    fd = os.open(path, _FLAGS)
    try:
        opened = os.fstat(fd)
        real = _opened_path(fd, path)
        if not stat.S_ISREG(opened.st_mode) or not is_inside(real, folder):
            raise UnsafeFileError(_("replaced while being read: not read"), path)
        return read_bounded(fd, limit)
    finally:
        os.close(fd)


def check_folder(folder: Path, root: Path) -> None:
    """`raw/` or `structured/`: absent, or a folder inside the archive (links staying
    inside allowed). Raises UnsafeFileError."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        if os.path.islink(folder):
            raise UnsafeFileError(
                _("a symbolic link to {target}, which does not exist").format(
                    target=os.readlink(folder)
                ),
                folder,
            ) from None
        return
    if not is_inside(folder, root):
        raise UnsafeFileError(
            _("a symbolic link to {target}, outside the archive: not used").format(
                target=_real(folder)
            ),
            folder,
        )
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafeFileError(_("{kind}, not a folder").format(kind=kind_of(st.st_mode)), folder)


def check_archive(root: Path) -> None:
    """The archive folder and its `raw/`, `structured/` and `.lock` before a command uses
    them: a file given as the archive, a folder that holds other things but neither
    `raw/` nor `structured/` (`/`, a home folder), a `raw/` linking out of the archive,
    a `.lock` that is a folder or a link are refused. A missing or empty folder passes
    (ingest creates the archive there; what reading commands say of it is theirs).
    Raises ArchiveError (exit 10)."""
    try:
        st = os.stat(root)
    except FileNotFoundError:
        return
    except OSError as exc:
        message = _("cannot open the archive: {cause}").format(cause=_cause(exc))
        raise ArchiveError(message, root) from None
    if not stat.S_ISDIR(st.st_mode):
        raise ArchiveError(
            _("{kind}, not an archive folder").format(kind=kind_of(st.st_mode)),
            root,
        )
    for folder in (root / "raw", root / "structured"):
        check_folder(folder, root)
    lock = root / ".lock"
    try:
        lock_mode = os.lstat(lock).st_mode
    except FileNotFoundError:
        lock_mode = None
    if lock_mode is not None and not stat.S_ISREG(lock_mode):
        raise UnsafeFileError(
            _("the archive's lock file is {kind}: remove it (no resarchive may run)").format(
                kind=_link_or_kind(lock, lock_mode)
            ),
            lock,
        )
    if (root / "raw").is_dir() or (root / "structured").is_dir():
        return
    if not _foreign_entries(root):
        return  # an empty folder: an empty archive, or one ingest is about to fill
    raise ArchiveError(_("not an archive: the folder holds neither raw/ nor structured/"), root)


# What an archive holds besides raw/ and structured/: the lock, the index (and SQLite's
# files beside it), ingest's notes; dot-files ending in .tmp are its atomic writes.
_ARCHIVE_DOTFILES = re.compile(
    r"\.lock|\.index\.sqlite(?:-wal|-shm|-journal)?|\.extracted|\..*\.tmp"
)


def _foreign_entries(root: Path) -> list[str]:
    """What `root` holds that no archive would: any other file or folder, dot-files too
    (a home folder holds only `.bashrc` and the like)."""
    try:
        return [n for n in os.listdir(root) if not _ARCHIVE_DOTFILES.fullmatch(n)]
    except OSError:
        return ["?"]


def _cause(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full")
    if exc.errno == errno.EFBIG:
        return _("the file is over the file system's (or the process's) size limit")
    if exc.errno == errno.EROFS:
        return _("the file system is read-only")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("permission denied")
    known = {
        errno.ENOENT: N_("no such file or folder"),
        errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
        errno.EISDIR: N_("it is a folder"),
        errno.EBUSY: N_("the file or device is busy"),
        errno.ELOOP: N_("too many symbolic links"),
        errno.ENAMETOOLONG: N_("the name is too long"),
        errno.EEXIST: N_("it exists already"),
    }
    if exc.errno in known:
        return _(known[exc.errno])
    return exc.strerror or str(exc)


def write_error(exc: OSError, path: Path | str) -> ArchiveError:
    """An OSError while writing to the archive as one line: full disk, read-only, ..."""
    return ArchiveError(_("cannot write to the archive: {cause}").format(cause=_cause(exc)), path)


def os_failure(exc: OSError, path: Path | str) -> ArchiveError:
    """Any OSError that ended a command, as one line: a write failure (full disk,
    read-only) says so; anything else names the cause."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS):
        return write_error(exc, path)
    return ArchiveError(_("cannot read or write: {cause}").format(cause=_cause(exc)), path)


def output_error(exc: OSError, path: Path | str) -> ArchiveError:
    """An OSError while writing an output file (`-o`): the old file is untouched."""
    return ArchiveError(
        _("cannot write the file: {cause} (an existing file is left as it was)").format(
            cause=_cause(exc)
        ),
        path,
    )


def read_error(exc: OSError, path: Path | str) -> ArchiveError:
    """An OSError while reading a file of the archive as one line."""
    return ArchiveError(_("cannot read: {cause}").format(cause=_cause(exc)), path)
