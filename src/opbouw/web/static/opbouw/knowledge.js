/* Terrain knowledge maps: the area map (places, strengths, density of frequented and
   avoided places), a location picker for forms, and the map of one record.
   No HTML strings: tooltips are DOM nodes whose textContent is set. */
(function () {
  "use strict";
  var COLOURS = {frequented: "#1a9850", avoided: "#d73027", mixed: "#f39c12", asset: "#2c7fb8"};

  function parsed(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var v = JSON.parse(el.textContent);
    return typeof v === "string" ? JSON.parse(v) : v;
  }
  function tip(layer, text) {
    var span = document.createElement("span");
    span.textContent = text;
    layer.bindTooltip(span, {sticky: true});
  }
  function newMap(el) {
    var map = L.map(el, {attributionControl: false});
    var geom = parsed("area-geometry");
    var base = null;
    if (geom) {
      base = L.geoJSON(geom, {interactive: false,
        style: {color: "#7f2704", weight: 2, fillColor: "#fdd0a2", fillOpacity: 0.15}}).addTo(map);
      map.fitBounds(base.getBounds());
    } else {
      map.setView([51.05, 3.72], 12);
    }
    return {map: map, base: base};
  }

  // five classes of the percentile (1 = worst), from better to worse than the areas around
  var NUMBERS = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"];
  function numberColour(p) {
    if (p === null || p === undefined) { return "#cccccc"; }
    return NUMBERS[Math.min(4, Math.floor(p * 5))];
  }

  // The numbers layer: one indicator over the areas around, chosen in a list ------------------
  function numbersLayer(m, el, overlays, control) {
    var select = document.getElementById("numbers-indicator");
    var layer = L.geoJSON(null, {
      style: function (f) {
        return {color: f.properties.own ? "#000" : "#777", weight: f.properties.own ? 3 : 1,
                fillColor: numberColour(f.properties.percentile), fillOpacity: 0.55};
      },
      onEachFeature: function (f, l) {
        tip(l, f.properties.name + ": " + window.opbouwNumber(
          f.properties.value, 2) +
          (layer.unit ? " " + layer.unit : ""));
      }
    });
    var load = function (key) {
      var url = el.dataset.numbers + (key ? "?indicator=" + encodeURIComponent(key) : "");
      return fetch(url, {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (fc) {
          layer.clearLayers();
          layer.unit = fc.unit;
          layer.addData(fc);
          layer.bringToBack();
          if (select && !select.options.length) {
            fc.indicators.forEach(function (ind) {
              var o = document.createElement("option");
              o.value = ind.key;
              o.textContent = ind.label;
              select.appendChild(o);
            });
          }
          if (select && fc.indicator) { select.value = fc.indicator; }
          if (select && !fc.indicators.length && select.dataset.empty) {
            // an empty list says nothing: one sentence why there are no numbers instead
            var why = document.createElement("p");
            why.className = "hint"; why.id = "numbers-none"; why.textContent = select.dataset.empty;
            select.parentNode.replaceWith(why);
            select = null;
          }
          el.dataset.numbersIndicator = fc.indicator || "";
          el.dataset.numbersAreas = String(fc.features.length);
        });
    };
    if (select) {
      select.addEventListener("change", function () { load(select.value); });
    }
    layer.addTo(m.map);
    control.addOverlay(layer, el.dataset.labelNumbers || "numbers");
    return load(null);
  }

  // The area's knowledge map ---------------------------------------------------------------
  var areaEl = document.getElementById("knowledge-map");
  if (areaEl) {
    var m = newMap(areaEl);
    fetch(areaEl.dataset.url, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (fc) {
        var max = 1;
        var pick = function (layer) {
          return {type: "FeatureCollection", features: fc.features.filter(function (f) {
            if (f.properties.layer === "heat") { max = Math.max(max, f.properties.count); }
            return f.properties.layer === layer;
          })};
        };
        var heatData = pick("heat"), placeData = pick("place"), assetData = pick("asset");
        var noteData = pick("note");
        var open = function (f, l) {
          if (f.properties.url) {
            l.on("click", function () { window.location = f.properties.url; });
          }
        };
        var heat = L.geoJSON(heatData, {
          style: function (f) {
            return {stroke: false, fillColor: COLOURS[f.properties.experience],
                    fillOpacity: 0.15 + 0.5 * f.properties.count / max};
          },
          onEachFeature: function (f, l) { tip(l, String(f.properties.count)); }
        }).addTo(m.map);
        var places = L.geoJSON(placeData, {
          pointToLayer: function (f, ll) {
            return L.circleMarker(ll, {radius: 7, weight: 1, color: "#333",
              fillColor: COLOURS[f.properties.experience], fillOpacity: 0.9});
          },
          style: function (f) { return {color: COLOURS[f.properties.experience], weight: 2}; },
          onEachFeature: function (f, l) { tip(l, f.properties.label); open(f, l); }
        }).addTo(m.map);
        var assets = L.geoJSON(assetData, {
          pointToLayer: function (f, ll) {
            return L.circleMarker(ll, {radius: 6, weight: 3, color: COLOURS.asset,
              fillColor: "#fff", fillOpacity: 1});
          },
          style: function () { return {color: COLOURS.asset, weight: 2}; },
          onEachFeature: function (f, l) { tip(l, f.properties.label); open(f, l); }
        }).addTo(m.map);
        var notes = L.geoJSON(noteData, {
          pointToLayer: function (f, ll) {
            return L.marker(ll, {icon: L.divIcon({className: "note-marker", iconSize: [22, 22],
                                                  html: ""})});
          },
          onEachFeature: function (f, l) {
            tip(l, f.properties.count + " " + (areaEl.dataset.labelNotesCount || "notes") +
                ": " + f.properties.label);
            open(f, l);
          }
        }).addTo(m.map);
        var overlays = {};
        overlays[areaEl.dataset.labelPlaces || "places"] = places;
        overlays[areaEl.dataset.labelAssets || "strengths"] = assets;
        overlays[areaEl.dataset.labelNotes || "terrain knowledge"] = notes;
        overlays[areaEl.dataset.labelHeat || "density"] = heat;
        var control = L.control.layers(null, overlays, {collapsed: false}).addTo(m.map);
        areaEl.dataset.notes = String(noteData.features.length);
        // zoom to what was recorded; the whole area only when nothing is on the map yet
        var bounds = null;
        [places, assets].forEach(function (g) {
          if (g.getLayers().length) {
            bounds = bounds ? bounds.extend(g.getBounds()) : L.latLngBounds(g.getBounds().getSouthWest(), g.getBounds().getNorthEast());
          }
        });
        if (bounds) { m.map.fitBounds(bounds.pad(0.3), {maxZoom: 16}); }
        areaEl.dataset.features = String(fc.features.length);
        // ready once the numbers are drawn too (or could not be)
        var done = function () { areaEl.dataset.ready = "1"; };
        numbersLayer(m, areaEl, overlays, control).then(done, done);
      });
  }

  // The timeline's filter: tick a kind off to hide its items ---------------------------------
  var filter = document.getElementById("timeline-filter");
  if (filter) {
    filter.addEventListener("change", function () {
      var shown = {};
      filter.querySelectorAll("input[type=checkbox]").forEach(function (c) {
        shown[c.value] = c.checked;
      });
      document.querySelectorAll("#timeline li[data-kind]").forEach(function (li) {
        li.hidden = shown[li.dataset.kind] === false;
      });
    });
  }

  // A location picker: click for a point, or draw a shape corner by corner --------------------
  var pickEl = document.getElementById("picker");
  if (pickEl) {
    var input = document.getElementById(pickEl.dataset.input);
    var p = newMap(pickEl);
    var mode = "point", corners = [], drawn = null;
    var show = function (g) {
      if (drawn) { p.map.removeLayer(drawn); drawn = null; }
      if (!g) { return; }
      drawn = L.geoJSON(g, {
        pointToLayer: function (f, ll) {
          return L.circleMarker(ll, {radius: 8, color: "#d94801", fillOpacity: 0.8});
        },
        style: {color: "#d94801", weight: 3}
      }).addTo(p.map);
    };
    if (input.value) {
      try { show(JSON.parse(input.value)); } catch (e) { /* typed coordinates */ }
    }
    p.map.on("click", function (e) {
      var c = [Number(e.latlng.lng.toFixed(6)), Number(e.latlng.lat.toFixed(6))];
      var g;
      if (mode === "point") {
        g = {type: "Point", coordinates: c};
        input.value = JSON.stringify(g);
      } else {
        corners.push(c);
        if (corners.length >= 3) {
          g = {type: "Polygon", coordinates: [corners.concat([corners[0]])]};
          input.value = JSON.stringify(g);
        } else {
          g = {type: "LineString", coordinates: corners.length > 1 ? corners : [c, c]};
          input.value = "";
        }
      }
      show(g);
      pickEl.dataset.set = input.value ? "1" : "";
    });
    var button = function (id, fn) {
      var b = document.getElementById(id);
      if (b) { b.addEventListener("click", fn); }
    };
    button("picker-point", function () { mode = "point"; corners = []; });
    button("picker-shape", function () { mode = "shape"; corners = []; input.value = ""; show(null); });
    button("picker-clear", function () { corners = []; input.value = ""; show(null); });
    pickEl.dataset.ready = "1";
  }

  // The map of one record --------------------------------------------------------------------
  var recEl = document.getElementById("record-map");
  if (recEl) {
    var r = newMap(recEl);
    var g = parsed("record-geometry");
    if (g) {
      var layer = L.geoJSON(g, {
        pointToLayer: function (f, ll) {
          return L.circleMarker(ll, {radius: 8, color: "#d94801", fillOpacity: 0.8});
        },
        style: {color: "#d94801", weight: 3}
      }).addTo(r.map);
      r.map.fitBounds(layer.getBounds(), {maxZoom: 16});
    }
    recEl.dataset.ready = "1";
  }
})();
