"""Report files move from the row (a BinaryField) to Django storage, with their SHA-256 kept on the row.

Forward, each row's bytes are saved under a generated storage name (gongkai.core.storage) and
the row keeps that name and the hash; backward, the bytes are read back into the row and the
stored files deleted. The source lines stay as JSON in the row (see the model).
"""

from django.db import migrations, models

from gongkai.core.storage import delete_stored, read_bytes, safe_suffix, store_bytes


def files_to_storage(apps, schema_editor):  # type: ignore[no-untyped-def]
    report_model = apps.get_model("reports", "PublishedReport")
    rows = report_model.objects.using(schema_editor.connection.alias).exclude(content=None)
    stored: list[str] = []
    try:
        for row in rows.only("pk", "file_name", "content").iterator(chunk_size=50):
            file = store_bytes(bytes(row.content), folder="reports", suffix=safe_suffix(row.file_name))
            stored.append(file.name)
            rows.filter(pk=row.pk).update(file=file.name, sha256=file.sha256, size=file.size, content=None)
    except BaseException:
        delete_stored(stored)
        raise


def files_to_rows(apps, schema_editor):  # type: ignore[no-untyped-def]
    report_model = apps.get_model("reports", "PublishedReport")
    rows = report_model.objects.using(schema_editor.connection.alias).exclude(file="")
    moved: list[str] = []
    for row in rows.only("pk", "file", "sha256").iterator(chunk_size=50):
        data = read_bytes(row.file.name, sha256=row.sha256)
        rows.filter(pk=row.pk).update(content=data, file="", sha256="")
        moved.append(row.file.name)
    # Only once every row has its bytes back: a failure above leaves the stored files in place.
    schema_editor.connection.on_commit(lambda: delete_stored(moved))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedreport",
            name="file",
            field=models.FileField(default="", max_length=255, upload_to="reports", verbose_name="file as uploaded"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="publishedreport",
            name="sha256",
            field=models.CharField(default="", max_length=64, verbose_name="SHA-256 of the file"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="publishedreport",
            name="content",
            field=models.BinaryField(null=True, verbose_name="file as uploaded"),
        ),
        migrations.RunPython(files_to_storage, files_to_rows),
        migrations.RemoveField(
            model_name="publishedreport",
            name="content",
        ),
    ]
