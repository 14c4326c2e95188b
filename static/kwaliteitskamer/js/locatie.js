/* The location of a kwaliteitskamer dossier: a click on the map places the pin and
 * fills the coordinate fields; the fields move the pin. The form works without it. */
(function () {
  "use strict";
  window.atelier = window.atelier || {};
  window.atelier.kwaliteitskamerLocatie = function (map) {
    window.atelier.register(map);
    var box = map.getContainer().dataset;
    var lon = document.getElementById(box.lonInput);
    var lat = document.getElementById(box.latInput);
    map.setView([51.25, 5.0], 10);
    var pin = null;
    function place(latlng) {
      if (!pin) { pin = L.marker(latlng).addTo(map); } else { pin.setLatLng(latlng); }
    }
    if (lon.value && lat.value) { place([parseFloat(lat.value), parseFloat(lon.value)]); }
    map.on("click", function (e) {
      place(e.latlng);
      lon.value = e.latlng.lng.toFixed(6);
      lat.value = e.latlng.lat.toFixed(6);
    });
    [lon, lat].forEach(function (input) {
      input.addEventListener("change", function () {
        var x = parseFloat(lon.value), y = parseFloat(lat.value);
        if (!isNaN(x) && !isNaN(y)) { place([y, x]); }
      });
    });
  };
})();
