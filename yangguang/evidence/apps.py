from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "yangguang.evidence"
    label = "evidence"
