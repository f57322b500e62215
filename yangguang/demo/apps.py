from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data at scale (``manage.py seed_demo``): the top layer, made through every app's
    services; nothing imports it."""

    name = "yangguang.demo"
    label = "demo"
