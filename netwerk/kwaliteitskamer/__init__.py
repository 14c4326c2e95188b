"""De kwaliteitskamer: sittings of an expert panel that advises municipalities on the
spatial quality of their projects, from booking and intake to advice, outcome and the
public advice bank. A sitting is a `netwerk.Bijeenkomst` of soort ZITTING."""
