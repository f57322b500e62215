"""Static files storage: WhiteNoise's compressed manifest storage once ``collectstatic`` has run.

``collectstatic`` (run by ``make run`` and every deployment) writes content-hashed names with gzip
and Brotli siblings, so the files can be cached forever by browsers and proxies. Before it has run
(tests, a developer's checkout) there is no manifest: names stay plain and WhiteNoise serves the
files from the app directories (``WHITENOISE_USE_FINDERS``), instead of every page failing.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False
    # Rewrite CSS url()/@import references to hashed names; leave source-map comments alone:
    # vendored minified files name maps that are not shipped (they are for debugging only).
    patterns = (
        (
            "*.css",
            (
                r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""",
                (r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""", """@import url("%(url)s")"""),
            ),
        ),
    )

    def stored_name(self, name: str) -> str:
        if not self.hashed_files:  # no manifest: collectstatic has not run here
            return name
        return super().stored_name(name)
