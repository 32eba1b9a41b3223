/* Area page: the area's outline on a small map. */
(function () {
  "use strict";
  var source = document.getElementById("area-geometry");
  var el = document.getElementById("map");
  if (!source || !el) { return; }
  var geom = JSON.parse(JSON.parse(source.textContent) || "null");
  if (!geom) { el.remove(); return; }
  var map = L.map(el, {attributionControl: false});
  var layer = L.geoJSON(geom, {style: {color: "#7f2704", weight: 2, fillColor: "#fd8d3c", fillOpacity: 0.5}}).addTo(map);
  map.fitBounds(layer.getBounds());
})();
