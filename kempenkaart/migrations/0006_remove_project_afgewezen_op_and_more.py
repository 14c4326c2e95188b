from django.db import migrations


class Migration(migrations.Migration):
    """The rejection lives in the project's workflow now (0005)."""

    dependencies = [("kempenkaart", "0005_project_workflow")]

    operations = [
        migrations.RemoveField(model_name="project", name="afgewezen_op"),
        migrations.RemoveField(model_name="project", name="afwijzingsreden"),
    ]
