// The result views and the "view as" choice: table, chart, graph, timeline. The host page (the
// workbench or a named query's page) gives the result as a model and keeps the choice in its URL.
//
//   model.js     the result: columns and their kinds, rows, labels     table.js     sort, filter, pages
//   charts.js    bar, line, pie, scatter (Chart.js)                    timeline.js  start → end bars
//   graph.js     IRIs and rows as a network (vis-network)              downloads.js CSV, TSV, JSON, XLSX
//   labels.js    labels and kinds from the endpoint                    dom.js       small helpers

import { createTable } from "./table.js";
import { createChart, suggest } from "./charts.js";
import { createGraph, graphable } from "./graph.js";
import { createTimeline, timelineColumns } from "./timeline.js";
import { el } from "./dom.js";

export const VIEWS = ["table", "chart", "graph", "timeline"];
const loadChart = () => import("./chartlib.js");

export function viewFromUrl() {
  const view = new URLSearchParams(window.location.search).get("view");
  return VIEWS.includes(view) ? view : "table";
}

// The URL with `view` set (left out for the table, the default), the rest kept.
export function urlWithView(href, view) {
  const url = new URL(href, window.location.href);
  if (view && view !== "table") url.searchParams.set("view", view);
  else url.searchParams.delete("view");
  return url.pathname + url.search + url.hash;
}

// Show `model` in `container`, starting with `options.view`; `options.onView(view)` hears each choice.
// options: strings, graph (kinds, styles, vis-network URLs), fetchKinds(iris) → Map, view, onView.
export function mountViews(container, model, options) {
  const { strings } = options;
  const available = {
    table: true,
    chart: !!suggest(model),
    graph: graphable(model),
    timeline: !!timelineColumns(model),
  };
  const group = el("div", { className: "rv-views", role: "group", "aria-label": strings.view_as });
  const panels = {};
  const views = {};
  const buttons = {};
  for (const name of VIEWS) {
    const button = el("button", { type: "button", id: `view-${name}`, text: strings[`view_${name}`],
      "aria-pressed": "false", "aria-controls": `panel-${name}`, disabled: !available[name],
      title: available[name] ? undefined : strings[`${name}_none`] });
    button.addEventListener("click", () => show(name, true));
    buttons[name] = button;
    group.appendChild(button);
    panels[name] = el("div", { className: `rv-panel rv-${name}`, id: `panel-${name}`, role: "region",
      "aria-label": strings[`view_${name}`], hidden: true });
  }
  container.replaceChildren(el("div", { className: "rv-bar" }, [
    el("span", { className: "rv-label", text: strings.view_as }), group]), ...Object.values(panels));
  container.classList.add("result-views");

  function create(name) {
    const panel = panels[name];
    if (name === "table") return createTable(panel, model, strings);
    if (name === "chart") return createChart(panel, model, strings, loadChart);
    if (name === "timeline") return createTimeline(panel, model, strings, loadChart);
    return createGraph(panel, model, strings, options.graph || {}, options.fetchKinds || (async () => new Map()));
  }

  let current = null;
  function show(name, chosen) {
    if (!available[name]) name = "table";
    for (const view of VIEWS) {
      panels[view].hidden = view !== name; // shown before it is drawn: the views measure their room
      buttons[view].setAttribute("aria-pressed", String(view === name));
    }
    if (!views[name]) views[name] = create(name);
    else if (views[name].stale) { views[name].stale = false; views[name].refresh(); }
    current = name;
    container.dataset.view = name;
    if (chosen && options.onView) options.onView(name);
    return views[name].ready || Promise.resolve();
  }

  show(available[options.view] ? options.view : "table", false);
  return {
    show: (name) => show(name, true),
    get current() { return current; },
    // New labels: the visible view redraws now, the others when they are next shown.
    refresh() {
      for (const [name, view] of Object.entries(views)) {
        if (name === current) view.refresh(); else view.stale = true;
      }
    },
    destroy() {
      for (const view of Object.values(views)) if (view.destroy) view.destroy();
    },
  };
}
