"""A small location map as SVG, drawn on the server: the municipality's boundary and
the dossier's point, for the agenda pack (WeasyPrint draws inline SVG; no tiles, no
network)."""

import math

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT, MARGIN = 240, 180, 8


def location_svg(dossier):
    """The SVG (safe HTML) of `dossier`'s location in its municipality, or ""."""
    if dossier.locatie is None:
        return ""
    boundary = dossier.gemeente.geom.simplify(0.0005, preserve_topology=True)
    xmin, ymin, xmax, ymax = boundary.extent
    squash = math.cos(math.radians((ymin + ymax) / 2))  # metres east vs north
    width = max((xmax - xmin) * squash, 1e-9)
    height = max(ymax - ymin, 1e-9)
    scale = min((WIDTH - 2 * MARGIN) / width, (HEIGHT - 2 * MARGIN) / height)

    def xy(lon, lat):
        return (
            MARGIN + (lon - xmin) * squash * scale,
            HEIGHT - MARGIN - (lat - ymin) * scale,
        )

    rings = []
    polygons = boundary if boundary.geom_type == "MultiPolygon" else [boundary]
    for polygon in polygons:
        for ring in polygon:
            points = " ".join("{:.1f},{:.1f}".format(*xy(*c)) for c in ring.coords)
            rings.append((points,))
    x, y = xy(dossier.locatie.x, dossier.locatie.y)
    return format_html(
        '<svg class="location-map" xmlns="http://www.w3.org/2000/svg" '
        'width="{}" height="{}" viewBox="0 0 {} {}">{}'
        '<circle cx="{}" cy="{}" r="5" fill="#c0392b" stroke="#fff"/></svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        format_html_join(
            "",
            '<polygon points="{}" fill="#e8f1ee" stroke="#17594a" stroke-width="1"/>',
            rings,
        ),
        f"{x:.1f}",
        f"{y:.1f}",
    )
