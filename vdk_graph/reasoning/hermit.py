"""Running HermiT through owlready2: finding Java, owlready2's global settings, and Java's failures.

HermiT is Java; this is the only part of vdk-graph that needs a Java runtime,
and it says so in one line when there is none.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import owlready2
import owlready2.reasoning
from rdflib import Graph

from vdk_graph.errors import ReasonerUnavailable
from vdk_graph.reasoning.prepare import Prepared

NO_JAVA_MESSAGE = (
    "Java was not found: 'vdk-graph reason' runs the HermiT reasoner, which needs a Java runtime "
    "(install one, e.g. 'apt-get install default-jre', or set JAVA_HOME). "
    "Nothing else in vdk-graph needs Java."
)

# Names owlready2 gives the reasoner's inputs and output; .invalid can never resolve (RFC 2606).
_WORLD_BASE = "http://vdk-graph.invalid/reasoning/"

# owlready2's Java settings are module globals; one reasoning run at a time keeps them ours.
_OWLREADY_LOCK = threading.Lock()


def java_executable() -> str | None:
    """The Java runtime HermiT will run on, or None.

    A Java set in ``owlready2.JAVA_EXE`` wins (that is where owlready2 users set it),
    then ``$JAVA_HOME/bin/java`` (what our error message tells people to set), then ``java`` on the PATH.
    """
    configured = getattr(owlready2, "JAVA_EXE", None)
    if configured and configured != "java":
        return shutil.which(configured)
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        found = shutil.which(str(Path(java_home) / "bin" / "java"))
        if found:
            return found
    return shutil.which("java")


def require_java() -> str:
    """The Java runtime, or :class:`ReasonerUnavailable` with the one line that says how to get one."""
    java = java_executable()
    if java is None:
        raise ReasonerUnavailable(NO_JAVA_MESSAGE)
    return java


def run_hermit(prepared: Prepared, java: str, memory_mb: int | None) -> Graph | None:
    """The triples HermiT adds (owlready2's reading of its output), or None when inconsistent."""
    with _OWLREADY_LOCK, tempfile.TemporaryDirectory(prefix="vdk-reason-") as tmp, _owlready_settings(
        java, memory_mb, tmp
    ):
        world = owlready2.World()  # a fresh in-memory quadstore; never owlready2's default world
        try:
            for name, graph in (("ontology", prepared.ontology), ("data", prepared.data)):
                path = Path(tmp) / f"{name}.nt"
                graph.serialize(path, format="nt", encoding="utf-8")
                # Loading from an open file (not an IRI) keeps owlready2 from looking anything up online.
                world.get_ontology(f"{_WORLD_BASE}{name}#").load(fileobj=path.open("rb"), format="ntriples")
            results = world.get_ontology(f"{_WORLD_BASE}inferred#")
            try:
                owlready2.sync_reasoner_hermit(
                    results, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True
                )
            except owlready2.OwlReadyInconsistentOntologyError:
                return None
            except owlready2.OwlReadyJavaError as exc:
                raise ReasonerUnavailable(_java_failure(str(exc), memory_mb)) from None
            except OSError as exc:  # Java vanished or cannot be executed
                raise ReasonerUnavailable(f"could not start Java ({java}): {exc}") from None
            buffer = io.BytesIO()
            results.save(buffer, format="ntriples")
        finally:
            world.close()
    return Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")


@contextmanager
def _owlready_settings(java: str, memory_mb: int | None, tmp: str) -> Iterator[None]:
    # owlready2 reads the Java path and heap from module globals, and writes HermiT's input to a
    # temporary file it does not remove when HermiT fails; pointing tempfile at our own folder
    # (removed afterwards) keeps inconsistent runs from leaving world-sized files in /tmp.
    saved = owlready2.JAVA_EXE, owlready2.reasoning.JAVA_MEMORY, tempfile.tempdir
    owlready2.JAVA_EXE = java
    if memory_mb is not None:
        owlready2.reasoning.JAVA_MEMORY = memory_mb
    tempfile.tempdir = tmp
    try:
        yield
    finally:
        owlready2.JAVA_EXE, owlready2.reasoning.JAVA_MEMORY, tempfile.tempdir = saved


def _java_failure(output: str, memory_mb: int | None) -> str:
    """One line out of a Java stack trace: the exception and its message."""
    lines = [line.strip() for line in output.splitlines()]
    useful = [
        line for line in lines
        if line and not line.startswith(("at ", "...", "Picked up ", "Java error message is"))
    ]
    first = next((i for i, line in enumerate(useful) if "Error" in line or "Exception" in line), 0)
    text = useful[first] if useful else "no error message"
    text = text.removeprefix('Exception in thread "main" ')
    if ": " not in text and first + 1 < len(useful):
        text = f"{text}: {useful[first + 1]}"
    heap = memory_mb or owlready2.reasoning.JAVA_MEMORY
    hint = f" (Java had {heap} MB; give it more)" if "OutOfMemory" in text or "heap" in text.lower() else ""
    return f"the HermiT reasoner (Java) failed: {text}{hint}"
