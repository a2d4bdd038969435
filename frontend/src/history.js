// Query history, kept in this browser only (localStorage): the last queries run, newest first.

const KEY = "vdk-graph.query-history";
const LIMIT = 50;

export function loadHistory() {
  try {
    const items = JSON.parse(window.localStorage.getItem(KEY) || "[]");
    return Array.isArray(items) ? items.filter((item) => typeof item.query === "string") : [];
  } catch {
    return [];
  }
}

export function remember(entry) {
  const items = [entry, ...loadHistory().filter((item) => item.query !== entry.query)].slice(0, LIMIT);
  try {
    window.localStorage.setItem(KEY, JSON.stringify(items));
  } catch {
    // storage full or disabled: the history is a convenience, never an error
  }
  return items;
}

export function clearHistory() {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}

function firstLine(query) {
  const line = query.split("\n").map((l) => l.trim()).find((l) => l && !/^(#|PREFIX\b)/i.test(l)) || query;
  return line.length > 90 ? line.slice(0, 89) + "…" : line;
}

export function renderHistory(list, items, strings, onOpen) {
  list.replaceChildren();
  for (const item of items) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "history-item";
    button.textContent = firstLine(item.query);
    button.title = item.query;
    button.addEventListener("click", () => onOpen(item.query));
    const meta = document.createElement("span");
    meta.className = "meta";
    const when = new Date(item.at);
    const count = item.error ? strings.failed : `${item.rows} ${item.rows === 1 ? strings.row : strings.rows}`;
    meta.textContent = ` ${when.toLocaleString()} · ${count}`;
    li.append(button, meta);
    list.appendChild(li);
  }
  list.closest("section")?.toggleAttribute("data-empty", items.length === 0);
}
