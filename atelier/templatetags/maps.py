"""Maps without inline scripts (the site's Content-Security-Policy allows none).

django-leaflet's `{% leaflet_map %}` writes each map's set-up into an inline
`<script>`; here the same options (tiles, zoom, attribution prefix: LEAFLET_CONFIG)
go into one JSON block, and `static/js/maps.js` starts every element with a `data-map`
attribute naming its callback in `window.atelier` (`<div id="m" data-map="dataMap">`).
Use `{% include "includes/map_scripts.html" %}` on a page with maps.
"""

import json

from django import template
from django.utils.html import json_script
from leaflet.templatetags.leaflet_tags import leaflet_map

register = template.Library()


@register.simple_tag
def map_options():
    """`<script id="leaflet-options" type="application/json">` with the options that
    django-leaflet would give `L.Map.djangoMap`."""
    options = json.loads(leaflet_map("map")["djoptions"])
    return json_script(options, "leaflet-options")
