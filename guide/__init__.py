"""An accessible guide to cancer immunotherapy for patients and families.

Importing ``guide`` must stay cheap: it carries the version only, so that the
command line, the line-mode reader and the exporters never pay for Textual.
"""

__version__ = "0.1.0"
