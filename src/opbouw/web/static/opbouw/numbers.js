/* The one number rule of opbouw in the browser, the same as opbouw.i18n.format_number on
   the server (the ``num`` template filter): Dutch ``15 226,58`` (decimal comma, a narrow
   no-break space U+202F between thousands), English ``15,226.58``; the minus sign is U+2212;
   at most ``digits`` decimals, trailing zeros dropped; a missing value is "–".
   Use: opbouwNumber(value, digits). */
(function () {
  "use strict";
  var GROUP = {nl: "\u202f", en: ","};
  /* Intl.NumberFormat is costly to build: one per language and number of decimals (a
     what-if update formats 2,000 scores) */
  var formats = {};
  function formatter(lang, digits) {
    var key = lang + digits;
    if (!formats[key]) { formats[key] = new Intl.NumberFormat(lang, {maximumFractionDigits: digits}); }
    return formats[key];
  }
  window.opbouwNumber = function (v, digits) {
    if (v === null || v === undefined || v === "" || !isFinite(Number(v))) { return "\u2013"; }
    var lang = (document.documentElement.lang || "nl").slice(0, 2) === "en" ? "en" : "nl";
    var parts = formatter(lang, digits === undefined ? 2 : digits).formatToParts(Number(v));
    var zero = parts.every(function (p) {
      return p.type !== "integer" && p.type !== "fraction" || /^0*$/.test(p.value);
    });
    return parts.map(function (p) {
      if (p.type === "group") { return GROUP[lang]; }
      if (p.type === "minusSign") { return zero ? "" : "\u2212"; }
      return p.value;
    }).join("");
  };
}());
