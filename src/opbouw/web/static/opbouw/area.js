/* Area page map: the area in colour, the other areas of its level drawn faintly around it
   (or, for a province or municipality, the areas within it), a scale bar, and the name on
   hover. Tooltips are DOM nodes filled with textContent, never HTML strings. */
(function () {
  "use strict";
  var mapEl = document.getElementById("map");
  var geomEl = document.getElementById("area-geometry");
  if (!mapEl || !geomEl) { return; }
  var geom = JSON.parse(JSON.parse(geomEl.textContent) || "null");
  if (!geom) { mapEl.remove(); return; }
  var map = L.map(mapEl, {attributionControl: false});
  L.control.scale({imperial: false}).addTo(map);
  var own = L.geoJSON(geom, {style: {color: "#7f2704", weight: 2, fillColor: "#fd8d3c", fillOpacity: 0.55}});
  map.fitBounds(own.getBounds(), {padding: [20, 20]});

  function tip(text) {
    var el = document.createElement("span");
    el.textContent = text;
    return el;
  }
  function open(code) {
    window.location = mapEl.dataset.area.replace("CODE", encodeURIComponent(code));
  }
  function layerOf(url, style, highlight) {
    return fetch(url, {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {type: "FeatureCollection", features: []}; })
      .then(function (geo) {
        return L.geoJSON(geo, {
          style: style,
          filter: function (f) { return f.properties.code !== mapEl.dataset.code; },
          onEachFeature: function (f, l) {
            l.bindTooltip(tip(f.properties.name + " (" + f.properties.code + ")"), {sticky: true});
            l.on("mouseover", function () { l.setStyle({weight: highlight}); });
            l.on("mouseout", function () { l.setStyle({weight: style.weight}); });
            l.on("click", function () { open(f.properties.code); });
          }
        }).addTo(map);
      });
  }
  var sep = mapEl.dataset.geo.indexOf("?") >= 0 ? "&" : "?";
  var neighbours = layerOf(mapEl.dataset.geo + sep + "level=" + encodeURIComponent(mapEl.dataset.level),
    {color: "#999", weight: 0.6, fillColor: "#ddd", fillOpacity: 0.25}, 1.5);
  neighbours.then(function () {
    own.addTo(map);
    own.bindTooltip(tip(mapEl.dataset.code), {sticky: true});
    if (mapEl.dataset.within) {
      return layerOf(mapEl.dataset.geo + sep + "within=" + encodeURIComponent(mapEl.dataset.code),
        {color: "#7f2704", weight: 0.7, fillColor: "#fdd0a2", fillOpacity: 0.6}, 2);
    }
    return null;
  }).then(function () { mapEl.dataset.ready = "1"; });
})();
