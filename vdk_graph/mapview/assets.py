"""vis-network's files as shipped inside the installed pyvis, and JSON that is safe inside an HTML page.

The app serves vis-network from the pyvis package (nothing is copied into the
repository, nothing comes from a CDN); the static export inlines the same
files. Data put into a ``<script type="application/json">`` block must not be
able to end it: ``</script>`` or ``<!--`` in a label would, so every ``<``,
``>`` and ``&`` is written as a JSON escape (``\\u003c`` …), which JSON.parse
reads back as the same text.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from vdk_graph.errors import MissingDependency

#: The vis-network version inside pyvis 0.3.2 (the newest it ships).
VIS_VERSION = "9.1.2"
FILES = {"js": "vis-network.min.js", "css": "vis-network.css"}


@cache
def vis_path(kind: str) -> Path:
    """The vis-network file (``js`` or ``css``) inside the installed pyvis package."""
    try:
        root = resources.files("pyvis")
    except ModuleNotFoundError:  # pragma: no cover - pyvis is a dependency
        raise MissingDependency("the map needs pyvis: pip install 'pyvis>=0.3.2'") from None
    for folder in ("templates/lib", "lib"):
        candidate = Path(str(root / folder / f"vis-{VIS_VERSION}" / FILES[kind]))
        if candidate.is_file():
            return candidate
    found = sorted(Path(str(root)).glob(f"**/vis-*/{FILES[kind]}"))
    if not found:
        raise MissingDependency(f"the installed pyvis has no {FILES[kind]}; "
                                "reinstall it: pip install 'pyvis>=0.3.2'")
    return found[-1]


def vis_text(kind: str) -> str:
    return vis_path(kind).read_text(encoding="utf-8")


_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block that nothing in it can close or comment out."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def inline_script(text: str) -> str:
    """JavaScript to inline in a ``<script>`` element (a ``</script`` in a string would end it early)."""
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT").replace("<!--", "<\\!--")


__all__ = ["VIS_VERSION", "inline_script", "script_json", "vis_path", "vis_text"]
