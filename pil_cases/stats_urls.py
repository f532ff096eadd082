"""Statistics and ledgers (issue 7): routes."""

urlpatterns = []
