from atelier.plugins import Portal

portal = Portal()
