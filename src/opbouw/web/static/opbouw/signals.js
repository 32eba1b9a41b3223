/* Signals: pick a (blurred) point on the form's map; show blurred points on the overview.
   Tooltips are built from text nodes, never from HTML strings. */
(function () {
  "use strict";
  var FLANDERS = [[50.68, 2.54], [51.51, 5.92]];

  function baseLayer(map, url) {
    if (!url) { map.fitBounds(FLANDERS); return Promise.resolve(); }
    return fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); })
      .then(function (geo) {
        var layer = L.geoJSON(geo, {style: {color: "#999", weight: 0.6, fillColor: "#f4f1ea",
                                            fillOpacity: 1}}).addTo(map);
        if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds()); }
        else { map.fitBounds(FLANDERS); }
      }).catch(function () { map.fitBounds(FLANDERS); });
  }

  function text(lines) {
    var div = document.createElement("div");
    lines.forEach(function (line, i) {
      if (i) { div.appendChild(document.createElement("br")); }
      div.appendChild(document.createTextNode(line));
    });
    return div;
  }

  var pick = document.getElementById("pick-map");
  if (pick && window.L) {
    var map = L.map(pick, {attributionControl: false});
    var lat = document.getElementById("id_latitude"), lon = document.getElementById("id_longitude");
    if (!pick.dataset.base && pick.dataset.noBase) {  // a grey square to click on says why
      var why = document.createElement("p");
      why.className = "msg"; why.id = "pick-map-empty"; why.textContent = pick.dataset.noBase;
      pick.parentNode.insertBefore(why, pick);
    }
    var marker = null;
    function place(ll) {
      if (marker) { marker.setLatLng(ll); } else { marker = L.circleMarker(ll, {radius: 8, color: "#0072b2"}).addTo(map); }
    }
    baseLayer(map, pick.dataset.base).then(function () {
      if (lat.value && lon.value) { place([parseFloat(lat.value), parseFloat(lon.value)]); }
    });
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(5);
      lon.value = e.latlng.lng.toFixed(5);
      place(e.latlng);
    });
  }

  var over = document.getElementById("signal-map");
  if (over && window.L) {
    var omap = L.map(over, {attributionControl: false});
    baseLayer(omap, over.dataset.base).then(function () {
      return fetch(over.dataset.url, {credentials: "same-origin"});
    }).then(function (r) { return r.json(); }).then(function (geo) {
      var label = over.dataset.labelSignals || "signals";
      var points = L.geoJSON(geo, {
        pointToLayer: function (f, ll) {
          var n = f.properties.signals;
          return L.circleMarker(ll, {radius: 5 + 3 * Math.sqrt(n), color: "#d55e00",
                                     fillColor: "#e69f00", fillOpacity: 0.8, weight: 1});
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindTooltip(text([p.signals + " " + label, p.areas.join(", "), p.rights.join(", ")]));
        }
      }).addTo(omap);
      over.dataset.points = String(geo.features.length);
      if (points.getBounds().isValid()) { omap.fitBounds(points.getBounds().pad(0.3), {maxZoom: 12}); }
      // no outlines and no points: a grey square says nothing, a sentence says why
      if (!over.dataset.base) {
        var msg = document.createElement("p");
        msg.className = "msg"; msg.id = "signal-map-empty";
        msg.textContent = geo.features.length ? over.dataset.noBase : over.dataset.noMap;
        if (geo.features.length) { over.parentNode.insertBefore(msg, over); }
        else { omap.remove(); over.replaceWith(msg); }
      }
      over.dataset.ready = "1";
    });
  }
}());
