"""Nothing is acknowledged or answered without the communication that did it.

Its own migration: on PostgreSQL a table cannot be altered in the transaction that
changed its rows' foreign keys (0008's links), whose checks are deferred to the commit.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_stage_communications_existing")]

    operations = [
        migrations.AddConstraint(
            model_name="stage",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("acknowledged_on__isnull", True),
                    ("acknowledgement_sent__isnull", False),
                    _connector="OR",
                ),
                name="acknowledged_by_a_communication",
            ),
        ),
        migrations.AddConstraint(
            model_name="stage",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("responded_on__isnull", True),
                    ("response_sent__isnull", False),
                    _connector="OR",
                ),
                name="answered_by_a_communication",
            ),
        ),
    ]
