from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "yangguang.documents"
    label = "documents"

    def ready(self) -> None:
        from yangguang.core import extensions
        from yangguang.documents import access_rules

        access_rules.register()
        # ``ledger verify`` walks the issued documents against their entries.
        from yangguang.documents import services  # noqa: F401  (registers the after-commit DOCX renderer)
        from yangguang.documents.reconcile import DocumentReconciler, RenderedFileReconciler
        from yangguang.ledger.reconcile import register

        register("documents.issue", DocumentReconciler)
        # A document number typed on the ledger page names the document's subject (its case).
        from yangguang.documents.selectors import subject_of_number
        from yangguang.ledger.hooks import subject_finder

        subject_finder("documents", subject_of_number)
        register("documents.render", RenderedFileReconciler)
        extensions.menu_entry(
            "documents",
            "documents:list",
            _("执法文书"),
            roles={"officer", "unit_head", "agency_head", "reviewer", "supervisor"},
            order=40,
        )
