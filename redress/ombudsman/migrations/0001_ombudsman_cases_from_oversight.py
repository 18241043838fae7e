"""The Ombudsman's cases, moved here from the oversight app.

The models take over the tables oversight made (`db_table`), so no data moves: the
schema step is state only. Two rows outside the tables named the old place and are
carried over: the content types (and with them the permissions on these models), and
any MRC alert still waiting in the task queue, whose task is now
`redress.ombudsman.services.alert_mrc`.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ('ombudsmancase', 'determination', 'order')
OLD_TASK = 'redress.oversight.ombudsman.alert_mrc'
NEW_TASK = 'redress.ombudsman.services.alert_mrc'


def _move(apps, source: str, target: str, old_task: str, new_task: str) -> None:
    ContentType = apps.get_model('contenttypes', 'ContentType')
    taken = ContentType.objects.filter(app_label=target, model__in=MODELS)
    ContentType.objects.filter(app_label=source, model__in=MODELS).exclude(
        model__in=taken.values('model')
    ).update(app_label=target)
    DBTaskResult = apps.get_model('django_tasks_database', 'DBTaskResult')
    DBTaskResult.objects.filter(task_path=old_task, status='READY').update(task_path=new_task)


def forwards(apps, schema_editor):
    _move(apps, 'oversight', 'ombudsman', OLD_TASK, NEW_TASK)


def backwards(apps, schema_editor):
    _move(apps, 'ombudsman', 'oversight', NEW_TASK, OLD_TASK)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cases', '0003_contractor'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('django_tasks_database', '0021_conditional_partial_index_ordering'),
        ('oversight', '0003_ombudsman_cases_to_their_own_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OmbudsmanCase',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ombudsman_reference', models.CharField(max_length=60)),
                        ('referred_on', models.DateField()),
                        ('determined_on', models.DateField(blank=True, null=True)),
                        ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ombudsman_cases', to='cases.complaint')),
                    ],
                    options={
                        'db_table': 'oversight_ombudsmancase',
                        'ordering': ['-referred_on', '-id'],
                        'constraints': [models.UniqueConstraint(fields=('ombudsman_reference',), name='one_case_per_reference')],
                    },
                ),
                migrations.CreateModel(
                    name='Determination',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('element', models.CharField(max_length=300)),
                        ('finding', models.CharField(choices=[('no_maladministration', 'No maladministration'), ('service_failure', 'Service failure'), ('maladministration', 'Maladministration'), ('severe_maladministration', 'Severe maladministration'), ('reasonable_redress', 'Reasonable redress'), ('outside_jurisdiction', 'Outside jurisdiction')], max_length=30)),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='elements', to='ombudsman.ombudsmancase')),
                    ],
                    options={
                        'db_table': 'oversight_determination',
                    },
                ),
                migrations.CreateModel(
                    name='Order',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('order', 'Order'), ('recommendation', 'Recommendation'), ('chfo', 'Complaint handling failure order')], max_length=20)),
                        ('description', models.TextField()),
                        ('due_on', models.DateField()),
                        ('complied_on', models.DateField(blank=True, null=True)),
                        ('evidence', models.TextField(blank=True)),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='orders', to='ombudsman.ombudsmancase')),
                    ],
                    options={
                        'db_table': 'oversight_order',
                        'ordering': ['due_on', 'id'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
