/* Results page: choropleth (Leaflet), sortable/filterable table, what-if updates.
   A what-if change fetches results.json with the form's values and restyles the map and
   rewrites the table in place; nothing is saved until "Save" is pressed. */
(function () {
  "use strict";
  var payloadEl = document.getElementById("payload");
  if (!payloadEl) { return; }
  var payload = JSON.parse(payloadEl.textContent);
  var mapEl = document.getElementById("map");
  var names = {};
  var layer = null;
  // a canvas draws and restyles thousands of areas far faster than SVG paths
  var map = L.map(mapEl, {attributionControl: false, zoomSnap: 0.25, preferCanvas: true});
  L.control.scale({imperial: false}).addTo(map);

  /* One number format per language, the same as the server's ``num`` filter (numbers.js) */
  var formatNumber = window.opbouwNumber;

  /* ``classes`` lists class numbers in the order of ``codes``; a what-if answer leaves
     ``codes`` out while the order is the one the page holds (``order``). */
  var position = {}, order = "";
  function adopt(p) {
    if (!p.codes) { return; }
    position = {};
    for (var i = 0; i < p.codes.length; i++) { position[p.codes[i]] = i; }
    order = p.order;
  }
  adopt(payload);
  function colour(code) {
    var i = position[code];
    var c = i === undefined ? -1 : payload.classes[i];
    return c === undefined || c < 0 ? payload.missing_color : payload.colors[c];
  }
  /* Above OUTLINES areas the borders are left out: at that density they hide the colours,
     and drawing them doubles the canvas work of every what-if repaint (20,000 areas). The
     area under the pointer still gets its outline. */
  var OUTLINES = 5000, outlines = true;
  function style(feature) {
    return {color: "#555", weight: 0.5, stroke: outlines, fillOpacity: 0.85,
            fillColor: colour(feature.properties.code)};
  }
  /* Only the areas whose colour changed are restyled: with 20,000 areas a what-if
     change moves a fraction of them to another class. */
  function restyle() {
    layer.eachLayer(function (l) {
      var c = colour(l.feature.properties.code);
      if (l.options.fillColor !== c) { l.setStyle({fillColor: c}); }
    });
  }
  function legend() {
    window.opbouwLegend(document.getElementById("legend"), mapEl.dataset.legendTitle,
                        payload.legend, function (item) {
      var digits = item.decimals === undefined ? 3 : item.decimals;
      return item.lo === undefined ? item.label : item.lo === item.hi ?
        formatNumber(item.lo, digits) :
        formatNumber(item.lo, digits) + " – " + formatNumber(item.hi, digits);
    });
  }
  fetch(mapEl.dataset.geo, {credentials: "same-origin"})
    .then(function (r) { return r.ok ? r.json() : {type: "FeatureCollection", features: []}; })
    .then(function (geo) {
      outlines = (geo.features || []).length <= OUTLINES;
      layer = L.geoJSON(geo, {
        style: style,
        onEachFeature: function (f, l) {
          names[f.properties.code] = f.properties.name;
          l.on("mouseover", function () {
            var row = payload.rows.find(function (r) { return r[0] === f.properties.code; });
            // text only: an area name is user data and may hold markup
            var tip = document.createElement("span");
            tip.textContent = f.properties.name + " (" + f.properties.code + ")" +
              (row && row[2] !== null ? ": " + formatNumber(row[2], 3) : "");
            l.bindTooltip(tip, {sticky: true}).openTooltip();
            l.setStyle({stroke: true, weight: 2});
          });
          l.on("mouseout", function () { l.setStyle({stroke: outlines, weight: 0.5}); });
          l.on("click", function () {
            window.location = mapEl.dataset.area.replace("CODE", encodeURIComponent(f.properties.code));
          });
        }
      }).addTo(map);
      if (layer.getLayers().length) { map.fitBounds(layer.getBounds()); } else { noGeometry(); }
      mapEl.dataset.ready = "1";
    });
  legend();
  function noGeometry() {
    var msg = document.createElement("p");
    msg.className = "msg"; msg.id = "no-geometry";
    msg.textContent = mapEl.dataset.noGeometry || "";
    mapEl.replaceWith(msg);
  }

  var tbody = document.querySelector("#results tbody");
  var areaUrl = mapEl.dataset.area;
  /* Every score of the column has the same number of decimals, as many as the column needs
     up to SCORE_CAP (opbouwNumber.decimals; the server's column_decimals writes the first
     table the same way): 66,010 under 66,795, not 66,01. */
  var SCORE_CAP = 3, scoreDigits = SCORE_CAP;
  var fmt = {format: function (v) { return formatNumber(v, scoreDigits, true); }};
  /* A what-if update rewrites the rows the table already has, cell by cell, and touches
     only the cells whose text changed: creating 2,000 rows anew costs more than the
     update itself. */
  function newRow() {
    var tr = document.createElement("tr");
    var td = document.createElement("td");
    td.appendChild(document.createElement("a"));
    tr.appendChild(td);
    for (var i = 0; i < 4; i++) { tr.appendChild(document.createElement("td")); }
    tr.cells[2].className = "num"; tr.cells[3].className = "num";
    return tr;
  }
  function put(td, text, value) {
    if (td.textContent !== text) { td.textContent = text; }
    if (value !== undefined) {
      var v = value === null ? "" : String(value);
      if (td.dataset.v !== v) { td.dataset.v = v; }
    }
  }
  function fillRow(tr, r) {
    var a = tr.cells[0].firstChild;
    var href = areaUrl.replace("CODE", encodeURIComponent(r[0]));
    if (a.getAttribute("href") !== href) { a.setAttribute("href", href); }
    put(a, r[0]);
    put(tr.cells[1], r[1]);
    put(tr.cells[2], r[2] === null ? "–" : fmt.format(r[2]), r[2]);
    put(tr.cells[3], r[3] === null ? "–" : String(r[3]), r[3]);
    put(tr.cells[4], r[4] ? "●" : "");
  }
  function renderRows() {
    var first = tbody.rows[0];
    if (first && !(first.cells.length === 5 && first.cells[0].firstChild &&
                   first.cells[0].firstChild.nodeName === "A")) { tbody.textContent = ""; }
    while (tbody.rows.length > payload.rows.length) { tbody.deleteRow(-1); }
    var have = tbody.rows.length, frag = document.createDocumentFragment();
    scoreDigits = formatNumber.decimals(payload.rows.map(function (r) { return r[2]; }), SCORE_CAP);
    payload.rows.forEach(function (r, i) {
      if (i < have) { fillRow(tbody.rows[i], r); return; }
      var tr = newRow();
      fillRow(tr, r);
      frag.appendChild(tr);
    });
    tbody.appendChild(frag);
    applyFilter();
  }

  var form = document.getElementById("whatif");
  var status = document.getElementById("whatif-status");
  /* A change is sent at once (no waiting for typing to stop): a newer change aborts the
     request still under way, so only the last one repaints. ``data-updates`` counts the
     repaints and ``data-ms`` holds the last one's time from the change to the painted
     map and table (bench/whatif.py reads them). */
  var seq = 0, inflight = null;
  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      if (k === "csrfmiddlewaretoken") { return; }
      /* a decimal input is read with the one parse rule (numbers.js) and sent with a dot;
         what it cannot read goes as typed, and the server says what is wrong */
      var input = form.elements[k];
      if (input && input.inputMode === "decimal" && String(v).trim() !== "") {
        var x = formatNumber.parse(v);
        if (!isNaN(x)) { v = String(x); }
      }
      params.append(k, v);
    });
    return params.toString();
  }
  function request() {
    return query() + (order ? "&order=" + encodeURIComponent(order) : "");
  }
  function update(startedAt) {
    var mine = ++seq, started = startedAt || performance.now();
    if (inflight) { inflight.abort(); }
    inflight = typeof AbortController === "function" ? new AbortController() : null;
    status.textContent = "…";
    fetch(form.dataset.url + "?" + request(),
          {credentials: "same-origin", signal: inflight ? inflight.signal : undefined})
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (mine !== seq) { return; }
        inflight = null;
        if (!res[0]) { status.textContent = res[1].error || "error"; status.classList.add("error"); return; }
        status.classList.remove("error");
        form.dataset.fetchMs = String(Math.round(performance.now() - started));
        payload = res[1];
        adopt(payload);
        renderRows();
        if (layer) { restyle(); }
        legend();
        document.getElementById("n-flagged").textContent = payload.flagged;
        document.querySelectorAll("a.export").forEach(function (a) {
          a.search = "?" + query();
        });
        requestAnimationFrame(function () {
          var ms = Math.round(performance.now() - started);
          // the user reads that it is done; the time stays on the element for the bench
          status.textContent = status.dataset.done || "";
          status.title = ms + " ms";
          form.dataset.ms = String(ms);
          form.dataset.updates = String((parseInt(form.dataset.updates || "0", 10)) + 1);
        });
      })
      .catch(function (err) {
        if (err && err.name === "AbortError") { return; }
        if (mine === seq) { status.textContent = mapEl.dataset.failed || "!"; status.classList.add("error"); }
      });
  }
  if (form) {
    form.addEventListener("input", function (ev) { update(ev.timeStamp || performance.now()); });
  }

  var filter = document.getElementById("table-filter");
  function applyFilter() {
    var q = filter.value.toLowerCase();
    Array.prototype.forEach.call(tbody.rows, function (tr) {
      tr.style.display = !q || tr.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
    });
  }
  filter.addEventListener("input", applyFilter);

  document.querySelectorAll("#results th").forEach(function (th, i) {
    th.addEventListener("click", function () {
      var asc = th.dataset.dir !== "asc";
      th.parentNode.querySelectorAll("th").forEach(function (h) { delete h.dataset.dir; });
      th.dataset.dir = asc ? "asc" : "desc";
      var num = th.dataset.type === "num";
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        var x = a.cells[i].textContent, y = b.cells[i].textContent;
        if (num) {
          x = parseFloat(a.cells[i].dataset.v); y = parseFloat(b.cells[i].dataset.v);
          x = isNaN(x) ? Infinity : x; y = isNaN(y) ? Infinity : y;
          return asc ? x - y : y - x;
        }
        return asc ? x.localeCompare(y) : y.localeCompare(x);
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
})();
