/* Leaflet.draw in Dutch (its L.drawLocal), through the portal's gettext catalogue.
   Load after leaflet.draw.js and before a draw control is made. */
(function () {
  "use strict";
  if (!window.L || !L.drawLocal) { return; }
  var t = window.gettext || function (s) { return s; };
  var d = L.drawLocal;
  d.draw.toolbar.actions = { title: t("Tekenen annuleren"), text: t("Annuleren") };
  d.draw.toolbar.finish = { title: t("Tekenen afwerken"), text: t("Afwerken") };
  d.draw.toolbar.undo = { title: t("Laatste punt wissen"), text: t("Laatste punt wissen") };
  d.draw.toolbar.buttons = {
    polyline: t("Een lijn tekenen"),
    polygon: t("Een omtrek tekenen"),
    rectangle: t("Een rechthoek tekenen"),
    circle: t("Een cirkel tekenen"),
    marker: t("Een punt plaatsen"),
    circlemarker: t("Een cirkelpunt plaatsen")
  };
  var h = d.draw.handlers;
  h.circle.tooltip.start = t("Klik en sleep om een cirkel te tekenen.");
  h.circle.radius = t("Straal");
  h.circlemarker.tooltip.start = t("Klik op de kaart om een cirkelpunt te plaatsen.");
  h.marker.tooltip.start = t("Klik op de kaart om een punt te plaatsen.");
  h.polygon.tooltip = {
    start: t("Klik om te beginnen met tekenen."),
    cont: t("Klik om verder te tekenen."),
    end: t("Klik op het eerste punt om de omtrek te sluiten.")
  };
  h.polyline.error = t("<strong>Fout:</strong> de randen van een vorm mogen elkaar niet kruisen.");
  h.polyline.tooltip = {
    start: t("Klik om te beginnen met een lijn."),
    cont: t("Klik om de lijn verder te tekenen."),
    end: t("Klik op het laatste punt om de lijn af te werken.")
  };
  h.rectangle.tooltip.start = t("Klik en sleep om een rechthoek te tekenen.");
  h.simpleshape.tooltip.end = t("Laat de muis los om de vorm af te werken.");
  d.edit.toolbar.actions = {
    save: { title: t("Wijzigingen bewaren"), text: t("Bewaren") },
    cancel: { title: t("Bewerken annuleren, wijzigingen ongedaan maken"), text: t("Annuleren") },
    clearAll: { title: t("Alles wissen"), text: t("Alles wissen") }
  };
  d.edit.toolbar.buttons = {
    edit: t("Vormen bewerken"),
    editDisabled: t("Er is niets om te bewerken"),
    remove: t("Vormen wissen"),
    removeDisabled: t("Er is niets om te wissen")
  };
  d.edit.handlers.edit.tooltip = {
    text: t("Sleep de hoekpunten om de vorm te bewerken."),
    subtext: t("Klik op Annuleren om de wijzigingen ongedaan te maken.")
  };
  d.edit.handlers.remove.tooltip = { text: t("Klik op een vorm om ze te wissen.") };
})();
