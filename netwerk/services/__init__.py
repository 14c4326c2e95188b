"""The network's writes that span models or send mail, one module per part
(overleg.py: consultations, activities and opportunities, tailored support)."""

from .overleg import (  # noqa: F401
    actiepunt_set_status,
    activiteit_save,
    kans_agenderen,
    maatwerk_submit,
    maatwerk_update,
    overleg_answer,
    overleg_plan,
    volgend_kernpartneroverleg,
)
