/* The map legend shared by the analysis results (results.js) and the studies (studies.js):
   an optional title, then one row per class with its colour swatch and text. */
(function () {
  "use strict";
  /* Fill ``el`` anew: ``title`` (may be empty), ``items`` with a ``color`` each, and
     ``text(item)`` the label of a row. */
  window.opbouwLegend = function (el, title, items, text) {
    el.textContent = "";
    if (title) {
      var head = document.createElement("div");
      head.className = "legend-title"; head.textContent = title;
      el.appendChild(head);
    }
    items.forEach(function (item) {
      var row = document.createElement("div");
      var sw = document.createElement("span");
      sw.className = "swatch"; sw.style.background = item.color;
      row.appendChild(sw); row.appendChild(document.createTextNode(" " + text(item)));
      el.appendChild(row);
    });
  };
})();
