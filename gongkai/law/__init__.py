"""The law as code: pure, typed rules with no Django imports. Each rule cites its article.

Texts in this package (report-row labels, legal explanations) are Chinese on purpose: they are
the legal wording itself, quoted from the Regulation and the report format, not UI strings.
"""
