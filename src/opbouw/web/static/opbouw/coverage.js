/* Coverage of need (planning): colour each area by need and presence of projects.
   Data comes from the json_script "coverage-data"; tooltips are built with textContent. */
(function () {
  "use strict";
  var dataEl = document.getElementById("coverage-data");
  var mapEl = document.getElementById("coverage-map");
  if (!dataEl || !mapEl) { return; }
  var data = JSON.parse(dataEl.textContent);
  var COLOURS = {covered: "#1a9850", gap: "#d73027", presence_without_need: "#4575b4",
                 none: "#eeeeee"};
  var map = L.map(mapEl, {attributionControl: false, zoomSnap: 0.25});
  function category(code) { return data.categories[code] || "none"; }
  function tooltip(props) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = (props.name || props.code) + " (" + props.code + ")";
    box.appendChild(title);
    var line = document.createElement("div");
    line.textContent = data.labels[category(props.code)] +
      (data.fte[props.code] ?
        " · " + window.opbouwNumber(data.fte[props.code], 2) + " FTE" : "");
    box.appendChild(line);
    (data.projects[props.code] || []).forEach(function (name) {
      var p = document.createElement("div");
      p.textContent = "· " + name;
      box.appendChild(p);
    });
    return box;
  }
  fetch(mapEl.dataset.geo, {credentials: "same-origin"}).then(function (r) { return r.json(); })
    .then(function (geo) {
      var layer = L.geoJSON(geo, {
        style: function (f) {
          var cat = category(f.properties.code);
          return {color: "#555", weight: cat === "none" ? 0.3 : 1, fillOpacity: 0.8,
                  fillColor: COLOURS[cat]};
        },
        onEachFeature: function (f, l) {
          l.feature.properties.category = category(f.properties.code);
          l.bindTooltip(tooltip(f.properties), {sticky: true});
          l.on("click", function () {
            window.location = mapEl.dataset.area.replace("CODE", encodeURIComponent(f.properties.code));
          });
        }
      }).addTo(map);
      var focus = layer.getLayers().filter(function (l) {
        return l.feature.properties.category !== "none";
      });
      var bounds = focus.length ? L.featureGroup(focus).getBounds() : layer.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, {padding: [20, 20]}); }
      mapEl.dataset.ready = "1";
      mapEl.dataset.covered = String(Object.keys(data.categories).filter(function (c) {
        return data.categories[c] === "covered"; }).length);
    });
})();
