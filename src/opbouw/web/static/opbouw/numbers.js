/* The one number rule of opbouw in the browser, the same as opbouw.i18n.format_number on
   the server (the ``num`` template filter): Dutch ``15 226,58`` (decimal comma, a narrow
   no-break space U+202F between thousands), English ``15,226.58``; the minus sign is U+2212;
   at most ``digits`` decimals, trailing zeros dropped; a missing value is "–".
   Use: opbouwNumber(value, digits); opbouwNumber(value, digits, true) keeps exactly
   ``digits`` decimals (``66,010`` in a column with ``66,795``: opbouwNumber.decimals);
   opbouwNumber.parse(text) reads a typed number (opbouw.i18n.parse_number). */
(function () {
  "use strict";
  var GROUP = {nl: "\u202f", en: ","};
  /* Intl.NumberFormat is costly to build: one per language and number of decimals (a
     what-if update formats 2,000 scores) */
  var formats = {};
  function formatter(lang, digits, fixed) {
    var key = lang + digits + (fixed ? "f" : "");
    if (!formats[key]) {
      formats[key] = new Intl.NumberFormat(lang, {maximumFractionDigits: digits,
                                                  minimumFractionDigits: fixed ? digits : 0});
    }
    return formats[key];
  }
  window.opbouwNumber = function (v, digits, fixed) {
    if (v === null || v === undefined || v === "" || !isFinite(Number(v))) { return "\u2013"; }
    var lang = (document.documentElement.lang || "nl").slice(0, 2) === "en" ? "en" : "nl";
    var parts = formatter(lang, digits === undefined ? 2 : digits, fixed).formatToParts(Number(v));
    var zero = parts.every(function (p) {
      return p.type !== "integer" && p.type !== "fraction" || /^0*$/.test(p.value);
    });
    return parts.map(function (p) {
      if (p.type === "group") { return GROUP[lang]; }
      if (p.type === "minusSign") { return zero ? "" : "\u2212"; }
      return p.value;
    }).join("");
  };
  /* A typed number, read as opbouw.i18n.parse_number reads it (one rule): spaces around
     it are ignored and spaces between digits group them; ONE comma or ONE dot is the
     decimal mark in every language ("2,5" and "2.5" are 2.5); more than one mark
     ("1.234,5") is ambiguous and, like "abc", "1e3" or "", gives NaN; a leading "-", "+"
     or U+2212 sets the sign. */
  window.opbouwNumber.parse = function (text) {
    var s = String(text === null || text === undefined ? "" : text)
      .replace(/^[\s\u00a0\u202f\u2009]+|[\s\u00a0\u202f\u2009]+$/g, "")
      .replace(/(\d)[ \u00a0\u202f\u2009](?=\d)/g, "$1");
    var m = /^([-+\u2212]?)(\d*)(?:[.,](\d*))?$/.exec(s);
    if (!m || !(m[2] || m[3])) { return NaN; }
    return Number((m[1] === "-" || m[1] === "\u2212" ? "-" : "") + (m[2] || "0") + "." + (m[3] || "0"));
  };
  /* The decimals ONE table column shows (opbouw.i18n.column_decimals): as many as its
     values need once rounded to ``cap``, the same for every value of the column. */
  window.opbouwNumber.decimals = function (values, cap) {
    var need = 0;
    cap = cap === undefined ? 2 : cap;
    for (var i = 0; i < values.length && need < cap; i++) {
      var x = values[i];
      if (x === null || x === undefined || x === "" || !isFinite(Number(x))) { continue; }
      x = Number(x);
      var exact = Math.round(x * Math.pow(10, cap)) / Math.pow(10, cap);
      for (var d = need; d <= cap; d++) {
        var p = Math.pow(10, d);
        if (Math.abs(Math.round(x * p) / p - exact) < Math.pow(10, -(cap + 3)) + 1e-12 * Math.abs(x)) {
          need = d; break;
        }
      }
    }
    return need;
  };
}());
