"""Realistic bulk data for benchmarks: consortia, partnerships and people holding roles in them.

Roles go through the services, so memberships and guardian permissions are exactly what the
product itself would write; only the user rows are bulk-created, because nothing but the row
is needed for them and creating thousands one by one dominates the run otherwise.

`scale` sizes both how many tenants there are and how big each one is: scale N makes N
consortia, each with 3*N partnerships and 10*N people. A bigger tenant is what an N+1 query
would show up on; more tenants is what a missing tenant filter or index would show up on.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from itertools import cycle

PARTNERSHIPS_PER_SCALE = 3
PEOPLE_PER_SCALE = 10
REPRESENTATIVES_PER_PARTNERSHIP = 3

PLACES = [
    "Caerdydd", "Abertawe", "Gwynedd", "Powys", "Ceredigion", "Conwy", "Wrecsam", "Casnewydd",
    "Pen-y-bont", "Caerffili", "Penfro", "Sir Gâr", "Dinbych", "Fflint", "Môn", "Mynwy",
    "Torfaen", "Merthyr", "Rhondda", "Castell-nedd",
]
FIRST_NAMES = [
    "Siân", "Gareth", "Nia", "Rhian", "Huw", "Eleri", "Dafydd", "Catrin", "Owain", "Ffion",
    "James", "Sarah", "Tom", "Emma", "David", "Lowri", "Iwan", "Megan", "Rhys", "Alys",
]
SURNAMES = [
    "Roberts", "Evans", "Llewellyn", "Davies", "Jenkins", "Price", "Jones", "Williams", "Thomas",
    "Hughes", "Morgan", "Griffiths", "Lewis", "Owen", "Powell", "Rees", "Pugh", "Vaughan",
]


def _make_users(*, tag: str, consortium_index: int, count: int) -> list:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    user_model = get_user_model()
    users = [
        user_model(
            email=f"person{n}.{consortium_index}.{tag}@bench.example",
            full_name=f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {SURNAMES[(n * 7 + consortium_index) % len(SURNAMES)]}",
            # Roughly a third of people in Wales-based partnerships work in Welsh.
            preferred_language="cy" if n % 3 == 0 else "en",
            password=make_password(None),
        )
        for n in range(count)
    ]
    return user_model.objects.bulk_create(users)


def _make_consortium(*, tag: str, index: int, scale: int) -> dict:
    from consortia.models import Consortium
    from consortia.services import consortium_role_grant
    from partnerships.models import Partnership
    from partnerships.services import partnership_create, partnership_role_grant

    place = PLACES[index % len(PLACES)]
    kinds = list(Consortium.Kind)
    consortium = Consortium.objects.create(
        name=f"{place} Schools Consortium {index + 1}",
        slug=f"bench-{tag}-{index + 1:03d}",
        kind=kinds[index % len(kinds)],
    )
    people = _make_users(tag=tag, consortium_index=index, count=PEOPLE_PER_SCALE * scale)
    admin, representative, pool = people[0], people[1], people[2:]
    consortium_role_grant(consortium=consortium, user=admin, role="consortium_admin")

    partnership_kinds = cycle(Partnership.Kind)
    # Each partnership draws its six officers from the pool in turn, so people sit on about two
    # partnerships each, as heads and tutors do; `representative` sits on every one, which makes
    # theirs the heaviest dashboard in the tenant and the one worth measuring.
    seats = cycle(pool)
    partnership_count = PARTNERSHIPS_PER_SCALE * scale
    roles = 1
    for n in range(partnership_count):
        kind = next(partnership_kinds)
        partnership = partnership_create(
            consortium=consortium,
            name=f"{place} {kind.label} {n + 1}",
            kind=kind,
            purpose=f"Schools and partners in {place} working together on {kind.label.lower()}.",
        )
        officers = [("chair", next(seats)), ("clerk", next(seats))]
        officers += [("representative", next(seats)) for _ in range(REPRESENTATIVES_PER_PARTNERSHIP)]
        officers += [("observer", next(seats)), ("representative", representative)]
        for role, user in officers:
            partnership_role_grant(partnership=partnership, user=user, role=role)
        roles += len(officers)
    return {
        "consortium_id": consortium.pk,
        "consortium_slug": consortium.slug,
        "representative_id": representative.pk,
        "admin_id": admin.pk,
        "partnerships": partnership_count,
        "people": len(people),
        "roles": roles,
    }


def generate(scale: int) -> dict:
    """Create `scale` consortia of `scale`-dependent size; return what to benchmark with.

    Safe to call again on the same database: every run tags its rows so they never collide.
    """
    from django.db import transaction

    if scale < 1:
        raise ValueError("scale must be at least 1")
    tag = secrets.token_hex(3)
    made = []
    for index in range(scale):
        # One transaction per tenant: an interrupted run leaves whole tenants, never half of one.
        with transaction.atomic():
            made.append(_make_consortium(tag=tag, index=index, scale=scale))
    first = made[0]
    return {
        "scale": scale,
        "consortium_id": first["consortium_id"],
        "consortium_slug": first["consortium_slug"],
        "representative_id": first["representative_id"],
        "consortia": len(made),
        "partnerships": sum(m["partnerships"] for m in made),
        "people": sum(m["people"] for m in made),
        "roles": sum(m["roles"] for m in made),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Fill the configured database with benchmark consortia, partnerships and people."
    )
    parser.add_argument("--scale", type=int, default=1, help="N consortia of 3N partnerships and 10N people")
    args = parser.parse_args(argv)
    # Like manage.py: the database `make run` uses, unless DJANGO_SETTINGS_MODULE says otherwise.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    print(json.dumps(generate(args.scale), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
