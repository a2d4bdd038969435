"""The ``vdk-graph`` command: a thin skin over the library.

Each command parses its options, calls one library function and prints the
result. A :class:`~vdk_graph.errors.VdkError` becomes one clear message on
stderr and a non-zero exit code; a traceback means a bug in vdk-graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from vdk_graph import __version__
from vdk_graph.config import DEFAULT_STORE, Settings
from vdk_graph.errors import ImportFailed, StoreDamaged, VdkError, file_system_problem

if TYPE_CHECKING:
    from vdk_graph.store import Store


@dataclass
class CliState:
    """What every command gets: the settings, and the store opened on first use."""

    settings: Settings
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        """The store, which must exist (commands that read)."""
        return self.open(create=False)

    def open(self, *, create: bool) -> Store:
        """The store; ``create``: a missing one is made by the first write (build, import)."""
        if self._store is None:
            from vdk_graph.store import open_store  # not before a command needs it: `--help` stays fast

            self._store = open_store(self.settings.store, create=create)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class VdkGroup(click.Group):
    """A group that turns vdk-graph errors into one line on stderr and exit code 1.

    Failures of the machine rather than of vdk-graph get one line too: a file-system error
    (a full disk, a full TMPDIR, permissions) wherever it happens, and the database's own
    report of a damaged store, which pyoxigraph raises as ``RuntimeError("Corruption: …")``
    from inside a query.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ImportFailed as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except VdkError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            what, todo = file_system_problem(exc)
            click.echo(f"Error: {what}; {todo}, then run the command again", err=True)
            ctx.exit(1)
        except RuntimeError as exc:
            if not str(exc).startswith("Corruption"):
                raise
            store = ctx.obj.settings.store if isinstance(ctx.obj, CliState) else "the store"
            click.echo(f"Error: {StoreDamaged.at(store, str(exc).splitlines()[0][:300])}", err=True)
            ctx.exit(1)


@click.group(cls=VdkGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="VDK_STORE",
    default=DEFAULT_STORE,
    show_default=True,
    help="Where the graph lives: a folder (embedded Oxigraph), 'memory:', or sparql+http(s)://host/path.",
)
@click.option("--base-iri", envvar="VDK_BASE_IRI", default=None, help="Base of minted entity IRIs.")
@click.option(
    "--data-dir", envvar="VDK_DATA_DIR", default=None, type=click.Path(file_okay=False),
    help="Curated data folder.",
)
@click.version_option(__version__, prog_name="vdk-graph")
@click.pass_context
def main(ctx: click.Context, store: str, base_iri: str | None, data_dir: str | None) -> None:
    """A knowledge graph of the Danish digital visual industry around Vision Denmark.

    \b
    Examples:
      vdk-graph build                      # load data/ into ./var/store
      vdk-graph query 'SELECT * WHERE { ?s a vdk:Project }'
      vdk-graph --store memory: import pure page.txt
      VDK_STORE=sparql+http://127.0.0.1:7878/query vdk-graph stats
    """
    settings = Settings.from_env(store=store, base_iri=base_iri, data_dir=data_dir)
    state = CliState(settings)
    ctx.obj = state
    ctx.call_on_close(state.close)


#: Other packages add commands here: an entry point in this group names a list of click
#: commands (the web app's ``serve`` and ``map``: ``webapp.commands:COMMANDS``).
ENTRY_POINTS = "vdk_graph.commands"


def _register() -> None:
    """Add the commands of every ``vdk_graph/cli/*_cmds.py`` module (each lists its own in ``COMMANDS``),
    then those other installed packages offer through the :data:`ENTRY_POINTS` group."""
    import importlib
    import pkgutil
    from importlib.metadata import entry_points

    import vdk_graph.cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.endswith("_cmds"):
            module = importlib.import_module(f"vdk_graph.cli.{info.name}")
            for command in module.COMMANDS:
                main.add_command(command)
    for point in sorted(entry_points(group=ENTRY_POINTS), key=lambda p: p.name):
        for command in point.load():
            main.add_command(command)


_register()
