// What leaves the map: every link on the page follows the view (GEXF, GraphML, the offline file, the table,
// the embed code, "show SPARQL", the language switch), and the picture as PNG.

import { $, config, isStatic, state, text, urls, withArgs } from "./state.js";

export function updateLinks(data) {
  const args = state.args;
  const sparql = $("map-sparql");
  if (sparql) sparql.textContent = data.sparql || "";
  const run = $("map-sparql-run");
  if (run && urls.sparql) {
    run.href = urls.sparql + encodeURIComponent(data.sparql || "");
    run.hidden = false;
  }
  if (isStatic) return;
  for (const [id, url] of [["map-gexf", urls.gexf], ["map-graphml", urls.graphml],
    ["map-standalone", urls.standalone], ["map-table-link", urls.table], ["map-svg", urls.svg],
    ["map-nodes", urls.nodes], ["map-edges", urls.edges], ["map-xlsx", urls.xlsx]]) {
    const el = $(id);
    if (el) el.href = withArgs(url, args);
  }
  const embed = $("map-embed-code");
  if (embed) {
    const iframe = document.createElement("iframe");
    iframe.setAttribute("src", window.location.origin + withArgs(urls.embed, args));
    iframe.setAttribute("width", "900");
    iframe.setAttribute("height", "600");
    iframe.setAttribute("title", text("title"));
    iframe.setAttribute("loading", "lazy");
    embed.value = iframe.outerHTML;
  }
  const lang = $("lang-switch");
  if (lang) {
    const other = new URLSearchParams(args);
    other.set("lang", lang.getAttribute("hreflang") || (config.lang === "da" ? "en" : "da"));
    lang.href = withArgs(window.location.pathname, other);
  }
}

// The picture of the view (names, legend, title, source line) drawn by the server as SVG, turned
// into a PNG at twice its size here, so it reads in a report. Without the server (the offline
// file), the canvas as it is on screen.
export function downloadPng() {
  if (isStatic || !urls.svg) { downloadCanvas(); return; }
  fetch(withArgs(urls.svg, state.args))
    .then((response) => { if (!response.ok) throw new Error(response.statusText); return response.text(); })
    .then((svg) => {
      const image = new Image();
      const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
      image.onload = () => {
        const copy = document.createElement("canvas");
        copy.width = image.naturalWidth * 2;
        copy.height = image.naturalHeight * 2;
        const context = copy.getContext("2d");
        context.scale(2, 2);
        context.drawImage(image, 0, 0);
        URL.revokeObjectURL(url);
        save(copy);
      };
      image.onerror = () => { URL.revokeObjectURL(url); downloadCanvas(); };
      image.src = url;
    })
    .catch(downloadCanvas);
}

function downloadCanvas() {
  const source = $("map-canvas").querySelector("canvas");
  if (!source) return;
  const copy = document.createElement("canvas");
  copy.width = source.width;
  copy.height = source.height;
  const context = copy.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, copy.width, copy.height);
  context.drawImage(source, 0, 0);
  save(copy);
}

function save(canvas) {
  const link = document.createElement("a");
  link.download = "vdk-map.png";
  link.href = canvas.toDataURL("image/png");
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
}
