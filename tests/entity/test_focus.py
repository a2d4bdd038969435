"""The entity focus map's two layouts: the ring for wide screens and the column for phones (issue 15 §5)."""

from __future__ import annotations

from vdk_graph.entity.focus import NARROW_WIDTH, ROW, column_layout, focus_map
from vdk_graph.network import ecosystem
from vdk_graph.store import MemoryStore

NORDLYS = "https://w3id.org/vdk/id/organisation/nordlys"


def test_the_column_layout_keeps_every_node_edge_and_name(entity_store: MemoryStore) -> None:
    ring = focus_map(ecosystem(entity_store), NORDLYS)
    assert ring is not None
    column = column_layout(ring)
    assert column.width == NARROW_WIDTH and column.kinds == ring.kinds and column.more == ring.more
    assert [(n.iri, n.short) for n in column.nodes] == [(n.iri, n.short) for n in ring.nodes]
    assert len(column.edges) == len(ring.edges)
    centre, *neighbours = column.nodes
    assert centre.centre and centre.y < min(n.y for n in neighbours)  # the entity on top
    assert {n.x for n in neighbours} == {neighbours[0].x}  # one column …
    ys = [n.y for n in neighbours]
    assert all(b - a == ROW for a, b in zip(ys, ys[1:], strict=False))  # … a row apart, so names never touch
    for node in column.nodes:  # names start right of their node and stay inside the picture
        assert node.anchor == "start" and node.x < node.label_x < NARROW_WIDTH / 4
        assert node.label_y <= column.height
    assert max(ys) < column.height


def test_links_between_neighbours_curve_left_of_the_column(entity_store: MemoryStore) -> None:
    ring = focus_map(ecosystem(entity_store), NORDLYS)
    assert ring is not None
    column = column_layout(ring)
    sides = [e for e in column.edges if not e.spoke]
    spokes = [e for e in column.edges if e.spoke]
    assert spokes and all(e.curve is None for e in spokes)
    assert sides, "the made-up ecosystem has neighbours linked to each other"
    x_column = column.nodes[1].x
    for edge in sides:
        assert edge.curve is not None and edge.curve.startswith("M ")
        control_x = float(edge.curve.split(" Q ")[1].split()[0])
        assert control_x < x_column  # bends away from the names
