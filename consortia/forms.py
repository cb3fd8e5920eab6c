from django import forms


def add_service_errors(form: forms.Form, exc) -> None:
    """Show a service's ValidationError on the form: beside its field, or at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
