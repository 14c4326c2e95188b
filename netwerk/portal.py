"""What the Netwerk Ruimte Kempen adds to the portal (the plug-in contract:
atelier.plugins)."""

from atelier.plugins import Portal

portal = Portal()
