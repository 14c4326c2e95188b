from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Q
from django.utils.translation import gettext_lazy as _


class ValidGeometry(CheckConstraint):
    """The database refuses an invalid geometry in `field` (NULL allowed when the
    field is nullable); model validation says why, in words.

    Django cannot evaluate `isvalid` on a NULL geometry in Python, hence the own
    `validate()`."""

    def __init__(self, *, field, name, nullable=False, **kwargs):
        self.field = field
        self.nullable = nullable
        kwargs.pop("condition", None)
        condition = Q(**{f"{field}__isvalid": True})
        if nullable:
            condition = Q(**{f"{field}__isnull": True}) | condition
        super().__init__(condition=condition, name=name, **kwargs)

    def validate(self, model, instance, exclude=None, using=None):
        if exclude and self.field in exclude:
            return
        value = getattr(instance, self.field)
        if value is not None and not value.valid:
            raise ValidationError(
                {self.field: _("Ongeldige geometrie: %s") % value.valid_reason}
            )

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.pop("condition", None)
        return path, args, {**kwargs, "field": self.field, "nullable": self.nullable}

    def __eq__(self, other):
        return (
            isinstance(other, ValidGeometry)
            and self.field == other.field
            and self.nullable == other.nullable
            and super().__eq__(other)
        )
