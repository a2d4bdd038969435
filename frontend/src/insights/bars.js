// Bar and line charts of the time and places pages, and the money-per-year bars of the money page.
// Money is charted one currency per chart (or in DKK where the data records rates): never added up
// across currencies.

import { SERIES } from "./colours.js";
import { count, money } from "./format.js";
import { keep } from "./registry.js";

function show(id) {
  const canvas = document.getElementById(id);
  if (!canvas) return null;
  const wrap = canvas.closest(".chart-wrap");
  if (wrap) wrap.hidden = false;
  canvas.dataset.drawn = "true";
  return canvas;
}

function base(lang, { stacked = false, horizontal = false, currency = null } = {}) {
  const tick = (v) => (currency ? money(v, currency, lang) : count(v, lang));
  const valueAxis = { stacked, beginAtZero: true, ticks: { callback: tick, precision: 0 } };
  const categoryAxis = { stacked, ticks: { autoSkip: true, maxRotation: 0 } };
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: horizontal ? "y" : "x",
    scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    plugins: {
      legend: { position: "bottom" },
      tooltip: {
        callbacks: {
          label: (c) => `${c.dataset.label}: ${currency ? money(c.raw, currency, lang) : count(c.raw, lang)}`,
        },
      },
    },
  };
}

function dataset(label, data, i, type) {
  const colour = SERIES[i % SERIES.length];
  return { label, data, backgroundColor: colour, borderColor: colour, type, pointRadius: 2, tension: 0.2 };
}

// Money per year (or per place): one chart per currency, or one in DKK when rates are recorded. A chart
// with nothing to show stays hidden; per place (``sparse``) only the places with money are drawn.
function moneyCharts(Chart, rows, labelOf, currencies, hasRates, prefix, lang, strings, sparse) {
  const series = hasRates ? ["DKK"] : currencies;
  for (const currency of series) {
    const valueOf = (r) => (hasRates ? r.dkk : (r.money || {})[currency]) ?? 0;
    const shown = sparse ? rows.filter((r) => valueOf(r) > 0) : rows;
    if (!shown.some((r) => valueOf(r) > 0)) continue;
    const canvas = show(`${prefix}-${currency}`);
    if (!canvas) continue;
    if (sparse) canvas.parentElement.style.height = `${Math.max(140, shown.length * 36 + 70)}px`;
    keep(new Chart(canvas, {
      type: "bar",
      data: {
        labels: shown.map(labelOf),
        datasets: [dataset(`${strings["col.money"]} (${currency})`, shown.map(valueOf), 0)],
      },
      options: base(lang, { currency, horizontal: sparse }),
    }));
  }
}

export function drawTime(Chart, payload) {
  const { data, lang, strings } = payload;
  const years = data.years || [];
  if (!years.length) return;
  const labels = years.map((y) => String(y.year));
  const partners = show("partners-chart");
  if (partners) {
    keep(new Chart(partners, {
      type: "bar",
      data: { labels, datasets: [
        dataset(strings["col.new_partners"], years.map((y) => y.new_partners), 0),
        dataset(strings["col.returning_partners"], years.map((y) => y.returning_partners), 1),
      ] },
      options: base(lang, { stacked: true }),
    }));
  }
  const activity = show("activity-chart");
  if (activity) {
    keep(new Chart(activity, {
      type: "line",
      data: { labels, datasets: [
        dataset(strings["col.projects_active"], years.map((y) => y.projects_active), 0),
        dataset(strings["col.organisations_active"], years.map((y) => y.organisations_active), 1),
      ] },
      options: base(lang),
    }));
  }
  moneyCharts(Chart, years, (y) => String(y.year), data.currencies, data.has_rates, "money-chart", lang, strings,
    false);
}

function placeName(area, payload) {
  if (area.level === "none") return payload.strings["level.none"] || "—";
  return area.label || area.iri;
}

export function drawPlaces(Chart, payload) {
  const { data, lang, strings } = payload;
  const areas = (data.areas || []).filter((a) => a.level !== "none");
  const regions = show("regions-chart");
  if (regions && areas.length) {
    const labels = areas.map((a) => placeName(a, payload));
    regions.parentElement.style.height = `${Math.max(220, areas.length * 42)}px`;
    keep(new Chart(regions, {
      type: "bar",
      data: { labels, datasets: [
        dataset(strings["col.organisations"], areas.map((a) => a.organisations), 0),
        dataset(strings["col.projects"], areas.map((a) => a.projects), 1),
      ] },
      options: base(lang, { horizontal: true }),
    }));
  }
  moneyCharts(Chart, areas, (a) => placeName(a, payload), data.currencies, data.has_rates, "places-money-chart",
    lang, strings, true);
}

export function drawMoneyByYear(Chart, payload) {
  const { data, lang, strings } = payload;
  const rows = data.by_year || [];
  if (!rows.length) return;
  const currencies = data.totals.map((t) => t.currency);
  moneyCharts(Chart, rows, (r) => String(r.year), currencies, data.has_rates, "by-year-chart", lang, strings, false);
}
