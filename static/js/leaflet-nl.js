/* Leaflet in Dutch: the titles of its own controls, through the portal's gettext
   catalogue (Django's JavaScriptCatalog, loaded before this file). */
(function () {
  "use strict";
  if (!window.L) { return; }
  var t = window.gettext || function (s) { return s; };
  L.Control.Zoom.prototype.options.zoomInTitle = t("Inzoomen");
  L.Control.Zoom.prototype.options.zoomOutTitle = t("Uitzoomen");
  L.Control.Attribution.prototype.options.prefix =
    '<a href="https://leafletjs.com" title="' +
    t("Een JavaScript-bibliotheek voor interactieve kaarten") + '">Leaflet</a>';
})();
