"""API routes of this app, mounted under /api/v1/."""

from django.urls import path

from . import api

urlpatterns = [
    path("deadlines/", api.DeadlineListView.as_view(), name="deadline-list"),
    path("deadlines/counts/", api.DeadlineCountsView.as_view(), name="deadline-counts"),
    path("notifications/", api.NotificationListView.as_view(), name="notification-list"),
    path("notifications/read-all/", api.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("notifications/unread-count/", api.NotificationUnreadCountView.as_view(), name="notification-unread-count"),
    path("notifications/preferences/", api.NotificationPreferenceView.as_view(), name="notification-preferences"),
    path("notifications/<int:pk>/read/", api.NotificationReadView.as_view(), name="notification-read"),
    path("calendar/periods/", api.PeriodListView.as_view(), name="calendar-periods"),
    path("calendar/due-date/", api.DueDateView.as_view(), name="calendar-due-date"),
    path("calendar/years/<int:year>/", api.CalendarYearView.as_view(), name="calendar-year"),
    path("calendar/notices/", api.NoticeImportView.as_view(), name="calendar-notices"),
    path("calendar/days/", api.DayCorrectionView.as_view(), name="calendar-days"),
    path("calendar/days/<str:day>/", api.DayCorrectionDeleteView.as_view(), name="calendar-day"),
]
