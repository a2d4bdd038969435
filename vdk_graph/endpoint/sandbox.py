"""Query workers that cannot reach the network, whatever the safety check decides.

The check in :mod:`~vdk_graph.endpoint.safety` refuses SERVICE before a query
runs, but a check is a second reader of the query, and issue 10 showed how a
second reader can be fooled. So the threads that run public queries are also
*unable* to open a network socket: a seccomp filter (the kernel's system-call
filter, through libseccomp via ``pyseccomp``) makes ``socket()`` fail with
EACCES for every family but ``AF_UNIX`` (the pipe to the web app), and
``io_uring_setup`` too, since io_uring can open sockets without ``socket()``.
Even a SERVICE the check missed then fails inside the engine ("Permission
denied") and no packet leaves the machine.

A seccomp filter binds the thread that loads it and every thread that thread
starts later, and it cannot be lifted. That fits both executors:

* worker processes (embedded store): the worker loads it first thing, before
  it starts any thread, so the whole process is confined;
* the ``memory:`` store: each query runs in a fresh thread of the server,
  which confines itself (0.5 ms) and ends after the query, so the server's
  own threads keep their network.

Workers of a *remote* store must talk HTTP to it, so they are not confined:
that server must refuse SERVICE itself (README, "Running it in public").
Where seccomp is missing (not Linux, no libseccomp, or a container that
forbids it) the endpoint still runs, and :func:`status` says so in the
server's start-up line.
"""

from __future__ import annotations

import errno
import socket
import threading
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Confinement:
    """Whether query threads can be kept off the network here, and how (or why not)."""

    active: bool
    how: str

    def describe(self) -> str:
        if self.active:
            return f"query workers cannot open network sockets ({self.how})"
        return f"query workers are NOT kept off the network: {self.how}"


class SandboxUnavailable(RuntimeError):
    """The system call filter could not be loaded (the reason is the message)."""


def confine() -> None:
    """Forbid this thread (and the threads it starts from now on) to open any socket but ``AF_UNIX``.

    Raises :class:`SandboxUnavailable` if the filter cannot be loaded.
    """
    try:
        try:
            import seccomp  # libseccomp's own bindings, where the distribution ships them
        except ImportError:
            import pyseccomp as seccomp
    except (ImportError, OSError) as exc:  # no binding, or the binding found no libseccomp
        raise SandboxUnavailable(f"no libseccomp binding ({exc})") from None
    try:
        refuse = seccomp.ERRNO(errno.EACCES)
        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        rules.add_rule(refuse, "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
        rules.add_rule(refuse, "io_uring_setup")
        rules.load()
    except Exception as exc:  # noqa: BLE001 - whatever the kernel or library says, it is "unavailable"
        raise SandboxUnavailable(f"seccomp filter refused ({type(exc).__name__}: {exc})") from None


@lru_cache(maxsize=1)
def status() -> Confinement:
    """Whether :func:`confine` works on this machine, found by confining a throwaway thread once."""
    box: dict[str, str] = {}

    def probe() -> None:
        try:
            confine()
            try:
                socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
                box["error"] = "the filter loaded but a TCP socket could still be opened"
            except PermissionError:
                pass
        except SandboxUnavailable as exc:
            box["error"] = str(exc)

    thread = threading.Thread(target=probe, name="vdk-sandbox-probe", daemon=True)
    thread.start()
    thread.join(10)
    if "error" in box:
        return Confinement(False, box["error"])
    return Confinement(True, "seccomp: socket() fails for every family but AF_UNIX")
