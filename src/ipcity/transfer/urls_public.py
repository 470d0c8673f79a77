"""The public pages of matching, mounted at /open/transfer/ (no sign-in)."""

from django.urls import path

from ipcity.transfer import views_public

app_name = "transfer_public"

urlpatterns = [
    path("", views_public.public_index, name="index"),
]
