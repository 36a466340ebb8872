"""Annual reports (年度报告): the report as data, reading published reports, checks.

The reading part (``sources``, the form, parsing, checks) is plain Python with no Django
imports, so evaluators can run it anywhere; the Django app around it (upload, history) lives in
this package's Django modules.
"""
