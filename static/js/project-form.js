/* The location widget of the project form: a click places (or moves) the pin and fills
 * the coordinate fields, the fields move the pin, and Leaflet.draw draws the outline,
 * kept as GeoJSON in a hidden field. The form also works without it (coordinates). */
(function () {
  "use strict";
  window.atelier = window.atelier || {};
  window.atelier.projectFormMap = function (map) {
    window.atelier.register(map);
    var box = map.getContainer().dataset;
    var lon = document.getElementById(box.lonInput);
    var lat = document.getElementById(box.latInput);
    var omtrek = document.getElementById(box.omtrekInput);
    var kempen = L.geoJSON(JSON.parse(document.getElementById("gemeenten-geojson").textContent), {
      style: { color: "#17594a", weight: 1, fill: false, interactive: false }
    }).addTo(map);
    map.fitBounds(kempen.getBounds());
    if (document.body.dataset.boundaryAttribution && map.attributionControl) {
      map.attributionControl.addAttribution(document.body.dataset.boundaryAttribution);
    }

    var pin = null;
    function place(latlng, pan) {
      if (!pin) {
        pin = L.marker(latlng, { draggable: true, title: "Locatie van het project" }).addTo(map);
        pin.on("dragend", function () { fill(pin.getLatLng()); });
      } else {
        pin.setLatLng(latlng);
      }
      if (pan) { map.setView(latlng, Math.max(map.getZoom(), 14)); }
    }
    function fill(latlng) {
      lon.value = latlng.lng.toFixed(6);
      lat.value = latlng.lat.toFixed(6);
    }
    if (lon.value && lat.value) { place([parseFloat(lat.value), parseFloat(lon.value)], true); }
    map.on("click", function (e) { place(e.latlng, false); fill(e.latlng); });
    [lon, lat].forEach(function (input) {
      input.addEventListener("change", function () {
        var x = parseFloat(lon.value), y = parseFloat(lat.value);
        if (!isNaN(x) && !isNaN(y)) { place([y, x], true); }
      });
    });

    var drawn = new L.FeatureGroup().addTo(map);
    if (omtrek.value) {
      L.geoJSON(JSON.parse(omtrek.value)).eachLayer(function (layer) { drawn.addLayer(layer); });
    }
    map.addControl(new L.Control.Draw({
      draw: { polygon: { allowIntersection: false, showArea: true }, polyline: false, rectangle: true,
              circle: false, circlemarker: false, marker: false },
      edit: { featureGroup: drawn }
    }));
    function save() {
      var polygons = [];
      drawn.eachLayer(function (layer) {
        var g = layer.toGeoJSON().geometry;
        if (g.type === "Polygon") { polygons.push(g.coordinates); }
        if (g.type === "MultiPolygon") { polygons = polygons.concat(g.coordinates); }
      });
      omtrek.value = polygons.length ? JSON.stringify({ type: "MultiPolygon", coordinates: polygons }) : "";
    }
    map.on(L.Draw.Event.CREATED, function (e) { drawn.addLayer(e.layer); save(); });
    map.on(L.Draw.Event.EDITED, save);
    map.on(L.Draw.Event.DELETED, save);
  };
})();
