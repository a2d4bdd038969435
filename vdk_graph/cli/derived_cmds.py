"""The derived data kept beside the store: derive it now, see what is there, clear it."""

from __future__ import annotations

import click

from vdk_graph.cli import CliState


@click.command()
@click.option("--status", "show", is_flag=True, help="List what is on disk and whether it is current.")
@click.option("--clear", is_flag=True, help="Remove it all (it is computed again when next needed).")
@click.pass_obj
def derive(state: CliState, show: bool, clear: bool) -> None:
    """Compute the derived data: aggregates, matchmaking index, network measures, path network.

    The aggregates are counted into the store ({base}graph/aggregates, as 'vdk-graph
    aggregates' does); imports of a store of more than a few thousand triples leave them
    stale, and the named queries take their slower original formulations until they are
    counted. The rest is kept in the store's folder (<store>/derived/views) and used while
    the data is unchanged; imports leave it to its first use. So run this after a batch of
    imports to pay for it all once. Memory and remote stores keep the views in memory only
    (their aggregates are still counted).

    \b
    Examples:
      vdk-graph derive
      vdk-graph derive --status
      vdk-graph derive --clear
    """
    from vdk_graph.derived import disk as derived_disk

    store = state.store
    folder = derived_disk.folder_of(store)
    if folder is None and (show or clear):
        raise click.ClickException(f"the {store.describe()} keeps derived data in memory only; "
                                   "there is nothing to list or clear on disk")
    if clear:
        removed = derived_disk.clear(store)
        plural = "s" if removed != 1 else ""
        click.echo(f"removed {removed} file{plural} from {folder}")
        return
    if not show:
        from vdk_graph.warm import count_aggregates
        from vdk_graph.warm import derive as derive_all

        if folder is None:
            report = count_aggregates(store, state.settings.base_iri)
            click.echo(report.summary())
            click.echo(f"the {store.describe()} keeps the other derived data in memory only: "
                       "nothing more to do")
            return
        for done in derive_all(store, state.settings.base_iri):
            how = "computed" if done.computed else "current, read"
            click.echo(f"{done.view:<20} {how:<14} {done.seconds:7.2f} s")
    from vdk_graph.warm import disk_views

    click.echo(_aggregates_status(store))
    entries = derived_disk.status(store, [view.codec for view in disk_views() if view.codec is not None])
    if not entries:
        click.echo(f"no derived data in {folder}")
    for entry in entries:
        state_ = "current" if entry.current else "stale" if entry.known else "unknown"
        click.echo(f"{entry.name:<20} {state_:<8} {entry.bytes / 1e6:8.1f} MB  {entry.manifest.written_at}  "
                   f"{entry.manifest.file}")


def _aggregates_status(store) -> str:
    """The aggregates' line, from what was recorded at this data version (checking would read the data)."""
    from vdk_graph.aggregates import FAMILIES, freshness

    recorded = freshness.read_marker(store, store.data_version())
    if recorded is None:
        state_ = "unknown  (not checked at this data version; 'vdk-graph derive' checks and counts)"
    elif recorded >= set(FAMILIES):
        state_ = "current  (in the store's aggregates graph)"
    else:
        kept = ", ".join(sorted(recorded)) or "none"
        state_ = f"stale    (current: {kept}; the named queries take their original formulations)"
    return f"{'aggregates':<20} {state_}"


COMMANDS = [derive]
