"""The database cache's table (settings.CACHES): sign-in rate limits and used one-time codes
are counted there, once for every process, so `migrate` alone makes a working install."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("staff", "0003_api_token_scopes_and_expiry")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
