"""One writer at a time: an advisory lock file that says who holds it."""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path
from types import TracebackType

from vdk_graph.errors import StoreBusyError


class WriteLock:
    """An exclusive, non-blocking ``flock`` on ``path``; the holder's pid and command are written into it.

    The kernel drops the lock when the holder dies (even by ``kill -9``), so a
    crashed import never leaves the store locked.
    """

    def __init__(self, path: Path, store_label: str) -> None:
        self.path = path
        self.store_label = store_label
        self._fd: int | None = None

    def __enter__(self) -> WriteLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise StoreBusyError(
                f"the store at {self.store_label} is being written by another process ({holder}); "
                "only one import can run at a time. Wait for it to finish and run the command again."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}: {' '.join(sys.argv[:4])}\n".encode())
        self._fd = fd
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _read_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode(errors="replace").strip()
    except OSError:
        text = ""
    return text or "unknown process"
