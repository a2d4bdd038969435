// Search-as-you-type for the organisation field of /match (the form works without it:
// the server resolves a typed name, fuzzily). Choosing an option fills the hidden IRI and submits.
(function () {
  "use strict";
  var input = document.getElementById("org");
  var hidden = document.getElementById("org-iri");
  var list = document.getElementById("org-options");
  var form = document.getElementById("match-form");
  if (!input || !hidden || !list || !form) { return; }
  var source = input.getAttribute("data-source");
  var timer = null;
  var active = -1;
  var asked = 0;

  function close() { list.hidden = true; list.innerHTML = ""; active = -1; input.setAttribute("aria-expanded", "false"); }

  function choose(item) {
    input.value = item.label;
    hidden.value = item.iri;
    close();
    form.submit();
  }

  function mark(index) {
    var options = list.querySelectorAll("li");
    options.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (options[index]) { options[index].querySelector("button").focus(); }
  }

  function show(items) {
    list.innerHTML = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "org-option";
      button.textContent = item.label;
      var kind = document.createElement("span");
      kind.className = "opt-kind";
      kind.textContent = item.kind_label || item.kind;
      button.appendChild(kind);
      button.addEventListener("click", function () { choose(item); });
      li.appendChild(button);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  function search() {
    var query = input.value.trim();
    if (query.length < 2) { close(); return; }
    var ticket = ++asked;
    fetch(source + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) { if (ticket === asked) { show(items); } })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    hidden.value = "";
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !list.hidden) { event.preventDefault(); mark(0); }
    if (event.key === "Escape") { close(); }
  });
  list.addEventListener("keydown", function (event) {
    var count = list.querySelectorAll("li").length;
    if (event.key === "ArrowDown") { event.preventDefault(); mark(Math.min(active + 1, count - 1)); }
    if (event.key === "ArrowUp") {
      event.preventDefault();
      if (active <= 0) { input.focus(); active = -1; } else { mark(active - 1); }
    }
    if (event.key === "Escape") { close(); input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!list.contains(event.target) && event.target !== input) { close(); }
  });
}());
