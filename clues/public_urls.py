"""The public and volunteer portal pages, served without sign-in."""

urlpatterns = []
