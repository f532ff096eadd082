from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionModelsConfig(AppConfig):
    name = "supervision_models"
    verbose_name = _("大数据法律监督模型")
