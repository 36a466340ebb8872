from django.apps import AppConfig


class TestSupportConfig(AppConfig):
    name = "config.testdb"
    label = "testdb"
    verbose_name = "test support"
