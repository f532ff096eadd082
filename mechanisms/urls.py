"""API routes of this app, mounted under /api/v1/."""

from rest_framework.routers import SimpleRouter

from .api import CampaignViewSet, MechanismViewSet

router = SimpleRouter()
router.register("mechanisms", MechanismViewSet, basename="mechanism")
router.register("campaigns", CampaignViewSet, basename="campaign")

urlpatterns = router.urls
