from django import template

from reporting import formatting

register = template.Library()

register.filter("uk_date", formatting.uk_date)
register.filter("uk_datetime", formatting.uk_datetime)
register.filter("uk_number", formatting.uk_number)
register.filter("uk_money", formatting.uk_money)
register.filter("percent", formatting.percent)
