// Where the map's data comes from: /map/data.json for the view in the URL, or the offline file's inline block.

import { $, isStatic, readJson, setStatus, state, text, urls, withArgs } from "./state.js";

export function fetchView(args) {
  return fetch(withArgs(urls.data, args), { headers: { Accept: "application/json" } })
    .then((response) => response.json().then((body) => {
      if (!response.ok) throw new Error(body.message || response.statusText);
      return body;
    }));
}

// Load the view of state.args and hand it to `render`; errors show in the status line.
export function load(render) {
  const canvas = $("map-canvas");
  canvas.setAttribute("data-state", "loading");
  setStatus(text("loading"));
  if (isStatic) {
    render(readJson("map-data"));
    return;
  }
  fetchView(state.args)
    .then(render)
    .catch((error) => {
      canvas.setAttribute("data-state", "error");
      setStatus(text("error") + " " + error.message, true);
    });
}

// The server writes the canonical form of the view's arguments; the URL takes it.
export function adoptCanonicalArgs(data) {
  if (isStatic || !data.query) return;
  state.args = new URLSearchParams(data.query);
  history.replaceState(null, "", withArgs(urls.page, state.args));
}
