/* Keyword suggestions for every search box: as the user types, ask /api/v1/search/suggest and fill
   the box's <datalist>. Without this script the box is an ordinary search form. */
(function () {
  "use strict";
  var DELAY = 150;
  function attach(input) {
    if (input.dataset.suggestReady) { return; }
    input.dataset.suggestReady = "1";
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) { return; }
    var timer = null;
    var asked = "";
    function fill(words) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      words.slice(0, 10).forEach(function (word) {
        var option = document.createElement("option");
        option.value = word;
        list.appendChild(option);
      });
    }
    function ask() {
      var q = input.value.trim();
      if (!q || q === asked) { return; }
      asked = q;
      var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(q);
      if (input.dataset.agency) { url += "&agency=" + encodeURIComponent(input.dataset.agency); }
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data || input.value.trim() !== q) { return; }
          var words = Array.isArray(data) ? data : (data.suggestions || []);
          fill(words.map(function (item) { return typeof item === "string" ? item : item.text; }));
        })
        .catch(function () { /* suggestions are a help, never in the way */ });
    }
    input.addEventListener("input", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(ask, DELAY);
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-url]"), attach);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
