"""Staff UI pages of this app."""

urlpatterns = []
