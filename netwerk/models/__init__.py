"""The network's models, one module per part: gatherings and registrations
(bijeenkomst.py), consultations (overleg.py), running activities (activiteit.py),
tailored support (maatwerk.py)."""

from .activiteit import Activiteit, ActiviteitQuerySet  # noqa: F401
from .bijeenkomst import (  # noqa: F401
    Bijeenkomst,
    BijeenkomstQuerySet,
    Genodigde,
    Inschrijving,
)
from .maatwerk import (  # noqa: F401
    MaatwerkBijlage,
    MaatwerkNotitie,
    Maatwerkvraag,
)
from .overleg import (  # noqa: F401
    Actiepunt,
    AgendaPunt,
    Besluit,
    Overleg,
    OverlegReeks,
)
