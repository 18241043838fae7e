"""The staff case-work pages: the work queue, search, the case page and its commands,
support needs, and putting things right. The case page is composed here, above every
app that gives it a section (remedies, letters, notifications), so `cases` itself
imports none of them."""
