"""Votes get random ids and are stored grouped by nominee, so nothing links a vote to its receipt.

A column's type cannot be changed from a sequence to a UUID in place on every database, so the
votes move to a new table (in the order `services.vote_cast` keeps them in) which then takes
the old one's name.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def move_votes(apps, schema_editor):
    Vote = apps.get_model("governance", "Vote")
    Unlinked = apps.get_model("governance", "UnlinkedVote")
    by_election: dict = {}
    for consortium_id, election_id, nomination_id in Vote.objects.values_list(
            "consortium_id", "election_id", "nomination_id"):
        by_election.setdefault((consortium_id, election_id), []).append(nomination_id)
    for (consortium_id, election_id), ballots in by_election.items():
        ballots.sort()
        Unlinked.objects.bulk_create([
            Unlinked(id=vote_id, consortium_id=consortium_id, election_id=election_id, nomination_id=nomination_id)
            for vote_id, nomination_id in zip(sorted(uuid.uuid4() for _ in ballots), ballots, strict=True)])


def move_votes_back(apps, schema_editor):
    Vote = apps.get_model("governance", "Vote")
    Unlinked = apps.get_model("governance", "UnlinkedVote")
    Vote.objects.bulk_create([Vote(consortium_id=c, election_id=e, nomination_id=n) for c, e, n in
                              Unlinked.objects.order_by("id").values_list("consortium_id", "election_id",
                                                                          "nomination_id")])


class Migration(migrations.Migration):

    dependencies = [
        ("consortia", "0001_initial"),
        ("governance", "0004_interest_organisation"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnlinkedVote",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("consortium", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                                 related_name="+", to="consortia.consortium",
                                                 verbose_name="consortium")),
                ("election", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                               to="governance.election", verbose_name="election")),
                ("nomination", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                 to="governance.nomination", verbose_name="for")),
            ],
            options={"verbose_name": "vote", "verbose_name_plural": "votes"},
        ),
        migrations.RunPython(move_votes, move_votes_back),
        migrations.DeleteModel(name="Vote"),
        migrations.RenameModel(old_name="UnlinkedVote", new_name="Vote"),
        migrations.AlterField(
            model_name="vote", name="election",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="votes",
                                    to="governance.election", verbose_name="election"),
        ),
        migrations.AlterField(
            model_name="vote", name="nomination",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="votes",
                                    to="governance.nomination", verbose_name="for"),
        ),
        migrations.AddIndex(
            model_name="vote",
            index=models.Index(fields=["consortium", "election"], name="vote_election_idx"),
        ),
    ]
