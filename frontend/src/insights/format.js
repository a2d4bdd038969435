// Numbers and money in the page's language, short enough for chart axes and tooltips.

export function locale(lang) {
  return lang === "da" ? "da-DK" : "en-GB";
}

export function count(n, lang) {
  return Number(n).toLocaleString(locale(lang));
}

// "DKK 9.2M" / "9,2 mio. DKK": compact, with the currency always named (amounts are never mixed).
export function money(n, currency, lang) {
  const text = new Intl.NumberFormat(locale(lang), { notation: "compact", maximumFractionDigits: 1 }).format(n);
  return lang === "da" ? `${text} ${currency}` : `${currency} ${text}`;
}

export function format(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}
