// The table view: sort (click a column), filter (text in any column, Danish letters folded), pages,
// and, past a few hundred rows on a page, virtual scrolling: only the rows in sight are in the DOM,
// between two spacer rows, so a page of 10,000 rows scrolls as smoothly as one of 100.

import { entityHref } from "../results.js";
import { display, numberOf, shown } from "./model.js";
import { el, fold, format, number } from "./dom.js";

const PAGE_SIZES = [100, 1000, 0]; // 0: all
const DEFAULT_PAGE_SIZE = 1000;
const VIRTUAL_FROM = 300; // rows on a page from which only those in sight are drawn
const OVERSCAN = 12;

function cell(model, term, column) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const href = entityHref(term.value, model.context.base);
    const a = document.createElement(href ? "a" : "span");
    if (href) a.href = href;
    a.title = term.value;
    a.dataset.iri = term.value;
    a.textContent = display(model, term);
    if (model.labels.has(term.value)) a.classList.add("labelled");
    td.appendChild(a);
  } else if (term.type === "bnode") {
    td.textContent = display(model, term);
    td.className = "bnode";
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) td.append(" ", el("span", { className: "lang", text: term["xml:lang"] }));
    if (column.kind === "number" || column.kind === "year") td.className = "num";
  }
  return td;
}

export function createTable(container, model, strings) {
  const columns = shown(model);
  const collator = new Intl.Collator(model.context.lang || "en", { numeric: true, sensitivity: "base" });
  const view = { sort: null, filter: "", page: 0, pageSize: DEFAULT_PAGE_SIZE, order: [], window: null };
  let texts = null; // the folded text of each row, for the filter (rebuilt when labels arrive)
  let textsVersion = -1;

  const filter = el("input", { id: "rv-filter", type: "search", autocomplete: "off",
    placeholder: strings.filter_placeholder });
  const size = el("select", { id: "rv-page-size" });
  for (const n of PAGE_SIZES) {
    size.appendChild(el("option", { value: String(n), text: n ? number(n, model) : strings.all,
      selected: n === DEFAULT_PAGE_SIZE }));
  }
  const prev = el("button", { type: "button", id: "rv-prev", text: strings.prev });
  const next = el("button", { type: "button", id: "rv-next", text: strings.next });
  const pageText = el("span", { id: "rv-page", className: "rv-page" });
  const count = el("span", { id: "rv-count", className: "rv-count", role: "status" });
  const tools = el("div", { className: "rv-tools" }, [
    el("span", { className: "rv-field" }, [el("label", { htmlFor: "rv-filter", text: strings.filter }), filter]),
    el("span", { className: "rv-field" }, [el("label", { htmlFor: "rv-page-size", text: strings.page_size }), size]),
    el("span", { className: "rv-pager", role: "group", "aria-label": strings.pages }, [prev, pageText, next]),
    count,
  ]);

  const table = el("table", { className: "results", id: "results-table" });
  const headRow = table.createTHead().insertRow();
  const sorters = columns.map((column) => {
    const th = el("th", { scope: "col" });
    const button = el("button", { type: "button", className: "rv-sort", text: column.name, title: strings.sort });
    button.dataset.column = column.name;
    button.addEventListener("click", () => sortBy(column));
    th.appendChild(button);
    headRow.appendChild(th);
    return th;
  });
  const body = table.createTBody();
  const scroller = el("div", { className: "rv-scroll table-wrap", id: "rv-scroll", tabIndex: 0, role: "region",
    "aria-label": strings.table_region }, [table]);
  container.replaceChildren(tools, scroller);

  function rowText(index) {
    if (textsVersion !== model.version) {
      texts = new Array(model.rows.length);
      textsVersion = model.version;
    }
    if (texts[index] === undefined) {
      const row = model.rows[index];
      texts[index] = fold(columns.map((c) => display(model, row[c.index])).join("\u0001"));
    }
    return texts[index];
  }

  function sortKeys(column) {
    const numeric = column.kind === "number" || column.kind === "year";
    return model.rows.map((row) => {
      const term = row[column.index];
      if (!term) return null;
      if (numeric) return numberOf(term);
      return column.kind === "date" ? term.value : display(model, term);
    });
  }

  function compute() {
    const wanted = fold(view.filter.trim());
    let order = [];
    for (let i = 0; i < model.rows.length; i += 1) if (!wanted || rowText(i).includes(wanted)) order.push(i);
    if (view.sort) {
      const keys = sortKeys(view.sort.column);
      const numeric = view.sort.column.kind !== "iri" && view.sort.column.kind !== "text";
      const sign = view.sort.descending ? -1 : 1;
      order = order.sort((a, b) => {
        const x = keys[a];
        const y = keys[b];
        if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1; // empty cells last
        const c = numeric && typeof x === "number" ? x - y : (numeric ? (x < y ? -1 : x > y ? 1 : 0)
          : collator.compare(x, y));
        return c ? sign * c : a - b;
      });
    }
    view.order = order;
    const pages = pageCount();
    if (view.page >= pages) view.page = Math.max(0, pages - 1);
  }

  function pageCount() {
    return view.pageSize ? Math.max(1, Math.ceil(view.order.length / view.pageSize)) : 1;
  }

  function pageRows() {
    if (!view.pageSize) return view.order;
    return view.order.slice(view.page * view.pageSize, (view.page + 1) * view.pageSize);
  }

  function sortBy(column) {
    const current = view.sort && view.sort.column === column ? view.sort : null;
    if (!current) view.sort = { column, descending: false };
    else if (!current.descending) view.sort = { column, descending: true };
    else view.sort = null;
    sorters.forEach((th, i) => {
      if (view.sort && columns[i] === view.sort.column) {
        th.setAttribute("aria-sort", view.sort.descending ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
    update(true);
  }

  function spacer(height) {
    const tr = el("tr", { className: "rv-spacer", "aria-hidden": "true" });
    const td = el("td", { colSpan: columns.length || 1 });
    td.style.height = `${height}px`;
    tr.appendChild(td);
    return tr;
  }

  function row(index, position) {
    const tr = document.createElement("tr");
    tr.setAttribute("aria-rowindex", String(position + 2));
    for (const column of columns) tr.appendChild(cell(model, model.rows[index][column.index], column));
    return tr;
  }

  let rowHeight = 0;
  function drawRows(force) {
    const rows = pageRows();
    const offset = view.pageSize ? view.page * view.pageSize : 0;
    const virtual = rows.length >= VIRTUAL_FROM;
    table.classList.toggle("rv-virtual", virtual);
    if (!virtual) {
      if (!force && view.window === "all") return;
      view.window = "all";
      rowHeight = 0;
      table.classList.remove("rv-fixed");
      table.querySelector("colgroup")?.remove();
      body.replaceChildren(...rows.map((index, i) => row(index, offset + i)));
      return;
    }
    if (!rowHeight) {
      body.replaceChildren(row(rows[0], offset));
      rowHeight = body.firstChild.getBoundingClientRect().height || 28;
      freezeWidths(rows.slice(0, 50));
    }
    const header = table.tHead.getBoundingClientRect().height;
    const top = Math.max(0, scroller.scrollTop - header);
    const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
    const last = Math.min(rows.length, Math.ceil((top + scroller.clientHeight) / rowHeight) + OVERSCAN);
    const key = `${first}:${last}`;
    if (!force && view.window === key) return;
    view.window = key;
    const drawn = [];
    for (let i = first; i < last; i += 1) drawn.push(row(rows[i], offset + i));
    body.replaceChildren(spacer(first * rowHeight), ...drawn, spacer((rows.length - last) * rowHeight));
  }

  // Column widths from the first rows, kept while scrolling (otherwise the columns jump at each window).
  function freezeWidths(sample) {
    table.classList.remove("rv-fixed");
    table.querySelector("colgroup")?.remove();
    body.replaceChildren(...sample.map((index, i) => row(index, i)));
    const widths = [...headRow.cells].map((th) => th.getBoundingClientRect().width);
    const group = document.createElement("colgroup");
    for (const width of widths) {
      const col = document.createElement("col");
      col.style.width = `${Math.ceil(width)}px`;
      group.appendChild(col);
    }
    table.insertBefore(group, table.firstChild);
    table.classList.add("rv-fixed");
  }

  function update(recompute) {
    if (recompute) compute();
    const pages = pageCount();
    const rows = pageRows();
    const offset = view.pageSize ? view.page * view.pageSize : 0;
    table.setAttribute("aria-rowcount", String(view.order.length + 1));
    pageText.textContent = format(strings.page_of, { page: view.page + 1, pages });
    prev.disabled = view.page === 0;
    next.disabled = view.page >= pages - 1;
    const values = { from: number(rows.length ? offset + 1 : 0, model), to: number(offset + rows.length, model),
      n: number(view.order.length, model), total: number(model.rows.length, model) };
    if (!model.rows.length) count.textContent = strings.no_rows;
    else if (view.order.length === model.rows.length) count.textContent = format(strings.showing, values);
    else count.textContent = format(view.order.length ? strings.matching : strings.no_match, values);
    container.dataset.rows = String(view.order.length);
    container.dataset.page = String(view.page + 1);
    scroller.scrollTop = 0;
    drawRows(true);
  }

  let pending = 0;
  const soon = () => {
    if (pending) return;
    pending = requestAnimationFrame(() => { pending = 0; drawRows(false); });
  };
  scroller.addEventListener("scroll", soon);
  new ResizeObserver(soon).observe(scroller); // a taller window, or the panel shown again
  let typing = 0;
  filter.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => { view.filter = filter.value; view.page = 0; update(true); }, 120);
  });
  size.addEventListener("change", () => { view.pageSize = Number(size.value); view.page = 0; update(true); });
  prev.addEventListener("click", () => { if (view.page > 0) { view.page -= 1; update(false); } });
  next.addEventListener("click", () => { if (view.page < pageCount() - 1) { view.page += 1; update(false); } });

  update(true);
  return {
    // Labels arrived: redraw what is in sight (and let the filter and sorting see them).
    refresh() {
      if (view.filter.trim() || (view.sort && view.sort.column.kind === "iri")) update(true);
      else drawRows(true);
    },
    element: container,
  };
}
