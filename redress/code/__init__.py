"""The Complaint Handling Code's rules, in plain Python.

Nothing here imports Django: the calendars, the timescales, the stage state
machine, breach detection and the Tenant Satisfaction Measures are the same
rules whether they are applied to one case in the app, to a million rows of a
tracker export, or to a report. Everything else calls this package.
"""
