"""A stage is acknowledged and answered by a communication: the links to it.

Existing data is brought in by the next migration (0010); the check constraints that
every dated stage has its communication follow it (0011).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_regime_from_the_deployment'),
        ('letters', '0004_letter_erasure_only'),
        ('remedies', '0002_default_bands'),
        ('record', '0008_event_chain'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='stage',
            name='acknowledgement_sent',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.correspondence'),
        ),
        migrations.AddField(
            model_name='stage',
            name='response_sent',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cases.correspondence'),
        ),
        migrations.AlterField(
            model_name='correspondence',
            name='kind',
            field=models.CharField(choices=[('letter', 'Letter'), ('email', 'Email'), ('call_note', 'Call note'), ('in_person', 'In person'), ('document', 'Document'), ('other', 'Other')], max_length=12),
        ),
    ]
