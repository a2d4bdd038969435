// Small helpers the views share: elements without innerHTML, strings with {placeholders}, numbers
// in the page's language, and the fold that makes "Aarhus" find "Århus".

export function el(tag, props = {}, children = []) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") element.textContent = value;
    else if (key.includes("-") || key === "role") element.setAttribute(key, value === true ? "" : String(value));
    else element[key] = value;
  }
  element.append(...children);
  return element;
}

export function format(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

export function number(n, model) {
  const lang = model && model.context && model.context.lang === "da" ? "da-DK" : "en-GB";
  return Number(n).toLocaleString(lang);
}

const LETTERS = { "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss" };
export function fold(text) {
  const lower = String(text || "").normalize("NFKC").toLowerCase().replace(/[æøåäöüß]/g, (c) => LETTERS[c]);
  return lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

// The chart library (Chart.js, a chunk loaded on demand), or null after saying in the view's note that it
// could not be loaded: the table view still has every row.
export async function chartLibrary(loadChart, container, note, strings) {
  try {
    return (await loadChart()).Chart;
  } catch {
    note.textContent = strings.drawing_failed;
    container.dataset.failed = "true";
    return null;
  }
}
