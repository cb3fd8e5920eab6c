from . import navigation


def ui(request) -> dict:
    return {"nav_items": navigation.items_for(request)}
