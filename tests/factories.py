"""factory-boy factories for records that tests build beyond the demo organisation."""

import factory

from procuratorates.models import Agency, AgencyKind, Level, Procuratorate, User


class ProcuratorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procuratorate

    name = factory.Sequence(lambda n: f"测试{n}县人民检察院")
    short_name = factory.Sequence(lambda n: f"测{n}")
    level = Level.BASIC
    region_code = factory.Sequence(lambda n: f"{990000 + n:06d}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试县第{n}局")
    kind = AgencyKind.ECOLOGY
    region_code = "513228"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    procuratorate = factory.SubFactory(ProcuratorateFactory)
    password = factory.django.Password("demo-pass-2026")
