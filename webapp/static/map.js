/* The network map: draws /map/data.json with vis-network and wires the controls.
 *
 * Safety: every text from the data goes in with textContent or as a vis-network
 * plain-text title (shown with innerText); no innerHTML anywhere. Every state of
 * the map (filters, kinds, focus, hops, language) lives in the URL query string
 * (history.replaceState), so a reload or a shared link restores it. The same
 * script runs the offline file written by `vdk-graph map --out`, where the data
 * is inlined and nothing is fetched.
 */
(function () {
  "use strict";

  var config = readJson("map-config") || {};
  var strings = config.strings || {};
  var urls = config.urls || {};
  var isStatic = !!config.static;
  var canvas = document.getElementById("map-canvas");
  if (!canvas || typeof vis === "undefined") { return; }

  var state = {
    network: null, nodes: null, edges: null, data: null, args: currentArgs(),
    playing: null, searchHits: [], searchActive: -1, hiddenKinds: {}
  };
  window.vdkMap = state; // for people debugging in the console, and for the browser tests

  // ------------------------------------------------------------------ helpers

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function $(id) { return document.getElementById(id); }

  function text(key, values) {
    var s = strings[key] || key;
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(values[k])); });
    return s;
  }

  function number(n) {
    return Number(n).toLocaleString(config.lang === "da" ? "da-DK" : "en-GB");
  }

  /* The same key as vdk_graph.names.fold: case, accents and Danish letters folded ("Århus" → "aarhus"). */
  var LETTERS = { "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss" };
  function fold(s) {
    s = String(s || "").normalize("NFKC").toLowerCase();
    s = s.replace(/[æøåäöüß]/g, function (c) { return LETTERS[c]; });
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function currentArgs() {
    if (isStatic) { return new URLSearchParams(); }
    return new URLSearchParams(window.location.search);
  }

  function setStatus(message, isError) {
    var el = $("map-status");
    if (el) {
      el.textContent = message;
      el.classList.toggle("map-error", !!isError);
    }
  }

  function pageUrl(iri) {
    var base = config.base || "";
    if (!base || iri.indexOf(base) !== 0) { return null; }
    return (config.pages || "/id/") + encodeURI(iri.slice(base.length));
  }

  function withArgs(url, args) {
    var query = args.toString();
    return query ? url + "?" + query : url;
  }

  // ------------------------------------------------------------------ loading

  function load() {
    canvas.setAttribute("data-state", "loading");
    setStatus(text("loading"));
    if (isStatic) {
      render(readJson("map-data"));
      return;
    }
    fetch(withArgs(urls.data, state.args), { headers: { "Accept": "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.message || response.statusText); }
          return body;
        });
      })
      .then(render)
      .catch(function (error) {
        canvas.setAttribute("data-state", "error");
        setStatus(text("error") + " " + error.message, true);
      });
  }

  function visNode(node) {
    var title = [node.label].concat((node.facts || []).map(function (f) { return f[0] + ": " + f[1]; }));
    return {
      id: node.id, label: node.label, group: node.group, x: node.x, y: node.y, size: node.size,
      title: title.join("\n"), hidden: !!state.hiddenKinds[node.kind], raw: node
    };
  }

  function visEdge(edge, styles) {
    var out = { id: edge.from + "\u0000" + edge.relation + "\u0000" + edge.to, from: edge.from, to: edge.to,
                title: edge.title, raw: edge };
    var style = styles[edge.relation] || {};
    Object.keys(style).forEach(function (k) { out[k] = style[k]; });
    return out;
  }

  function edgeStyles(data) {
    var styles = {};
    ((data.legend || {}).relations || []).forEach(function (r) { styles[r.relation] = r.style; });
    return styles;
  }

  function render(data) {
    state.data = data;
    if (!data) { return; }
    if (!isStatic && data.query) {
      // The server writes the canonical form of the view's arguments; the URL takes it.
      state.args = new URLSearchParams(data.query);
      history.replaceState(null, "", withArgs(urls.page, state.args));
    }
    var styles = edgeStyles(data);
    var nodes = new vis.DataSet(data.nodes.map(visNode));
    var edges = new vis.DataSet(data.edges.map(function (e) { return visEdge(e, styles); }));
    state.nodes = nodes;
    state.edges = edges;
    state.styles = styles;
    if (state.network) { state.network.destroy(); }
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, data.options);
    state.network = network;
    network.on("click", function (params) {
      if (params.nodes.length) { openPanel(params.nodes[0]); } else { closePanel(); }
    });
    network.on("doubleClick", function (params) {
      if (params.nodes.length) { expand(params.nodes[0]); }
    });
    var ready = function () {
      if (data.focus && nodes.get(data.focus)) { network.selectNodes([data.focus]); }
      canvas.setAttribute("data-state", "ready");
    };
    if (data.physics && data.nodes.length > 1) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.fit();
        ready();
      });
    } else {
      network.once("afterDrawing", ready);
    }
    updateStatus(data);
    updateLinks(data);
    closePanel();
  }

  function updateStatus(data) {
    var totals = data.totals;
    if (!data.nodes.length) { setStatus(text("empty")); return; }
    var message = text("status", {
      shown: number(totals.shown_nodes), matching: number(totals.matching_nodes),
      edges: number(totals.shown_edges), all_edges: number(totals.matching_edges)
    });
    if (totals.hidden_nodes > 0) { message += " " + text("hidden", { hidden: number(totals.hidden_nodes) }); }
    if (!data.physics) { message += " " + text("still"); }
    setStatus(message);
  }

  /* Every link on the page follows the view: exports, table, embed, SPARQL, and the language switch. */
  function updateLinks(data) {
    var args = state.args;
    var sparql = $("map-sparql");
    if (sparql) { sparql.textContent = data.sparql || ""; }
    var run = $("map-sparql-run");
    if (run && urls.sparql) {
      run.href = urls.sparql + encodeURIComponent(data.sparql || "");
      run.hidden = false;
    }
    if (isStatic) { return; }
    [["map-gexf", urls.gexf], ["map-graphml", urls.graphml], ["map-standalone", urls.standalone],
     ["map-table-link", urls.table]].forEach(function (pair) {
      var el = $(pair[0]);
      if (el) { el.href = withArgs(pair[1], args); }
    });
    var embed = $("map-embed-code");
    if (embed) {
      var src = window.location.origin + withArgs(urls.embed, args);
      var iframe = document.createElement("iframe");
      iframe.setAttribute("src", src);
      iframe.setAttribute("width", "900");
      iframe.setAttribute("height", "600");
      iframe.setAttribute("title", text("title"));
      iframe.setAttribute("loading", "lazy");
      embed.value = iframe.outerHTML;
    }
    var lang = $("lang-switch");
    if (lang) {
      var other = new URLSearchParams(args);
      other.set("lang", lang.getAttribute("hreflang") || (config.lang === "da" ? "en" : "da"));
      lang.href = withArgs(window.location.pathname, other);
    }
  }

  // ------------------------------------------------------------------ the side panel

  function openPanel(id) {
    var item = state.nodes && state.nodes.get(id);
    var panel = $("map-panel");
    if (!item || !panel) { return; }
    var node = item.raw;
    state.selected = id;
    $("map-panel-title").textContent = node.label;
    var kind = (node.facts || [])[0];
    $("map-panel-kind").textContent = kind ? kind[1] : node.kind;
    var also = $("map-panel-also");
    if (node.other_label) {
      also.textContent = text("panel.also") + ": " + node.other_label;
      also.hidden = false;
    } else {
      also.hidden = true;
    }
    var facts = $("map-panel-facts");
    while (facts.firstChild) { facts.removeChild(facts.firstChild); }
    (node.facts || []).slice(1).forEach(function (fact) {
      var dt = document.createElement("dt");
      dt.textContent = fact[0];
      var dd = document.createElement("dd");
      dd.textContent = fact[1];
      facts.appendChild(dt);
      facts.appendChild(dd);
    });
    var link = $("map-panel-page");
    var url = pageUrl(node.id);
    link.hidden = !url;
    if (url) { link.href = url; }
    var focusButton = $("map-panel-focus");
    if (focusButton) { focusButton.hidden = isStatic; }
    var expandButton = $("map-panel-expand");
    if (expandButton) { expandButton.hidden = isStatic; }
    panel.hidden = false;
  }

  function closePanel() {
    var panel = $("map-panel");
    if (panel) { panel.hidden = true; }
    state.selected = null;
  }

  function selectNode(id) {
    if (!state.network) { return; }
    state.network.selectNodes([id]);
    state.network.focus(id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    openPanel(id);
  }

  // ------------------------------------------------------------------ focus and expanding

  function setFocus(id) {
    state.args.set("focus", id);
    if (!state.args.get("hops")) { state.args.set("hops", "1"); }
    // The page's controls know the focus only after a reload; the focus view is one navigation away.
    window.location.assign(withArgs(urls.page, state.args));
  }

  /* Double-click: fetch the node's neighbours in the current view's kinds and filters, and add the new ones around it. */
  function expand(id) {
    if (isStatic || !state.nodes) { return; }
    var args = new URLSearchParams(state.args);
    args.set("focus", id);
    args.set("hops", "1");
    args.set("max", "250");
    fetch(withArgs(urls.data, args), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.nodes) { return; }
        var centre = state.network.getPosition(id);
        var fresh = data.nodes.filter(function (n) { return !state.nodes.get(n.id); });
        var step = 2 * Math.PI / Math.max(fresh.length, 1);
        var radius = 90 + 6 * fresh.length;
        state.nodes.add(fresh.map(function (n, i) {
          var item = visNode(n);
          item.x = centre.x + radius * Math.cos(i * step);
          item.y = centre.y + radius * Math.sin(i * step);
          return item;
        }));
        var styles = edgeStyles(data);
        Object.keys(styles).forEach(function (k) { state.styles[k] = styles[k]; });
        state.edges.add(data.edges.map(function (e) { return visEdge(e, state.styles); })
          .filter(function (e) { return !state.edges.get(e.id); }));
        var item = state.nodes.get(id);
        setStatus(text("expanded", { label: item ? item.label : id, count: number(fresh.length) }));
        canvas.setAttribute("data-expanded", String(fresh.length));
      });
  }

  // ------------------------------------------------------------------ search with completion

  function searchLocal(query) {
    var key = fold(query.trim());
    if (!key || !state.nodes) { return []; }
    var hits = [];
    state.nodes.forEach(function (item) {
      var hay = item.raw.search || fold(item.label);
      var at = hay.indexOf(key);
      if (at < 0) { return; }
      var rank = at === 0 ? 0 : (/[a-z0-9]/.test(hay.charAt(at - 1)) ? 2 : 1);
      hits.push({ id: item.id, label: item.label, kind: item.raw.kind, rank: rank, score: item.raw.score });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || b.score - a.score || (a.label < b.label ? -1 : 1); });
    return hits.slice(0, 10);
  }

  function showHits(hits, elsewhere) {
    var list = $("map-search-list");
    var input = $("map-search");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    state.searchHits = hits;
    state.searchActive = hits.length ? 0 : -1;
    hits.forEach(function (hit, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "map-hit-" + i;
      li.dataset.index = String(i);
      var name = document.createElement("span");
      name.textContent = hit.label;
      li.appendChild(name);
      var kind = document.createElement("small");
      kind.textContent = elsewhere ? " · " + text("search.elsewhere") : "";
      li.appendChild(kind);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    if (!hits.length && input.value.trim()) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = text("search.none");
      list.appendChild(none);
    }
    list.hidden = !list.firstChild;
    input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
    markActive();
  }

  function markActive() {
    var list = $("map-search-list");
    Array.prototype.forEach.call(list.querySelectorAll("li[role=option]"), function (li, i) {
      li.setAttribute("aria-selected", i === state.searchActive ? "true" : "false");
    });
    var input = $("map-search");
    if (state.searchActive >= 0) {
      input.setAttribute("aria-activedescendant", "map-hit-" + state.searchActive);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(i) {
    var hit = state.searchHits[i];
    if (!hit) { return; }
    var input = $("map-search");
    input.value = hit.label;
    showHits([]);
    $("map-search-list").hidden = true;
    if (hit.remote) { setFocus(hit.id); } else { selectNode(hit.id); }
  }

  var searchTimer = null;
  function onSearch() {
    var input = $("map-search");
    var query = input.value;
    var hits = searchLocal(query);
    if (hits.length || isStatic || !query.trim()) { showHits(hits); return; }
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () {
      fetch(urls.find + "?" + new URLSearchParams({ q: query, lang: config.lang }).toString())
        .then(function (response) { return response.json(); })
        .then(function (body) {
          if (input.value !== query) { return; }
          showHits((body.hits || []).map(function (h) { h.remote = true; return h; }), true);
        });
    }, 200);
  }

  function wireSearch() {
    var input = $("map-search");
    if (!input) { return; }
    input.addEventListener("input", onSearch);
    input.addEventListener("keydown", function (event) {
      var count = state.searchHits.length;
      if (event.key === "ArrowDown" && count) {
        state.searchActive = (state.searchActive + 1) % count; markActive(); event.preventDefault();
      } else if (event.key === "ArrowUp" && count) {
        state.searchActive = (state.searchActive - 1 + count) % count; markActive(); event.preventDefault();
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (state.searchActive >= 0) { choose(state.searchActive); }
      } else if (event.key === "Escape") {
        $("map-search-list").hidden = true;
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(function () { $("map-search-list").hidden = true; input.setAttribute("aria-expanded", "false"); }, 150);
    });
  }

  // ------------------------------------------------------------------ controls

  function formArgs(form) {
    var args = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name === "kind" || String(value).trim() !== "") { args.append(name, value); }
    });
    var kinds = args.getAll("kind").filter(function (k) { return k; });
    args.delete("kind");
    var defaults = (config.default_kinds || []).slice().sort().join(",");
    if (kinds.slice().sort().join(",") !== defaults) { args.set("kind", kinds.join(",")); }
    return args;
  }

  function wireControls() {
    var form = $("map-form");
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!isStatic) { state.args = formArgs(form); load(); }
    });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.id === "map-search" || target.id === "map-embed-code") { return; }
      if (isStatic) {
        if (target.name === "kind") { toggleKind(target.value, target.checked); }
        return;
      }
      state.args = formArgs(form);
      load();
    });
    var panelFocus = $("map-panel-focus");
    if (panelFocus) { panelFocus.addEventListener("click", function () { if (state.selected) { setFocus(state.selected); } }); }
    var panelExpand = $("map-panel-expand");
    if (panelExpand) { panelExpand.addEventListener("click", function () { if (state.selected) { expand(state.selected); } }); }
    var close = $("map-panel-close");
    if (close) { close.addEventListener("click", closePanel); }
    var fit = $("map-fit");
    if (fit) { fit.addEventListener("click", function () { if (state.network) { state.network.fit(); } }); }
    var png = $("map-png");
    if (png) { png.addEventListener("click", downloadPng); }
    var play = $("map-play");
    if (play) { play.addEventListener("click", togglePlay); }
    var embed = $("map-embed-code");
    if (embed) { embed.addEventListener("focus", function () { embed.select(); }); }
  }

  /* In the offline file the kinds are shown and hidden in place (there is no server to ask). */
  function toggleKind(kind, shown) {
    state.hiddenKinds[kind] = !shown;
    if (!state.nodes) { return; }
    state.nodes.update(state.nodes.get({ filter: function (n) { return n.raw.kind === kind; } })
      .map(function (n) { return { id: n.id, hidden: !shown }; }));
  }

  // ------------------------------------------------------------------ over time

  function togglePlay() {
    var button = $("map-play");
    if (state.playing) { stopPlay(); return; }
    var years = state.data && state.data.years;
    if (!years || !state.nodes) { return; }
    var year = years[0];
    button.textContent = text("stop");
    button.setAttribute("aria-pressed", "true");
    var step = function () {
      showYear(year);
      year += 1;
      if (year > years[1]) { stopPlay(); return; }
      state.playing = setTimeout(step, 700);
    };
    state.playing = setTimeout(step, 0);
  }

  function showYear(year) {
    $("map-year").textContent = text("year_now", { year: year });
    canvas.setAttribute("data-year", String(year));
    state.nodes.update(state.nodes.get().map(function (n) {
      var appears = n.raw.appears;
      return { id: n.id, hidden: !!state.hiddenKinds[n.raw.kind] || (appears != null && appears > year) };
    }));
  }

  function stopPlay() {
    clearTimeout(state.playing);
    state.playing = null;
    var button = $("map-play");
    button.textContent = text("play");
    button.setAttribute("aria-pressed", "false");
    $("map-year").textContent = "";
    canvas.removeAttribute("data-year");
    if (state.nodes) {
      state.nodes.update(state.nodes.get().map(function (n) {
        return { id: n.id, hidden: !!state.hiddenKinds[n.raw.kind] };
      }));
    }
  }

  // ------------------------------------------------------------------ PNG

  function downloadPng() {
    var source = canvas.querySelector("canvas");
    if (!source) { return; }
    var copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(source, 0, 0);
    var link = document.createElement("a");
    link.download = "vdk-map.png";
    link.href = copy.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
  }

  wireSearch();
  wireControls();
  load();
})();
