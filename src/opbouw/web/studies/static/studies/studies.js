/* A study's result page: the map coloured by the stored classes (Leaflet), the legend,
   the value on hover, a click opens the area; the table filters and sorts. */
(function () {
  "use strict";
  var dataEl = document.getElementById("study-map");
  var mapEl = document.getElementById("map");
  var data = dataEl ? JSON.parse(dataEl.textContent) : null;
  if (data && mapEl) {
    var map = L.map(mapEl, {attributionControl: false, zoomSnap: 0.25});
    L.control.scale({imperial: false}).addTo(map);
    var colour = function (code) {
      var c = data.classes[code];
      return c === undefined ? data.missing_color : data.colors[c];
    };
    window.opbouwLegend(document.getElementById("legend"), mapEl.dataset.legendTitle,
                        data.legend, function (item) { return item.label; });
    fetch(mapEl.dataset.geo, {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {type: "FeatureCollection", features: []}; })
      .then(function (geo) {
        var layer = L.geoJSON(geo, {
          style: function (f) {
            return {color: "#555", weight: 0.5, fillOpacity: 0.85,
                    fillColor: colour(f.properties.code)};
          },
          onEachFeature: function (f, l) {
            var v = data.values[f.properties.code];
            // text only: an area name is user data and may hold markup
            var tip = document.createElement("span");
            tip.textContent = f.properties.name + " (" + f.properties.code + ")" +
              (v !== undefined && v !== null ? ": " + v : "");
            l.bindTooltip(tip, {sticky: true});
            l.on("mouseover", function () { l.setStyle({weight: 2}); });
            l.on("mouseout", function () { l.setStyle({weight: 0.5}); });
            l.on("click", function () {
              window.location = mapEl.dataset.area.replace(
                "CODE", encodeURIComponent(f.properties.code));
            });
          }
        }).addTo(map);
        if (layer.getLayers().length) {
          map.fitBounds(layer.getBounds());
          mapEl.dataset.coloured = String(Object.keys(data.classes).length);
        } else {
          var msg = document.createElement("p");
          msg.className = "msg"; msg.id = "no-geometry";
          msg.textContent = mapEl.dataset.noGeometry || "";
          mapEl.replaceWith(msg);
        }
        mapEl.dataset.ready = "1";
      });
  }
  var table = document.getElementById("results");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var filter = document.getElementById("table-filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var q = filter.value.toLowerCase();
      Array.prototype.forEach.call(tbody.rows, function (tr) {
        tr.style.display = !q || tr.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
      });
    });
  }
  table.querySelectorAll("th").forEach(function (th, i) {
    th.addEventListener("click", function () {
      var asc = th.dataset.dir !== "asc";
      th.parentNode.querySelectorAll("th").forEach(function (h) { delete h.dataset.dir; });
      th.dataset.dir = asc ? "asc" : "desc";
      var num = th.dataset.type === "num";
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        if (num) {
          var x = parseFloat(a.cells[i].dataset.v), y = parseFloat(b.cells[i].dataset.v);
          x = isNaN(x) ? Infinity : x; y = isNaN(y) ? Infinity : y;
          return asc ? x - y : y - x;
        }
        var s = a.cells[i].textContent, t = b.cells[i].textContent;
        return asc ? s.localeCompare(t) : t.localeCompare(s);
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
})();
