"""One error hierarchy for the library, the CLI and the web app.

Every error here is a problem the user can act on: its message says what was
wrong, where (file, line, field) and what to do. The CLI prints it as one line
and exits non-zero; the web app turns it into a 4xx/5xx page or JSON body using
``http_status``. Anything that is *not* a ``VdkError`` is a bug in vdk-graph.
"""

from __future__ import annotations

import errno
import math
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in an input, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    expected: str | None = None
    severity: Severity = "error"

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.expected:
            text += f" (expected {self.expected})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "expected": self.expected,
        }


class VdkError(Exception):
    """Base of every error a user can fix."""

    http_status = 400
    exit_code = 1
    #: HTTP headers the web answer carries (``Retry-After`` …); every renderer adds them.
    headers: dict[str, str] = {}  # noqa: RUF012 - read-only default; instances set their own


class ConfigError(VdkError):
    """A setting (store location, base IRI, port ...) is wrong."""


class StoreError(VdkError):
    """The store cannot do what was asked."""

    http_status = 500


class StoreNotFound(StoreError):
    """There is no store where one was asked for, and creating one was not asked for.

    Opening a missing folder used to give an empty graph, so a typo in a path looked like a store
    with no data (and ``rows[0]`` failed far from the cause).
    """

    http_status = 503


class StoreDamaged(StoreError):
    """The store's files are damaged: they fail their checksums, or the database reports corruption."""

    http_status = 503

    @classmethod
    def at(cls, location: object, problem: str) -> StoreDamaged:
        """The error for the store at ``location``, with what was found and how to recover."""
        return cls(
            f"the store at {location} is damaged: {problem}. Move it aside "
            f"(mv {location} {location}.damaged) and rebuild it with 'vdk-graph --store {location} build', "
            "or restore it from a backup"
        )


class StoreBusyError(StoreError):
    """Another process is writing the store; only one writer at a time."""

    http_status = 503


class RemoteStoreError(StoreError):
    """The remote SPARQL server refused a request or could not be reached."""

    http_status = 502


@dataclass
class ImportFailed(VdkError):
    """An import found errors; nothing was written."""

    problems: list[Problem] = field(default_factory=list)
    summary: str = "the import found errors; nothing was written to the store"

    http_status = 422

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        head = f"{self.summary} ({len(errors)} error{'s' if len(errors) != 1 else ''})"
        return "\n".join([head, *(f"  - {p}" for p in errors)])


class QueryError(VdkError):
    """A SPARQL query is malformed or cannot be run."""

    def __init__(
        self, message: str, line: int | None = None, column: int | None = None, detail: str | None = None
    ) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        #: The parser's own words, without the position (which ``line``/``column`` carry).
        self.detail = detail or message


class QueryRefused(QueryError):
    """A query asks for something the read-only, offline endpoint never does (update, SERVICE, LOAD)."""

    http_status = 403


class Busy(VdkError):
    """The server has no capacity for this request now; it should come back after ``Retry-After``."""

    http_status = 503

    def __init__(self, message: str, retry_after: float = 1) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(max(1, math.ceil(retry_after)))}


class QueryTimeout(VdkError):
    """A query ran past its time limit and was stopped."""

    http_status = 503

    def __init__(self, message: str, retry_after: float = 10) -> None:
        super().__init__(message)
        # The server is fine; the same query will time out again, but it may be retried later.
        self.headers = {"Retry-After": str(max(1, math.ceil(retry_after)))}


class AnswerTooLarge(VdkError):
    """An answer would be larger than one response may be (the client should ask for less)."""

    http_status = 413


class QueryTooLarge(VdkError):
    """A query needed more memory than the endpoint allows one query (its worker was stopped)."""

    http_status = 503


class NotFound(VdkError):
    """A named thing (query, entity, source, graph) does not exist."""

    http_status = 404


class ReasonerUnavailable(VdkError):
    """The OWL reasoner cannot run here (no Java)."""

    http_status = 501


class ValidationFailed(VdkError):
    """SHACL validation found violations."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class MatchError(VdkError):
    """A matchmaking request asks for something that does not exist: an unknown kind, region or weight."""


class AmbiguousName(VdkError):
    """A name matches several entities closely; the user must choose one (by IRI or a longer name)."""

    def __init__(self, message: str, candidates: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        #: (IRI, label) of each close match, best first.
        self.candidates = candidates or []


class ParameterError(VdkError):
    """A named query's parameter is missing, unknown or not of its type; the message names it and the type."""

    def __init__(self, message: str, parameter: str | None = None, expected: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.expected = expected


class MissingDependency(VdkError, ImportError):
    """An optional package a feature needs is not installed (the message names the pip command)."""

    http_status = 501


#: (errno, words in pyoxigraph's message) → what happened, and what to do about it.
_FILE_SYSTEM_CAUSES: tuple[tuple[int, str, str, str], ...] = (
    (errno.ENOSPC, "No space left", "no space left on the device", "free some disk space"),
    (errno.EDQUOT, "quota exceeded", "the disk quota is exceeded",
     "free some space or ask for a larger quota"),
    (errno.EFBIG, "File too large", "a file grew past the file-size limit",
     "raise the limit ('ulimit -f') or free the space the limit protects"),
    (errno.EROFS, "Read-only file system", "the file system is read-only", "use a writable folder"),
    (errno.EACCES, "Permission denied", "permission denied",
     "fix the folder's permissions or use another one"),
)


def file_system_problem(exc: BaseException) -> tuple[str, str]:
    """What went wrong on the file system, and what to do, from an OSError (or pyoxigraph's IO error text).

    pyoxigraph reports RocksDB's IO errors as OSError without an errno, only the words
    ("IO error: While appending to file: …: No space left on device"), so both are read.
    """
    number = getattr(exc, "errno", None)
    text = str(exc)
    where = getattr(exc, "filename", None)
    for code, words, what, todo in _FILE_SYSTEM_CAUSES:
        if number == code or words.casefold() in text.casefold():
            if where and _in_temporary_folder(str(where)):
                what = f"{what} in the temporary folder"
                todo = f"{todo} there, or point TMPDIR at a folder with room (TMPDIR=/bigger/tmp vdk-graph …)"
            return (f"{what} ({where})" if where else what), todo
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return first[:300], "fix the cause and run the command again"


def _in_temporary_folder(path: str) -> bool:
    import tempfile

    try:
        return path.startswith(tempfile.gettempdir())
    except OSError:  # no usable temporary folder at all
        return True
