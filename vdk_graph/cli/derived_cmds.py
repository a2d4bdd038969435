"""The derived data kept beside the store: derive it now, see what is there, clear it."""

from __future__ import annotations

import click

from vdk_graph.cli import CliState


@click.command()
@click.option("--status", "show", is_flag=True, help="List what is on disk and whether it is current.")
@click.option("--clear", is_flag=True, help="Remove it all (it is computed again when next needed).")
@click.pass_obj
def derive(state: CliState, show: bool, clear: bool) -> None:
    """Compute the derived data the commands read (matchmaking index, network measures, path network).

    It is kept in the store's folder (<store>/derived/views) and used while the data is
    unchanged; imports leave it to its first use, so run this after a batch of imports
    to pay for it once. Memory and remote stores keep derived data in memory only.

    \b
    Examples:
      vdk-graph derive
      vdk-graph derive --status
      vdk-graph derive --clear
    """
    from vdk_graph.derived import disk as derived_disk

    store = state.store
    if derived_disk.folder_of(store) is None:
        raise click.ClickException(f"the {store.describe()} keeps derived data in memory only; "
                                   "there is nothing to derive or clear on disk")
    if clear:
        removed = derived_disk.clear(store)
        plural = "s" if removed != 1 else ""
        click.echo(f"removed {removed} file{plural} from {derived_disk.folder_of(store)}")
        return
    if not show:
        from vdk_graph.warm import derive as derive_all

        for done in derive_all(store):
            how = "computed" if done.computed else "current, read"
            click.echo(f"{done.view:<20} {how:<14} {done.seconds:7.2f} s")
    from vdk_graph.warm import disk_views

    entries = derived_disk.status(store, [view.codec for view in disk_views() if view.codec is not None])
    if not entries:
        click.echo(f"no derived data in {derived_disk.folder_of(store)}")
    for entry in entries:
        state_ = "current" if entry.current else "stale" if entry.known else "unknown"
        click.echo(f"{entry.name:<20} {state_:<8} {entry.bytes / 1e6:8.1f} MB  {entry.manifest.written_at}  "
                   f"{entry.manifest.file}")


COMMANDS = [derive]
