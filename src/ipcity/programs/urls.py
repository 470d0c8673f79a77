from django.urls import path
from django.views.generic import TemplateView

app_name = "programs"
# Placeholder home until the platform views land (replaced by the programs app's own views).
urlpatterns = [path("", TemplateView.as_view(template_name="base.html"), name="home")]
