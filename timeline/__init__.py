"""Turn news articles into a timeline website.

The stages, in the order data flows through them (see DESIGN.md):
articles → temporal → events → timeline → pelican/export.
"""

__version__ = "0.1.0"
