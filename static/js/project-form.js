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
    map.fitBounds(kempen.getBounds(), { animate: false });  // no zoom animation to wait for
    if (document.body.dataset.boundaryAttribution && map.attributionControl) {
      map.attributionControl.addAttribution(document.body.dataset.boundaryAttribution);
    }

    /* The municipality under the pin, shown (and chosen in the form) as the pin moves:
       a ray-casting test on the 29 boundaries already on the page. */
    var gemeenten = JSON.parse(document.getElementById("gemeenten-geojson").textContent).features;
    var select = document.getElementById("id_gemeente");
    var said = document.getElementById("locatie-gemeente");
    function inRing(x, y, ring) {
      var inside = false;
      for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
        if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) { inside = !inside; }
      }
      return inside;
    }
    function inPolygon(x, y, rings) {
      return inRing(x, y, rings[0]) && !rings.slice(1).some(function (hole) { return inRing(x, y, hole); });
    }
    function gemeenteAt(latlng) {
      return gemeenten.filter(function (f) {
        var g = f.geometry;
        var polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
        return polygons.some(function (p) { return inPolygon(latlng.lng, latlng.lat, p); });
      })[0];
    }
    function showGemeente(latlng, choose) {
      var found = gemeenteAt(L.latLng(latlng));
      if (!found) {
        said.textContent = "Deze locatie ligt buiten de Kempen.";
        return;
      }
      said.textContent = "Gemeente: " + found.properties.naam;
      if (select && choose) {
        var option = Array.prototype.filter.call(select.options, function (o) {
          return o.textContent.trim() === found.properties.naam;
        })[0];
        if (option) { select.value = option.value; }
      }
    }

    /* Go to a municipality by name (the portal's own data, no outside service). */
    var search = document.getElementById("plaats-zoeken");
    if (search) {
      var names = document.getElementById("plaatsen");
      gemeenten.map(function (f) { return f.properties.naam; }).sort().forEach(function (naam) {
        var option = document.createElement("option");
        option.value = naam;
        names.appendChild(option);
      });
      search.closest(".place-search").hidden = false;
      var go = function () {
        var wanted = search.value.trim().toLowerCase();
        var match = gemeenten.filter(function (f) { return f.properties.naam.toLowerCase() === wanted; })[0];
        if (match) { map.fitBounds(L.geoJSON(match).getBounds(), { animate: false }); }
      };
      search.addEventListener("input", go);  // a name typed or picked from the list
      search.addEventListener("change", go);
      search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); go(); } });
    }

    var pin = null;
    function place(latlng, pan) {
      if (!pin) {
        pin = L.marker(latlng, { draggable: true, title: "Locatie van het project" }).addTo(map);
        pin.on("dragend", function () { fill(pin.getLatLng()); showGemeente(pin.getLatLng(), true); });
      } else {
        pin.setLatLng(latlng);
      }
      if (pan) { map.setView(latlng, Math.max(map.getZoom(), 14)); }
    }
    function fill(latlng) {
      lon.value = latlng.lng.toFixed(6);
      lat.value = latlng.lat.toFixed(6);
    }
    if (lon.value && lat.value) {
      place([parseFloat(lat.value), parseFloat(lon.value)], true);
      showGemeente([parseFloat(lat.value), parseFloat(lon.value)], false);
    }
    map.on("click", function (e) { place(e.latlng, false); fill(e.latlng); showGemeente(e.latlng, true); });
    [lon, lat].forEach(function (input) {
      input.addEventListener("change", function () {
        var x = parseFloat(lon.value), y = parseFloat(lat.value);
        if (!isNaN(x) && !isNaN(y)) { place([y, x], true); showGemeente([y, x], true); }
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
