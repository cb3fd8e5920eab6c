"""Welsh for the libraries whose own catalogues lack it: django-import-export (no Welsh at all) and
the entries Django's own Welsh leaves untranslated (the admin, auth and core messages).

Run `python vendor_locale/tools/welsh_admin.py` to merge these into vendor_locale/cy (django.po and
djangojs.po), then `make messages` (or compilemessages) to compile. Entries already there are kept.
"""

from __future__ import annotations

from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent.parent / "cy" / "LC_MESSAGES"

# (msgctxt, msgid) -> msgstr; a plural entry's msgstr is a list of the four Welsh forms.
DJANGO: dict[tuple[str | None, str], object] = {
    # --- django-import-export -------------------------------------------------------------------
    (None, "Import"): "Mewnforio",
    (None, "%s through import_export"): "%s drwy fewnforio",
    (None, "Import finished: {} new, {} updated, {} deleted and {} skipped {}."):
        "Mewnforio wedi gorffen: {} newydd, {} wedi’u diweddaru, {} wedi’u dileu a {} wedi’u hepgor ({}).",
    (None, "%(exc_name)s encountered while trying to read file. Ensure you have chosen the correct format for "
           "the file."):
        "Cafwyd %(exc_name)s wrth geisio darllen y ffeil. Gwnewch yn siŵr eich bod wedi dewis y fformat cywir "
        "ar gyfer y ffeil.",
    (None, "No valid data to import. Ensure your file has the correct headers or data for import."):
        "Dim data dilys i’w fewnforio. Gwnewch yn siŵr bod gan eich ffeil y penawdau neu’r data cywir.",
    (None, "Export"): "Allforio",
    (None, "Export selected %(verbose_name_plural)s"): "Allforio’r %(verbose_name_plural)s a ddewiswyd",
    (None, "export failed due to IllegalCharacterError"): "methodd yr allforio oherwydd nod annilys",
    (None, "Resource"): "Math o ddata",
    (None, "Format"): "Fformat",
    (None, "File to import"): "Ffeil i’w mewnforio",
    (None, "Form is not validated, call `is_valid` first"): "Nid yw’r ffurflen wedi’i dilysu: galwch `is_valid` yn "
                                                             "gyntaf",
    (None, 'Select at least 1 field for "%(resource_name)s" to export'):
        'Dewiswch o leiaf un maes o “%(resource_name)s” i’w allforio',
    (None, "The following fields are declared in 'import_id_fields' but are not present in the resource fields: %s"):
        "Mae’r meysydd hyn wedi’u datgan yn ‘import_id_fields’ ond nid ydynt ymhlith meysydd y data: %s",
    (None, "The following fields are declared in 'import_id_fields' but are not present in the file headers: %s"):
        "Mae’r meysydd hyn wedi’u datgan yn ‘import_id_fields’ ond nid ydynt ymhlith penawdau’r ffeil: %s",
    (None, "call to force_str() on instance failed: %s"): "methodd force_str() ar y gwrthrych: %s",
    (None, "Home"): "Hafan",
    (None, "Export %(len)s selected item."): ["Allforio %(len)s eitem a ddewiswyd.", "Allforio %(len)s eitem a "
                                              "ddewiswyd.", "Allforio %(len)s eitem a ddewiswyd.",
                                              "Allforio %(len)s eitem a ddewiswyd."],
    (None, "This exporter will export the following fields: "): "Bydd yr allforio hwn yn cynnwys y meysydd hyn: ",
    (None, "Select all"): "Dewis y cyfan",
    (None, "Submit"): "Anfon",
    (None, "Below is a preview of data to be imported. If you are satisfied with the results, click 'Confirm "
           "import'"):
        "Isod mae rhagolwg o’r data i’w fewnforio. Os ydych yn fodlon arno, cliciwch ‘Cadarnhau’r mewnforio’",
    (None, "Confirm import"): "Cadarnhau’r mewnforio",
    (None, "Errors"): "Gwallau",
    (None, "Line number"): "Rhif y llinell",
    (None, "Some rows failed to validate"): "Nid oedd rhai rhesi’n ddilys",
    (None, "Please correct these errors in your data where possible, then reupload it using the form above."):
        "Cywirwch y gwallau hyn yn eich data lle bo modd, yna llwythwch y ffeil eto gyda’r ffurflen uchod.",
    (None, "Row"): "Rhes",
    (None, "Non field specific"): "Heb faes penodol",
    (None, "Preview"): "Rhagolwg",
    (None, "New"): "Newydd",
    (None, "Skipped"): "Wedi’i hepgor",
    (None, "Delete"): "Dileu",
    (None, "Update"): "Diweddaru",
    (None, "This importer will import the following fields: "): "Bydd y mewnforio hwn yn darllen y meysydd hyn: ",
    (None, "Value could not be parsed."): "Nid oedd modd darllen y gwerth.",
    (None, "use_natural_foreign_keys and key_is_id cannot both be True"):
        "Ni all use_natural_foreign_keys a key_is_id fod yn wir ill dau",
    # --- django.contrib.admin, where Django's Welsh has a gap -------------------------------------
    (None, "No date"): "Heb ddyddiad",
    (None, "Has date"): "Â dyddiad",
    (None, "user"): "defnyddiwr",
    (None, "content type"): "math o gynnwys",
    (None, 'Added {name} "{object}".'): 'Ychwanegwyd {name} “{object}”.',
    (None, "Added."): "Ychwanegwyd.",
    (None, 'Changed {fields} for {name} "{object}".'): 'Newidiwyd {fields} ar gyfer {name} “{object}”.',
    (None, "Changed {fields}."): "Newidiwyd {fields}.",
    (None, 'Deleted {name} "{object}".'): 'Dilëwyd {name} “{object}”.',
    (None, 'Hold down "Control", or "Command" on a Mac, to select more than one.'):
        'Daliwch “Control”, neu “Command” ar Mac, i ddewis mwy nag un.',
    (None, 'The {name} "{obj}" was added successfully. You may edit it again below.'):
        'Ychwanegwyd {name} “{obj}”. Gallwch ei olygu eto isod.',
    (None, 'The {name} "{obj}" was added successfully. You may add another {name} below.'):
        'Ychwanegwyd {name} “{obj}”. Gallwch ychwanegu {name} arall isod.',
    (None, 'The {name} "{obj}" was added successfully.'): 'Ychwanegwyd {name} “{obj}”.',
    (None, 'The {name} "{obj}" was changed successfully. You may edit it again below.'):
        'Newidiwyd {name} “{obj}”. Gallwch ei olygu eto isod.',
    (None, 'The {name} "{obj}" was changed successfully. You may add another {name} below.'):
        'Newidiwyd {name} “{obj}”. Gallwch ychwanegu {name} arall isod.',
    (None, 'The {name} "{obj}" was changed successfully.'): 'Newidiwyd {name} “{obj}”.',
    (None, '%(name)s with ID "%(key)s" doesn\'t exist. Perhaps it was deleted?'):
        'Nid yw %(name)s â’r rhif adnabod “%(key)s” yn bod. Efallai iddo gael ei ddileu?',
    (None, "View site"): "Gweld y wefan",
    (None, 'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the following related '
           'items will be deleted:'):
        'Ydych chi’n siŵr eich bod am ddileu %(object_name)s “%(escaped_object)s”? Bydd yr holl eitemau '
        'cysylltiedig hyn yn cael eu dileu:',
    (None, "Objects"): "Gwrthrychau",
    (None, "No, take me back"): "Na, ewch â fi’n ôl",
    (None, "Delete multiple objects"): "Dileu sawl gwrthrych",
    (None, "Deleting the selected %(objects_name)s would result in deleting related objects, but your account "
           "doesn't have permission to delete the following types of objects:"):
        "Byddai dileu’r %(objects_name)s a ddewiswyd yn dileu gwrthrychau cysylltiedig, ond nid oes gan eich "
        "cyfrif ganiatâd i ddileu’r mathau hyn o wrthrychau:",
    (None, "Summary"): "Crynodeb",
    (None, "Recent actions"): "Gweithredoedd diweddar",
    (None, "My actions"): "Fy ngweithredoedd",
    (None, "You are authenticated as %(username)s, but are not authorized to access this page. Would you like to "
           "login to a different account?"):
        "Rydych wedi mewngofnodi fel %(username)s, ond nid oes gennych hawl i weld y dudalen hon. Hoffech chi "
        "fewngofnodi gyda chyfrif arall?",
    (None, "Popup closing..."): "Mae’r ffenestr yn cau…",
    (None, "Change selected %(model)s"): "Newid y %(model)s a ddewiswyd",
    (None, "Add another %(model)s"): "Ychwanegu %(model)s arall",
    (None, "Delete selected %(model)s"): "Dileu’r %(model)s a ddewiswyd",
    (None, "We've emailed you instructions for setting your password, if an account exists with the email you "
           "entered. You should receive them shortly."):
        "Os oes cyfrif â’r cyfeiriad e-bost a roesoch, rydym wedi anfon cyfarwyddiadau ato i osod eich "
        "cyfrinair. Dylent gyrraedd cyn bo hir.",
    # --- django.contrib.auth ------------------------------------------------------------------------
    (None, "%(name)s object with primary key %(key)r does not exist."):
        "Nid yw’r gwrthrych %(name)s â’r allwedd %(key)r yn bod.",
    (None, "Enter the same password as before, for verification."): "Rhowch yr un cyfrinair eto, i’w wirio.",
    (None, 'Raw passwords are not stored, so there is no way to see this user\'s password, but you can change the '
           'password using <a href="{}">this form</a>.'):
        'Nid yw cyfrineiriau’n cael eu cadw fel testun, felly nid oes modd gweld cyfrinair y defnyddiwr hwn, ond '
        'gallwch ei newid gyda’r <a href="{}">ffurflen hon</a>.',
    (None, "variety"): "math",
    (None, "version"): "fersiwn",
    (None, "memory cost"): "cost cof",
    (None, "time cost"): "cost amser",
    (None, "parallelism"): "cyfochredd",
    (None, "The groups this user belongs to. A user will get all permissions granted to each of their groups."):
        "Y grwpiau y mae’r defnyddiwr hwn yn perthyn iddynt. Caiff defnyddiwr bob caniatâd a roddir i bob un o’i "
        "grwpiau.",
    (None, "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."):
        "Gofynnol. Hyd at 150 nod. Llythrennau, digidau a @/./+/-/_ yn unig.",
    (None, "This password is too short. It must contain at least %(min_length)d character."): [
        "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf %(min_length)d nod.",
        "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf %(min_length)d nod.",
        "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf %(min_length)d nod.",
        "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf %(min_length)d nod."],
    (None, "Your password must contain at least %(min_length)d character."): [
        "Rhaid i’ch cyfrinair gynnwys o leiaf %(min_length)d nod.",
        "Rhaid i’ch cyfrinair gynnwys o leiaf %(min_length)d nod.",
        "Rhaid i’ch cyfrinair gynnwys o leiaf %(min_length)d nod.",
        "Rhaid i’ch cyfrinair gynnwys o leiaf %(min_length)d nod."],
    (None, "The password is too similar to the %(verbose_name)s."):
        "Mae’r cyfrinair yn rhy debyg i’r %(verbose_name)s.",
    (None, "Your password can't be too similar to your other personal information."):
        "Ni all eich cyfrinair fod yn rhy debyg i’ch manylion personol eraill.",
    (None, "This password is too common."): "Mae’r cyfrinair hwn yn rhy gyffredin.",
    (None, "Your password can't be a commonly used password."): "Ni all eich cyfrinair fod yn un cyffredin.",
    (None, "This password is entirely numeric."): "Rhifau’n unig yw’r cyfrinair hwn.",
    (None, "Your password can't be entirely numeric."): "Ni all eich cyfrinair fod yn rhifau’n unig.",
    (None, "Enter a valid username. This value may contain only English letters, numbers, and @/./+/-/_ "
           "characters."):
        "Rhowch enw defnyddiwr dilys. Gall gynnwys llythrennau Saesneg, rhifau a’r nodau @/./+/-/_ yn unig.",
    (None, "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."):
        "Rhowch enw defnyddiwr dilys. Gall gynnwys llythrennau, rhifau a’r nodau @/./+/-/_ yn unig.",
    (None, "Password reset sent"): "Anfonwyd y neges i ailosod y cyfrinair",
    # --- Django itself: messages every form and page can show -------------------------------------
    (None, "Lower Sorbian"): "Sorbeg Isaf",
    (None, "Colombian Spanish"): "Sbaeneg Colombia",
    (None, "Scottish Gaelic"): "Gaeleg yr Alban",
    (None, "Upper Sorbian"): "Sorbeg Uchaf",
    (None, "Armenian"): "Armeneg",
    (None, "Kabyle"): "Cabileg",
    (None, "Norwegian Bokmål"): "Bokmål Norwy",
    (None, "Uzbek"): "Wsbeceg",
    (None, "Messages"): "Negeseuon",
    (None, "That page number is not an integer"): "Nid yw rhif y dudalen yn rhif cyfan",
    (None, "That page number is less than 1"): "Mae rhif y dudalen yn llai nag 1",
    (None, "That page contains no results"): "Nid oes canlyniadau ar y dudalen honno",
    (None, "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."):
        "Rhowch “slug” dilys o lythrennau, rhifau, tanlinellau neu gysylltnodau.",
    (None, "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."):
        "Rhowch “slug” dilys o lythrennau Unicode, rhifau, tanlinellau neu gysylltnodau.",
    (None, "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."):
        "Ni chaniateir yr estyniad ffeil “%(extension)s”. Yr estyniadau a ganiateir yw: %(allowed_extensions)s.",
    (None, "Null characters are not allowed."): "Ni chaniateir nodau nwl.",
    (None, "%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s."):
        "Rhaid i %(field_label)s fod yn unigryw ar gyfer %(date_field_label)s %(lookup_type)s.",
    (None, "“%(value)s” value must be either True or False."): "Rhaid i’r gwerth “%(value)s” fod yn True neu False.",
    (None, "“%(value)s” value must be either True, False, or None."):
        "Rhaid i’r gwerth “%(value)s” fod yn True, False neu None.",
    (None, "“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."):
        "Mae fformat dyddiad y gwerth “%(value)s” yn annilys. Rhaid iddo fod ar y ffurf BBBB-MM-DD.",
    (None, "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."):
        "Mae fformat y gwerth “%(value)s” yn gywir (BBBB-MM-DD) ond nid yw’n ddyddiad dilys.",
    (None, "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."):
        "Mae fformat y gwerth “%(value)s” yn annilys. Rhaid iddo fod ar y ffurf BBBB-MM-DD AA:MM[:ee[.uuuuuu]][CA].",
    (None, "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid "
           "date/time."):
        "Mae fformat y gwerth “%(value)s” yn gywir (BBBB-MM-DD AA:MM[:ee[.uuuuuu]][CA]) ond nid yw’n ddyddiad nac "
        "yn amser dilys.",
    (None, "“%(value)s” value must be a decimal number."): "Rhaid i’r gwerth “%(value)s” fod yn rhif degol.",
    (None, "“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."):
        "Mae fformat y gwerth “%(value)s” yn annilys. Rhaid iddo fod ar y ffurf [DD] [[AA:]MM:]ee[.uuuuuu].",
    (None, "Duration"): "Hyd",
    (None, "“%(value)s” value must be a float."): "Rhaid i’r gwerth “%(value)s” fod yn rhif pwynt arnawf.",
    (None, "“%(value)s” value must be an integer."): "Rhaid i’r gwerth “%(value)s” fod yn rhif cyfan.",
    (None, "“%(value)s” value must be either None, True or False."):
        "Rhaid i’r gwerth “%(value)s” fod yn None, True neu False.",
    (None, "“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."):
        "Mae fformat y gwerth “%(value)s” yn annilys. Rhaid iddo fod ar y ffurf AA:MM[:ee[.uuuuuu]].",
    (None, "“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."):
        "Mae fformat y gwerth “%(value)s” yn gywir (AA:MM[:ee[.uuuuuu]]) ond nid yw’n amser dilys.",
    (None, "“%(value)s” is not a valid UUID."): "Nid yw “%(value)s” yn UUID dilys.",
    (None, "Universally unique identifier"): "Dynodydd unigryw cyffredinol",
    (None, "%(model)s instance with %(field)s %(value)r does not exist."):
        "Nid oes %(model)s â %(field)s %(value)r.",
    (None, "%(from)s-%(to)s relationship"): "perthynas %(from)s–%(to)s",
    (None, "%(from)s-%(to)s relationships"): "perthnasoedd %(from)s–%(to)s",
    (None, "Enter a valid duration."): "Rhowch hyd dilys.",
    (None, "The number of days must be between {min_days} and {max_days}."):
        "Rhaid i nifer y dyddiau fod rhwng {min_days} a {max_days}.",
    (None, "Enter a valid UUID."): "Rhowch UUID dilys.",
    (None, "The inline value did not match the parent instance."):
        "Nid oedd y gwerth mewnol yn cyfateb i’r gwrthrych y mae’n perthyn iddo.",
    (None, "“%(pk)s” is not a valid value."): "Nid yw “%(pk)s” yn werth dilys.",
    (None, "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may "
           "not exist."):
        "Nid oedd modd deall %(datetime)s yng nghylchfa amser %(current_timezone)s; efallai ei fod yn amwys neu "
        "nad yw’n bod.",
    (None, "Year"): "Blwyddyn",
    (None, "Month"): "Mis",
    (None, "Day"): "Diwrnod",
    ("String to return when truncating text", "%(truncated_text)s…"): "%(truncated_text)s…",
    (None, "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your Web "
           "browser, but none was sent. This header is required for security reasons, to ensure that your browser "
           "is not being hijacked by third parties."):
        "Rydych yn gweld y neges hon oherwydd bod y wefan HTTPS hon angen i’ch porwr anfon “pennyn Referer”, ond "
        "ni anfonwyd un. Mae ei angen am resymau diogelwch, i sicrhau nad yw trydydd parti’n herwgipio’ch porwr.",
    (None, "If you have configured your browser to disable “Referer” headers, please re-enable them, at least for "
           "this site, or for HTTPS connections, or for “same-origin” requests."):
        "Os ydych wedi troi penynnau “Referer” i ffwrdd yn eich porwr, trowch nhw ymlaen eto, o leiaf ar gyfer y "
        "wefan hon, neu ar gyfer cysylltiadau HTTPS, neu ar gyfer ceisiadau “same-origin”.",
    (None, "If you are using the <meta name=\"referrer\" content=\"no-referrer\"> tag or including the "
           "“Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” "
           "header to do strict referer checking. If you’re concerned about privacy, use alternatives like "
           "<a rel=\"noreferrer\" …> for links to third-party sites."):
        "Os ydych yn defnyddio’r tag <meta name=\"referrer\" content=\"no-referrer\"> neu’r pennyn "
        "“Referrer-Policy: no-referrer”, tynnwch nhw. Mae’r diogelwch CSRF angen y pennyn “Referer” i wirio’n "
        "fanwl. Os ydych yn poeni am breifatrwydd, defnyddiwch ddewisiadau eraill fel <a rel=\"noreferrer\" …> "
        "ar gyfer dolenni i wefannau trydydd parti.",
    (None, "If you have configured your browser to disable cookies, please re-enable them, at least for this site, "
           "or for “same-origin” requests."):
        "Os ydych wedi troi cwcis i ffwrdd yn eich porwr, trowch nhw ymlaen eto, o leiaf ar gyfer y wefan hon, neu "
        "ar gyfer ceisiadau “same-origin”.",
    (None, "Date out of range"): "Mae’r dyddiad y tu hwnt i’r terfynau",
    (None, "Invalid date string “%(datestr)s” given format “%(format)s”"):
        "Nid yw’r dyddiad “%(datestr)s” yn cyfateb i’r fformat “%(format)s”",
    (None, "Page is not “last”, nor can it be converted to an int."):
        "Nid “last” yw’r dudalen, ac nid oes modd ei throi’n rhif cyfan.",
    (None, "Empty list and “%(class_name)s.allow_empty” is False."):
        "Mae’r rhestr yn wag ac mae “%(class_name)s.allow_empty” yn False.",
    (None, "“%(path)s” does not exist"): "Nid yw “%(path)s” yn bod",
    (None, "Django: the Web framework for perfectionists with deadlines."):
        "Django: y fframwaith gwe i berffeithwyr sydd â dyddiadau cau.",
    (None, 'View <a href="https://docs.djangoproject.com/en/%(version)s/releases/" target="_blank" '
           'rel="noopener">release notes</a> for Django %(version)s'):
        'Gweld <a href="https://docs.djangoproject.com/en/%(version)s/releases/" target="_blank" '
        'rel="noopener">nodiadau rhyddhau</a> Django %(version)s',
    (None, "The install worked successfully! Congratulations!"): "Mae’r gosod wedi gweithio! Llongyfarchiadau!",
    (None, 'You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/'
           '#debug" target="_blank" rel="noopener">DEBUG=True</a> is in your settings file and you have not '
           'configured any URLs.'):
        'Rydych yn gweld y dudalen hon oherwydd bod <a href="https://docs.djangoproject.com/en/%(version)s/ref/'
        'settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> yn eich ffeil gosodiadau ac nad ydych '
        'wedi gosod unrhyw gyfeiriadau.',
    (None, "Django Documentation"): "Dogfennaeth Django",
    (None, "Topics, references, &amp; how-to’s"): "Pynciau, cyfeirlyfrau a chanllawiau",
    (None, "Tutorial: A Polling App"): "Tiwtorial: ap pleidleisio",
    (None, "Get started with Django"): "Dechrau gyda Django",
    (None, "Django Community"): "Cymuned Django",
    (None, "Connect, get help, or contribute"): "Cysylltu, cael help, neu gyfrannu",
}

# The admin's JavaScript (calendar, clock, "n of m selected"), where Django's Welsh has a gap.
DJANGOJS: dict[tuple[str | None, str], object] = {
    (None, "Choose a Time"): "Dewis amser",
    (None, "6 p.m."): "6 y.h.",
    (None, "Choose a Date"): "Dewis dyddiad",
    (None, "January"): "Ionawr", (None, "February"): "Chwefror", (None, "March"): "Mawrth",
    (None, "April"): "Ebrill", (None, "May"): "Mai", (None, "June"): "Mehefin", (None, "July"): "Gorffennaf",
    (None, "August"): "Awst", (None, "September"): "Medi", (None, "October"): "Hydref",
    (None, "November"): "Tachwedd", (None, "December"): "Rhagfyr",
    ("one letter Sunday", "S"): "S", ("one letter Monday", "M"): "Ll", ("one letter Tuesday", "T"): "M",
    ("one letter Wednesday", "W"): "M", ("one letter Thursday", "T"): "I", ("one letter Friday", "F"): "G",
    ("one letter Saturday", "S"): "S",
}


def source_entries(domain: str) -> dict[tuple[str | None, str], polib.POEntry]:
    """The English entries these translate, from the libraries' own catalogues (for plurals and flags)."""
    import django
    import import_export

    django_root = Path(django.__file__).parent
    paths = {
        "django": [django_root / "conf/locale/cy/LC_MESSAGES/django.po",
                   django_root / "contrib/admin/locale/cy/LC_MESSAGES/django.po",
                   django_root / "contrib/auth/locale/cy/LC_MESSAGES/django.po",
                   *Path(import_export.__file__).parent.glob("locale/fr/LC_MESSAGES/django.po")],
        "djangojs": [django_root / "contrib/admin/locale/cy/LC_MESSAGES/djangojs.po"],
    }[domain]
    found = {}
    for path in paths:
        for entry in polib.pofile(str(path)):
            found.setdefault((entry.msgctxt, entry.msgid), entry)
    return found


def merge(domain: str, translations: dict) -> None:
    path = HERE / f"{domain}.po"
    if path.exists():
        catalogue = polib.pofile(str(path))
    else:
        catalogue = polib.POFile()
        catalogue.metadata = {
            "Project-Id-Version": "Partneriaeth vendor Welsh", "Language": "cy", "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",
        }
    have = {(entry.msgctxt, entry.msgid) for entry in catalogue}
    sources = source_entries(domain)
    for key, welsh in translations.items():
        if key in have:
            continue
        context, msgid = key
        source = sources.get(key)
        entry = polib.POEntry(msgctxt=context, msgid=msgid, flags=list(source.flags) if source else [])
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if isinstance(welsh, list):
            entry.msgid_plural = source.msgid_plural
            entry.msgstr_plural = dict(enumerate(welsh))
        else:
            entry.msgstr = welsh
        catalogue.append(entry)
    catalogue.save(str(path))


if __name__ == "__main__":
    merge("django", DJANGO)
    merge("djangojs", DJANGOJS)
