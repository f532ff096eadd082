from django.contrib.auth import views as auth_views
from django.urls import path

from deadlines import ui as deadlines_ui

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", deadlines_ui.workbench, name="workbench"),  # the workbench lists deadlines: deadlines/ui.py
]
