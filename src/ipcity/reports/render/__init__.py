"""Renderers: a composed ``Document`` as PDF (``pdf.render_pdf``) or .docx (``docx.render_docx``)."""
