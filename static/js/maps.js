/* Maps of the Atelier Ruimte Kempen portal, drawn with Leaflet (served by django-leaflet).
 * The data comes from <script type="application/json"> elements that the page embeds, so
 * a map draws its boundaries without a tile server. No inline script starts a map (the
 * Content-Security-Policy allows none): every element with data-map="<callback>" is
 * started when the page is parsed, with django-leaflet's options from the JSON block
 * "leaflet-options" ({% include "includes/map_scripts.html" %}), and handed to
 * window.atelier[<callback>]. */
(function () {
  "use strict";

  var boundaryStyle = { color: "#17594a", weight: 2, fillColor: "#3f8f7a", fillOpacity: 0.18 };
  var highlightStyle = { weight: 4, fillOpacity: 0.35 };

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function addBoundaryAttribution(map) {
    var text = document.body.dataset.boundaryAttribution;
    if (text && map.attributionControl) {
      map.attributionControl.addAttribution(text);
    }
  }

  window.atelier = window.atelier || {};

  /* Every map of the page, by the id of its element (for scripts and tests). */
  window.atelier.maps = {};
  window.atelier.register = function (map) {
    window.atelier.maps[map.getContainer().id] = map;
  };

  /* One municipality: its boundary, fitted to the map. */
  /* A municipality: its boundary, and what the apps put on its map (projects,
     instruments, …: "gemeente-lagen"), each a layer that can be switched off. */
  window.atelier.gemeenteMap = function (map) {
    window.atelier.register(map);
    var layer = L.geoJSON(readJSON("gemeente-geojson"), { style: boundaryStyle }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [16, 16] });
    addBoundaryAttribution(map);
    var source = document.getElementById("gemeente-lagen");
    var overlays = {};
    (source ? JSON.parse(source.textContent) : []).forEach(function (entry) {
      overlays[entry.label + " (" + entry.features.features.length + ")"] = L.geoJSON(entry.features, {
        style: { color: entry.color, weight: 2, fillOpacity: 0.15 },
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 7, color: "#fff", weight: 2, fillColor: entry.color, fillOpacity: 1 });
        },
        onEachFeature: function (feature, featureLayer) {
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.naam;
          featureLayer.bindPopup(link);
          featureLayer.bindTooltip(function () { return document.createTextNode(feature.properties.naam); });
        }
      }).addTo(map);
    });
    if (Object.keys(overlays).length) {
      L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    }
  };

  /* The municipal boundaries: from the map element's data-boundaries URL (one
   * cacheable file, /gemeenten/grenzen.geojson), else from the page's JSON block. */
  window.atelier.boundaries = function (map, use) {
    var url = map.getContainer().dataset.boundaries;
    if (!url) { use(readJSON("gemeenten-geojson")); return; }
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(use);
  };

  /* All municipalities; each links to its page. */
  window.atelier.gemeentenMap = function (map) {
    window.atelier.register(map);
    window.atelier.boundaries(map, function (data) { drawGemeenten(map, data); });
  };

  function drawGemeenten(map, data) {
    var layer = L.geoJSON(data, {
      style: boundaryStyle,
      onEachFeature: function (feature, featureLayer) {
        featureLayer.bindTooltip(function () { return document.createTextNode(feature.properties.naam); }, { sticky: true });
        featureLayer.on({
          mouseover: function () { featureLayer.setStyle(highlightStyle); },
          mouseout: function () { layer.resetStyle(featureLayer); },
          click: function () {
            window.location.href = "/gemeenten/" + feature.properties.slug + "/";
          }
        });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    addBoundaryAttribution(map);
    map.getContainer().dataset.ready = "true";
  }
})();

/* A map of the features embedded in the element named by the map's data-geojson:
 * points as circles, areas as outlines (detail pages of projects and instruments). */
(function () {
  "use strict";
  window.atelier = window.atelier || {};
  window.atelier.dataMap = function (map) {
    window.atelier.register(map);
    var source = document.getElementById(map.getContainer().dataset.geojson);
    var layer = L.geoJSON(JSON.parse(source.textContent), {
      style: { color: "#c2410c", weight: 2, fillOpacity: 0.15 },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 8, color: "#fff", weight: 2, fillColor: "#c2410c", fillOpacity: 1 });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 16 });
    var text = document.body.dataset.boundaryAttribution;
    if (text && map.attributionControl) { map.attributionControl.addAttribution(text); }
  };
})();

/* The 29 municipalities, the ones that adopted a model document filled in. */
(function () {
  "use strict";
  window.atelier = window.atelier || {};
  window.atelier.adoptieMap = function (map) {
    window.atelier.register(map);
    var all = L.geoJSON(JSON.parse(document.getElementById("gemeenten-geojson").textContent), {
      style: { color: "#17594a", weight: 1, fillColor: "#ffffff", fillOpacity: 0.4 }
    }).addTo(map);
    L.geoJSON(JSON.parse(document.getElementById("adoptie-geojson").textContent), {
      style: { color: "#17594a", weight: 2, fillColor: "#17594a", fillOpacity: 0.7 },
      onEachFeature: function (f, layer) { layer.bindTooltip(function () { return document.createTextNode(f.properties.naam); }); }
    }).addTo(map);
    map.fitBounds(all.getBounds());
    var text = document.body.dataset.boundaryAttribution;
    if (text && map.attributionControl) { map.attributionControl.addAttribution(text); }
  };
})();

/* Start every map of the page (after every script, so page scripts such as
 * kempenkaart.js have defined their callbacks). */
(function () {
  "use strict";
  function start() {
    var source = document.getElementById("leaflet-options");
    if (!source) { return; }
    var djoptions = JSON.parse(source.textContent);
    Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), function (element) {
      var callback = window.atelier[element.dataset.map];
      if (typeof callback !== "function") {
        throw new Error("No map callback window.atelier." + element.dataset.map);
      }
      L.Map.djangoMap(element.id, { djoptions: djoptions, globals: false, callback: callback });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
