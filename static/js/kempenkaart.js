/* The Kempenkaart: layers of instruments, projects (clustered) and municipalities,
 * filters kept in the URL, a results list in sync with the map, a detail panel,
 * "Wat geldt hier?" on a click, and a choropleth of the municipalities.
 * Data comes from the portal's API (GeoJSON written by PostGIS), by bbox. */
(function () {
  "use strict";

  var STATUS_COLORS = {
    "in-opmaak": "#8a6d00", "voorlopig-vastgesteld": "#b45f06", "openbaar-onderzoek": "#b45f06",
    "van-kracht": "#1f5fa8", "in-herziening": "#6a3d9a", "opgeheven": "#777777"
  };
  var CHOROPLETH = ["#edf6f3", "#c2e0d6", "#86c0ad", "#3f8f7a", "#17594a"];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") {
        node.textContent = attrs[key];
      } else if (key === "style") {  // through CSSOM: a style attribute breaks the CSP
        Object.assign(node.style, attrs[key]);
      } else {
        node.setAttribute(key, attrs[key]);
      }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  /* Leaflet puts a string tooltip in as HTML: hand it text instead. */
  function textNode(text) {
    return function () { return document.createTextNode(text); };
  }

  function debounce(fn, ms) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  window.atelier = window.atelier || {};
  window.atelier.kempenkaart = function (map) {
    window.atelier.register(map);
    var box = map.getContainer();
    var cfg = box.dataset;
    var form = document.getElementById("kaart-filters");
    var labels = JSON.parse(document.getElementById("kaart-labels").textContent);
    var gemeentenData = JSON.parse(document.getElementById("gemeenten-geojson").textContent);
    var detail = document.getElementById("kaart-detail");
    var detailBody = detail.querySelector(".kaart__detail-body");
    var list = document.getElementById("resultaten-lijst");
    var legend = document.getElementById("kaart-legende");
    var counts = {};

    function urlFor(template, slug) { return template.replace("__slug__", encodeURIComponent(slug)); }
    function params() { return new URLSearchParams(new FormData(form)); }
    function layersOn() { return params().getAll("laag"); }

    if (map.attributionControl && document.body.dataset.boundaryAttribution) {
      map.attributionControl.addAttribution(document.body.dataset.boundaryAttribution);
    }

    /* Municipalities: boundaries, or coloured by counts in choropleth mode. */
    var gemeenten = L.geoJSON(gemeentenData, {
      style: gemeenteStyle,
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () {
          var n = counts[feature.properties.nis_code];
          return document.createTextNode(feature.properties.naam + (params().get("kleur") ? ": " + (n || 0) : ""));
        }, { sticky: true });
      }
    });

    function gemeenteStyle(feature) {
      var mode = params().get("kleur");
      if (!mode) { return { color: "#17594a", weight: 1.5, fill: false, interactive: false }; }
      var max = Math.max.apply(null, [1].concat(Object.keys(counts).map(function (k) { return counts[k]; })));
      var n = counts[feature.properties.nis_code] || 0;
      var cls = n === 0 ? 0 : Math.min(4, 1 + Math.floor((n / max) * 3.999));
      return { color: "#17594a", weight: 1, fillColor: CHOROPLETH[cls], fillOpacity: 0.75, interactive: true };
    }

    var instrumenten = L.geoJSON(null, {
      style: function (f) {
        var c = STATUS_COLORS[f.properties.status] || "#1f5fa8";
        return { color: c, weight: 1.5, fillColor: c, fillOpacity: 0.15 };
      },
      onEachFeature: function (feature, layer) {
        layer.on("click", function (e) { L.DomEvent.stopPropagation(e); showInstrument(feature); });
        layer.bindTooltip(textNode(feature.properties.naam), { sticky: true });
      }
    });

    var projecten = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });

    function projectMarker(feature) {
      var ll = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      var marker = L.circleMarker(ll, {
        radius: 7, color: "#fff", weight: 2, fillColor: feature.properties.gepubliceerd ? "#c2410c" : "#777", fillOpacity: 1
      });
      marker.feature = feature;
      marker.bindTooltip(textNode(feature.properties.titel));
      marker.on("click", function (e) { L.DomEvent.stopPropagation(e); showProject(feature); });
      return marker;
    }

    /* Detail panel: focus moves in when it opens; the close button and Escape close
       it and put focus back where it came from (or on the map). */
    var opener = null;
    function openDetail(nodes) {
      opener = document.activeElement;
      detailBody.replaceChildren.apply(detailBody, nodes.filter(Boolean));
      detail.hidden = false;
      var heading = detailBody.querySelector("h2");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    function closeDetail() {
      if (detail.hidden) { return; }
      detail.hidden = true;
      var back = opener && document.body.contains(opener) && opener !== document.body ? opener : box;
      back.focus();
    }
    detail.querySelector(".kaart__close").addEventListener("click", closeDetail);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { closeDetail(); }
    });

    /* Phones: the map or the list and filters, one tap apart. */
    var page = box.closest(".kaart");
    var switcher = page.querySelector(".kaart__switch");
    switcher.hidden = false;
    function showView(view) {
      page.dataset.view = view;
      switcher.querySelectorAll("button").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.dataset.view === view));
      });
      if (view === "kaart") { map.invalidateSize(); }
    }
    switcher.addEventListener("click", function (e) {
      var button = e.target.closest("button[data-view]");
      if (button) { showView(button.dataset.view); }
    });

    function showProject(f) {
      var p = f.properties;
      openDetail([
        el("p", { "class": "small", text: "Project · " + p.gemeente }),
        el("h2", { text: p.titel }),
        el("p", { text: (labels.fase[p.fase] || p.fase) + (p.start_jaar ? " · " + p.start_jaar + (p.eind_jaar ? "–" + p.eind_jaar : "") : "") }),
        p.gepubliceerd ? null : el("p", { "class": "small", text: "Nog niet gepubliceerd" }),
        el("a", { href: urlFor(cfg.projectUrl, p.slug), "class": "button", text: "Meer over dit project" })
      ]);
    }

    function showInstrument(f) {
      var p = f.properties;
      openDetail([
        el("p", { "class": "small", text: labels.soort[p.soort] || p.soort }),
        el("h2", { text: p.naam }),
        el("p", { text: "Status: " + (labels.status[p.status] || p.status) }),
        el("a", { href: urlFor(cfg.instrumentUrl, p.slug), "class": "button", text: "Procedure en documenten" })
      ]);
    }

    /* "Wat geldt hier?" */
    map.on("click", function (e) {
      var q = new URLSearchParams({ lon: e.latlng.lng.toFixed(6), lat: e.latlng.lat.toFixed(6) });
      fetch(cfg.apiWatGeldtHier + "?" + q).then(function (r) { return r.json(); }).then(function (data) {
        var nodes = [el("h2", { text: "Wat geldt hier?" })];
        if (!data.gemeente) {
          nodes.push(el("p", { text: "Dit punt ligt buiten de Kempen." }));
        } else {
          nodes.push(el("p", {}, [el("a", { href: data.gemeente.url, text: data.gemeente.naam })]));
          nodes.push(el("h3", { text: "Instrumenten op deze plek" }));
          nodes.push(linkList(data.instrumenten, function (i) { return [i.naam, i.soort + ", " + i.status]; }, "Geen instrumenten in de kaart."));
          nodes.push(el("h3", { text: "Projecten binnen " + data.afstand_m + " m" }));
          nodes.push(linkList(data.projecten, function (p) { return [p.titel, p.fase + ", " + p.afstand_m + " m"]; }, "Geen projecten in de buurt."));
        }
        openDetail(nodes);
      });
    });

    function linkList(items, describe, empty) {
      if (!items.length) { return el("p", { "class": "small", text: empty }); }
      return el("ul", { "class": "result-list" }, items.map(function (item) {
        var d = describe(item);
        return el("li", {}, [el("a", { href: item.url, text: d[0] }), el("span", { "class": "small", text: " " + d[1] })]);
      }));
    }

    /* Results list: what the map shows, as an accessible list. */
    function renderList(projectData, instrumentData) {
      var nodes = [];
      if (projectData) {
        nodes.push(el("h3", { text: projectData.numberMatched + (projectData.numberMatched === 1 ? " project" : " projecten") }));
        nodes.push(el("ul", { "class": "result-list" }, projectData.features.slice(0, 100).map(function (f) {
          return resultItem(f.properties.titel, urlFor(cfg.projectUrl, f.properties.slug),
            f.properties.gemeente + " · " + (labels.fase[f.properties.fase] || ""), function () {
              showView("kaart");
              map.setView([f.geometry.coordinates[1], f.geometry.coordinates[0]], Math.max(map.getZoom(), 15));
              showProject(f);
            });
        })));
      }
      if (instrumentData) {
        nodes.push(el("h3", { text: instrumentData.numberMatched + (instrumentData.numberMatched === 1 ? " instrument" : " instrumenten") }));
        nodes.push(el("ul", { "class": "result-list" }, instrumentData.features.slice(0, 100).map(function (f) {
          return resultItem(f.properties.naam, urlFor(cfg.instrumentUrl, f.properties.slug),
            (labels.soort[f.properties.soort] || "") + " · " + (labels.status[f.properties.status] || ""), function () {
              showView("kaart");
              map.fitBounds(L.geoJSON(f).getBounds(), { maxZoom: 16 });
              showInstrument(f);
            });
        })));
      }
      list.replaceChildren.apply(list, nodes);
      document.getElementById("resultaten-bereik").textContent = "(in het kaartbeeld)";
    }

    function resultItem(title, href, meta, onShow) {
      var button = el("button", { type: "button", "class": "link-button", text: "toon op kaart" });
      button.addEventListener("click", onShow);
      return el("li", {}, [el("a", { href: href, text: title }), el("span", { "class": "small", text: " " + meta + " · " }), button]);
    }

    /* Loading data for the current view and filters */
    var generation = 0;
    function refresh() {
      var mine = ++generation;
      var q = params();
      q.delete("laag"); q.delete("kleur");
      var b = map.getBounds();
      var view = new URLSearchParams(q);
      view.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(","));
      view.set("page_size", "5000");
      var on = layersOn();
      var wantProjects = on.indexOf("projecten") >= 0;
      var wantInstruments = on.indexOf("instrumenten") >= 0;
      var instrumentView = new URLSearchParams(view);
      instrumentView.set("zoom", String(Math.round(map.getZoom())));
      var requests = [
        wantProjects ? fetch(cfg.apiProjecten + "?" + view).then(okJSON) : null,
        wantInstruments ? fetch(cfg.apiInstrumenten + "?" + instrumentView).then(okJSON) : null
      ];
      var mode = params().get("kleur");
      if (mode) {
        var countQuery = new URLSearchParams(q);
        countQuery.set("laag", mode);
        requests.push(fetch(cfg.apiAantallen + "?" + countQuery).then(okJSON));
      }
      Promise.all(requests).then(function (results) {
        if (mine !== generation) { return; }
        projecten.clearLayers();
        instrumenten.clearLayers();
        if (results[0]) { projecten.addLayers(results[0].features.map(projectMarker)); }
        if (results[1]) { instrumenten.addData(results[1]); }
        toggle(projecten, wantProjects);
        toggle(instrumenten, wantInstruments);
        counts = mode && results[2] ? results[2].aantallen : {};
        toggle(gemeenten, on.indexOf("gemeenten") >= 0 || !!mode);
        gemeenten.setStyle(gemeenteStyle);
        renderLegend(mode);
        renderList(results[0], results[1]);
      }).catch(function (error) {
        list.replaceChildren(el("p", { "class": "form-errors", role: "alert", text: error.message }));
      });
    }

    function okJSON(response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var messages = Object.keys(data).map(function (k) { return [].concat(data[k]).join(" "); });
          throw new Error(messages.join(" "));
        }
        return data;
      });
    }

    function toggle(layer, on) {
      if (on && !map.hasLayer(layer)) { map.addLayer(layer); }
      if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
    }

    function renderLegend(mode) {
      legend.hidden = !mode;
      if (!mode) { return; }
      var max = Math.max.apply(null, [0].concat(Object.keys(counts).map(function (k) { return counts[k]; })));
      legend.replaceChildren(
        el("strong", { text: "Aantal " + mode + " per gemeente" }),
        el("span", { "class": "small", text: " (0 tot " + max + ")" }),
        el("div", { "class": "legend-scale" }, CHOROPLETH.map(function (c) { return el("span", { style: { background: c } }); }))
      );
    }

    /* Filters in the URL: every change is a shareable link. */
    function syncURL() {
      var q = params();
      var url = window.location.pathname + (q.toString() ? "?" + q : "");
      window.history.replaceState(null, "", url);
      ["projecten", "instrumenten"].forEach(function (kind) {
        ["csv", "geojson"].forEach(function (format) {
          var link = document.getElementById("export-" + kind + "-" + format);
          var e = new URLSearchParams(q); e.delete("laag"); e.delete("kleur"); e.set("format", format);
          link.href = link.href.split("?")[0] + "?" + e;
        });
      });
    }

    form.addEventListener("change", function () { syncURL(); fitToSelection(); refresh(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); syncURL(); fitToSelection(); refresh(); });
    map.on("moveend", debounce(refresh, 250));

    function fitToSelection() {
      var slug = params().get("gemeente");
      var selected = gemeentenData.features.filter(function (f) { return f.properties.slug === slug; });
      map.fitBounds(L.geoJSON(selected.length ? selected : gemeentenData).getBounds(), { padding: [10, 10] });
    }

    fitToSelection();
    refresh();
  };
})();
