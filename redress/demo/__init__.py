"""Demo data, an app of its own at the top: staff accounts with a published second
factor, complaints in every state made through the real services, and a draft
self-assessment. `manage.py load_demo_data` loads them (`make demo`, `make run`);
`manage.py demo_code` prints a demo account's sign-in code.

It imports the apps it fills; none of them imports it.
"""
