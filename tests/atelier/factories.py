import factory
from django.contrib.auth.models import Group
from django.utils.text import slugify

from atelier.models import Lidmaatschap, Organisatie, User


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    name = factory.Sequence(lambda n: f"Partnerorganisatie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Organisatie.Kind.PARTNER


class GemeenteOrganisatieFactory(OrganisatieFactory):
    """The organisation of a municipality; pass `gemeente=`."""

    kind = Organisatie.Kind.GEMEENTE
    name = factory.LazyAttribute(lambda o: f"Gemeente {o.gemeente.name}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `roles=[...]` puts them in those groups, `gemeente=` makes them act for
    that municipality, `organisaties=[...]` for those organisations."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.be")
    password = factory.django.Password("geheim-wachtwoord")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))

    @factory.post_generation
    def gemeente(self, create, extracted, **kwargs):
        if extracted:
            organisatie = Organisatie.objects.filter(gemeente=extracted).first()
            if organisatie is None:
                organisatie = GemeenteOrganisatieFactory(gemeente=extracted)
            Lidmaatschap.objects.create(user=self, organisatie=organisatie)

    @factory.post_generation
    def organisaties(self, create, extracted, **kwargs):
        for organisatie in extracted or []:
            Lidmaatschap.objects.create(user=self, organisatie=organisatie)


def jpeg(size=(40, 30), colour=(60, 140, 110)):
    """The bytes of a small JPEG image."""
    from io import BytesIO

    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def image_file(title, *, uploaded_by=None):
    """A Wagtail image (a real JPEG) uploaded by `uploaded_by`."""
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    return get_image_model().objects.create(
        title=title,
        file=ContentFile(jpeg(), name=f"{slugify(title)}.jpg"),
        uploaded_by_user=uploaded_by,
    )
