// The home page's search box: names of organisations and projects suggested as you type (a <datalist>,
// which browsers and screen readers already know how to offer), and a suggestion picked opens its page.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest]");
  if (!form) { return; }
  var input = form.querySelector("input[type=search]");
  var list = document.getElementById(input.getAttribute("list"));
  var pages = {};
  var timer = null;
  var asked = "";

  function suggest() {
    var text = input.value.trim();
    if (text.length < 2 || text === asked) { return; }
    asked = text;
    var url = form.getAttribute("data-suggest") + "?" + new URLSearchParams({ q: text, lang: document.documentElement.lang });
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { hits: [] }; })
      .then(function (data) {
        if (text !== asked) { return; }
        list.textContent = "";
        pages = {};
        (data.hits || []).slice(0, 8).forEach(function (hit) {
          var option = document.createElement("option");
          option.value = hit.label;
          option.label = hit.kind_label || "";
          pages[hit.label] = hit.page || hit.iri;
          list.appendChild(option);
        });
      })
      .catch(function () { /* suggestions are a convenience: the form still searches */ });
  }

  input.addEventListener("input", function () {
    var page = pages[input.value];
    if (page) { window.location.href = page; return; }
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });
})();
