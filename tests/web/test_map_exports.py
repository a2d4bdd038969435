"""The map's view for other tools (issue 15 §4): tables for Kumu, Graph Commons and Flourish, GEXF with
time spells and nothing invented, and a picture with names, legend, title and source line."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import networkx as nx
from flask.testing import FlaskClient
from openpyxl import load_workbook

from vdk_graph.mapview.export import EDGE_COLUMNS, NODE_COLUMNS

GEXF = "{http://www.gexf.net/1.2draft}"


def test_the_node_and_link_tables_carry_the_columns_the_tools_read(map_client: FlaskClient) -> None:
    view = map_client.get("/map/data.json?lang=en").get_json()
    nodes = list(csv.DictReader(io.StringIO(map_client.get("/map/export.nodes.csv").get_data(as_text=True))))
    edges = list(csv.DictReader(io.StringIO(map_client.get("/map/export.edges.csv").get_data(as_text=True))))
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(edges[0]) == EDGE_COLUMNS
    assert {n["ID"] for n in nodes} == {n["id"] for n in view["nodes"]}
    assert len(edges) == len(view["edges"])
    labels = {n["Label"] for n in nodes}
    assert all(e["From"] in labels and e["To"] in labels for e in edges)  # Kumu joins on labels
    assert all(e["Source"] in {n["ID"] for n in nodes} for e in edges)  # Flourish on IDs
    assert all(n["First year"] != "0" for n in nodes)


def test_the_workbook_has_elements_and_connections_sheets(map_client: FlaskClient) -> None:
    response = map_client.get("/map/export.xlsx?kind=company,knowledge")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    assert book.sheetnames == ["Elements", "Connections"]
    header = next(book["Elements"].iter_rows(values_only=True))
    assert tuple(header) == NODE_COLUMNS
    kinds = {row[2] for row in book["Elements"].iter_rows(min_row=2, values_only=True)}
    assert kinds <= {"Company", "Knowledge institution"}


def test_gexf_has_time_spells_and_leaves_unknown_years_out(map_client: FlaskClient) -> None:
    body = map_client.get("/map/export.gexf").data
    root = ET.fromstring(body)
    graph = root.find(f"{GEXF}graph")
    assert graph is not None and graph.get("mode") == "dynamic"
    nodes = graph.findall(f"{GEXF}nodes/{GEXF}node")
    spelled = [n for n in nodes if n.get("start")]
    assert spelled and all(int(n.get("start", "0")) > 1900 for n in spelled)
    read = nx.read_gexf(io.BytesIO(body))
    assert all(d.get("first_year", 1) != 0 for _, d in read.nodes(data=True))


def test_the_picture_has_names_a_legend_a_title_and_a_source_line(map_client: FlaskClient) -> None:
    response = map_client.get("/map/picture.svg?lang=da")
    assert response.mimetype == "image/svg+xml"
    svg = ET.fromstring(response.data)
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[0].startswith("Den danske digitale visuelle industri")
    assert any(t.startswith("Kilde: vdk-graph") and "CC BY 4.0" in t for t in texts)
    assert "Virksomhed" in texts  # the legend, in the page's language
    assert len(svg.findall(".//{http://www.w3.org/2000/svg}circle")) > 5
    assert (svg.get("width"), svg.get("height")) == ("1600", "1000")
