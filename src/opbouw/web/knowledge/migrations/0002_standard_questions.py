"""Load the fifteen exploratory questions of seed 000 as the standard set."""

from django.db import migrations


def load(apps, schema_editor):
    from opbouw.web.knowledge.models import load_standard_questions

    Question = apps.get_model("knowledge", "Question")
    for q in load_standard_questions():
        Question.objects.update_or_create(
            organisation=None, number=q["number"],
            defaults={"text_nl": q["nl"], "text_en": q["en"], "suggests": q.get("suggests", [])})


def unload(apps, schema_editor):
    apps.get_model("knowledge", "Question").objects.filter(organisation=None).delete()


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
