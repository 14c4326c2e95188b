/* Maps of the Atelier Ruimte Kempen portal, drawn with Leaflet (served by django-leaflet).
 * No inline script starts a map (the Content-Security-Policy allows none): every element
 * with data-map="<callback>" is started when the page is parsed, with django-leaflet's
 * options from the JSON block "leaflet-options" ({% include "includes/map_scripts.html" %}),
 * and handed to window.atelier[<callback>] (page scripts such as kempenkaart.js add theirs).
 *
 * The site's small maps have one callback, smallMap (templates/includes/map.html). It
 * draws the GeoJSON that the page embeds in <script type="application/json"> elements,
 * named in data-layers as "<element id>:<style>" separated by spaces, so a map needs no
 * tile server, and fits the map to the first layer. Styles:
 *   boundary  municipalities outlined and lightly filled;
 *   context   municipalities as a pale background;
 *   filled    municipalities filled in (the ones that adopted a model document);
 *   features  points as circles, areas as outlines (projects, instruments).
 * A feature's "naam" is its tooltip; with data-link (a URL with {slug}) a click on a
 * feature opens that URL for the feature's "slug". data-overlays names an element with
 * the layers apps add to the map (addOverlays). */
(function () {
  "use strict";

  var green = "#17594a";
  var orange = "#c2410c";
  var STYLES = {
    boundary: { color: green, weight: 2, fillColor: "#3f8f7a", fillOpacity: 0.18 },
    context: { color: green, weight: 1, fillColor: "#ffffff", fillOpacity: 0.4 },
    filled: { color: green, weight: 2, fillColor: green, fillOpacity: 0.7 },
    features: { color: orange, weight: 2, fillOpacity: 0.15 }
  };
  var HIGHLIGHT = { weight: 4, fillOpacity: 0.35 };
  var POINT = { radius: 8, color: "#fff", weight: 2, fillColor: orange, fillOpacity: 1 };

  window.atelier = window.atelier || {};

  /* Every map of the page, by the id of its element (for scripts and tests). */
  window.atelier.maps = {};
  window.atelier.register = function (map) {
    window.atelier.maps[map.getContainer().id] = map;
  };

  function readJSON(id) {
    var element = document.getElementById(id);
    if (!element) { throw new Error("No GeoJSON element #" + id); }
    return JSON.parse(element.textContent);
  }

  function addBoundaryAttribution(map) {
    var text = document.body.dataset.boundaryAttribution;
    if (text && map.attributionControl) {
      map.attributionControl.addAttribution(text);
    }
  }

  function eachFeature(link) {
    return function (feature, featureLayer) {
      var name = feature.properties && feature.properties.naam;
      if (name) {
        featureLayer.bindTooltip(function () { return document.createTextNode(name); }, { sticky: true });
      }
      if (link && feature.properties && feature.properties.slug) {
        featureLayer.on({
          mouseover: function () { featureLayer.setStyle(HIGHLIGHT); },
          mouseout: function () { featureLayer.setStyle(featureLayer.options.baseStyle); },
          click: function () {
            window.location.href = link.replace("{slug}", encodeURIComponent(feature.properties.slug));
          }
        });
      }
    };
  }

  window.atelier.smallMap = function (map) {
    window.atelier.register(map);
    var element = map.getContainer();
    var link = element.dataset.link;
    var first = null;
    element.dataset.layers.split(/\s+/).filter(Boolean).forEach(function (entry) {
      var parts = entry.split(":");
      var style = STYLES[parts[1]];
      if (!style) { throw new Error("Unknown map style " + parts[1]); }
      var layer = L.geoJSON(readJSON(parts[0]), {
        style: function () { return style; },
        baseStyle: style,
        pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, POINT); },
        onEachFeature: eachFeature(link)
      }).addTo(map);
      layer.eachLayer(function (featureLayer) { featureLayer.options.baseStyle = style; });
      first = first || layer;
    });
    if (first && first.getBounds().isValid()) {
      map.fitBounds(first.getBounds(), { padding: [16, 16], maxZoom: 16 });
    }
    addBoundaryAttribution(map);
    if (element.dataset.overlays) { addOverlays(map, readJSON(element.dataset.overlays)); }
  };

  /* Layers that the apps add to a shared page's map (atelier.plugins.MapLayer): a
     list of {label, color, features}, each feature with "naam" and "url"; each layer
     can be switched off, and a feature's popup links to its page. */
  function addOverlays(map, entries) {
    var overlays = {};
    entries.forEach(function (entry) {
      var style = { color: entry.color, weight: 2, fillOpacity: 0.15 };
      overlays[entry.label + " (" + entry.features.features.length + ")"] = L.geoJSON(entry.features, {
        style: function () { return style; },
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
    if (entries.length) { L.control.layers(null, overlays, { collapsed: false }).addTo(map); }
  }

  /* Start every map of the page (after every script, so page scripts such as
   * kempenkaart.js have defined their callbacks). */
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
