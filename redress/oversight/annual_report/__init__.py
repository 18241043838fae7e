"""The annual complaints performance and service improvement report (8.1, 8.2), with the
Ombudsman's publications about the landlord it lists (8.1 e, f) and the notices of
exceptional circumstances (8.5).

`models` (under the oversight app's label), `data` (what the report says, from the
records), `services` (writing and publishing it), `publications` and `exceptional` (their
services), `formats` (PDF and Word), and the pages (`forms`, `views`, `urls`). Section (a),
the self-assessment, is handed over by `redress.assessments` (see `data`).
"""
