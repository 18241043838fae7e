"""The front door, above cases: the web form and the status page, inbound mail,
triage and logging a contact. Residents, representatives, contacts and support needs
are intake's rows, below cases; what these pages set going is a complaint."""
