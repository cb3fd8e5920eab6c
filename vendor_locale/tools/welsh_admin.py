# ruff: noqa: E501  (a table of translations: long messages are kept whole so they can be compared with their source)
"""Welsh for the libraries whose own catalogues lack it: django-import-export (no Welsh at all) and
the messages Django's own Welsh leaves untranslated or has only under an older wording (the admin,
auth, forms and validators), as the pages consortium admins use show them.

Run `python vendor_locale/tools/welsh_admin.py` to merge these into vendor_locale/cy (django.po and
djangojs.po), then `make messages` (or compilemessages) to compile. Entries already there are kept.
"""

from __future__ import annotations

import re
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
    (None, "Export %(len)s selected item."): ("Export %(len)s selected items.", [
        "Allforio %(len)s eitem a ddewiswyd.", "Allforio %(len)s eitem a ddewiswyd.",
        "Allforio %(len)s eitem a ddewiswyd.", "Allforio %(len)s eitem a ddewiswyd."]),
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
    # --- Django (the admin, auth, forms, validators), where its own Welsh has a gap or is stale ----
    (None, "Empty"): "Gwag",
    (None, "Not empty"): "Ddim yn wag",
    (None, "Addition"): "Ychwanegiad",
    (None, "Deletion"): "Dileu",
    (None, "Added “%(object)s”."): "Ychwanegwyd “%(object)s”.",
    (None, "Changed “%(object)s” — %(changes)s"): "Newidiwyd “%(object)s” — %(changes)s",
    (None, "Deleted “%(object)s.”"): "Dilëwyd “%(object)s”.",
    (None, "Added {name} “{object}”."): "Ychwanegwyd {name} “{object}”.",
    (None, "Changed {fields} for {name} “{object}”."): "Newidiwyd {fields} ar gyfer {name} “{object}”.",
    (None, "Deleted {name} “{object}”."): "Dilëwyd {name} “{object}”.",
    (None, "Hold down “Control”, or “Command” on a Mac, to select more than one."):
        "Daliwch “Control”, neu “Command” ar Mac, i ddewis mwy nag un.",
    (None, "Select this object for an action - {}"): "Dewis y gwrthrych hwn ar gyfer gweithred - {}",
    (None, "The {name} “{obj}” was added successfully."): "Ychwanegwyd {name} “{obj}”.",
    (None, "You may edit it again below."): "Gallwch ei olygu eto isod.",
    (None, "The {name} “{obj}” was added successfully. You may add another {name} below."):
        "Ychwanegwyd {name} “{obj}”. Gallwch ychwanegu {name} arall isod.",
    (None, "The {name} “{obj}” was changed successfully. You may edit it again below."):
        "Newidiwyd {name} “{obj}”. Gallwch ei olygu eto isod.",
    (None, "The {name} “{obj}” was changed successfully. You may add another {name} below."):
        "Newidiwyd {name} “{obj}”. Gallwch ychwanegu {name} arall isod.",
    (None, "The {name} “{obj}” was changed successfully."): "Newidiwyd {name} “{obj}”.",
    (None, "The %(name)s “%(obj)s” was deleted successfully."): "Dilëwyd %(name)s “%(obj)s”.",
    (None, "%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"):
        "Nid yw %(name)s â’r rhif adnabod “%(key)s” yn bod. Efallai iddo gael ei ddileu?",
    (None, "View %s"): "Gweld %s",
    (None, "%(class_name)s %(instance)s"): "%(class_name)s %(instance)s",
    (None, "We’re sorry, but the requested page could not be found."):
        "Mae’n ddrwg gennym, ond nid oedd modd dod o hyd i’r dudalen.",
    (None, "There’s been an error. It’s been reported to the site administrators via email and should be fixed "
           "shortly. Thanks for your patience."):
        "Bu gwall. Mae wedi’i adrodd i weinyddwyr y wefan drwy e-bost a dylai gael ei drwsio cyn bo hir. Diolch "
        "am eich amynedd.",
    (None, "Breadcrumbs"): "Briwsion bara",
    (None, "Model name"): "Enw’r model",
    (None, "Add link"): "Dolen ychwanegu",
    (None, "Change or view list link"): "Dolen newid neu weld y rhestr",
    (None, "You don’t have permission to view or edit anything."): "Nid oes gennych ganiatâd i weld na golygu dim.",
    (None, "After you’ve created a user, you’ll be able to edit more user options."):
        "Ar ôl creu defnyddiwr, byddwch yn gallu golygu rhagor o’i ddewisiadau.",
    (None, "Set password"): "Gosod cyfrinair",
    (None, "Please correct the error below."): ("Please correct the errors below.", [
        "Cywirwch y gwall isod.", "Cywirwch y gwallau isod.", "Cywirwch y gwallau isod.",
        "Cywirwch y gwallau isod."]),
    (None, "This action will <strong>enable</strong> password-based authentication for this user."):
        "Bydd hyn yn <strong>galluogi</strong> dilysu drwy gyfrinair ar gyfer y defnyddiwr hwn.",
    (None, "Disable password-based authentication"): "Analluogi dilysu drwy gyfrinair",
    (None, "Enable password-based authentication"): "Galluogi dilysu drwy gyfrinair",
    (None, "Hide counts"): "Cuddio’r cyfrifon",
    (None, "Show counts"): "Dangos y cyfrifon",
    (None, "Clear all filters"): "Clirio pob hidlydd",
    (None, "Toggle theme (current theme: auto)"): "Newid y thema (y thema nawr: awtomatig)",
    (None, "Toggle theme (current theme: light)"): "Newid y thema (y thema nawr: golau)",
    (None, "Toggle theme (current theme: dark)"): "Newid y thema (y thema nawr: tywyll)",
    (None, "Yes, I’m sure"): "Ydw, rwy’n siŵr",
    (None, "Added:"): "Ychwanegwyd:",
    (None, "Changed:"): "Newidiwyd:",
    (None, "Deleted:"): "Dilëwyd:",
    (None, "Something’s wrong with your database installation. Make sure the appropriate database tables have "
           "been created, and make sure the database is readable by the appropriate user."):
        "Mae rhywbeth o’i le ar osod eich cronfa ddata. Gwnewch yn siŵr bod y tablau priodol wedi’u creu, a bod y "
        "defnyddiwr priodol yn gallu darllen y gronfa ddata.",
    (None, "Forgotten your login credentials?"): "Wedi anghofio’ch manylion mewngofnodi?",
    (None, "Toggle navigation"): "Dangos neu guddio’r llywio",
    (None, "Sidebar"): "Bar ochr",
    (None, "Start typing to filter…"): "Dechreuwch deipio i hidlo…",
    (None, "Filter navigation items"): "Hidlo’r eitemau llywio",
    (None, "entry"): ("entries", ["cofnod", "gofnod", "cofnod", "cofnod"]),
    (None, "This object doesn’t have a change history. It probably wasn’t added via this admin site."):
        "Nid oes hanes newidiadau i’r gwrthrych hwn. Mae’n debyg na chafodd ei ychwanegu drwy’r safle gweinyddu "
        "hwn.",
    (None, "Popup closing…"): "Mae’r ffenestr yn cau…",
    (None, "Save and view"): "Cadw a gweld",
    (None, "Close"): "Cau",
    (None, "View selected %(model)s"): "Gweld y %(model)s a ddewiswyd",
    (None, "Thanks for spending some quality time with the web site today."):
        "Diolch am dreulio amser gyda’r wefan heddiw.",
    (None, "Please enter your old password, for security’s sake, and then enter your new password twice so we can "
           "verify you typed it in correctly."):
        "Rhowch eich hen gyfrinair, er diogelwch, ac yna rhowch eich cyfrinair newydd ddwywaith er mwyn i ni wirio "
        "i chi ei deipio’n gywir.",
    (None, "We’ve emailed you instructions for setting your password, if an account exists with the email you "
           "entered. You should receive them shortly."):
        "Os oes cyfrif â’r cyfeiriad e-bost a roesoch, rydym wedi anfon cyfarwyddiadau ato i osod eich cyfrinair. "
        "Dylent gyrraedd cyn bo hir.",
    (None, "If you don’t receive an email, please make sure you’ve entered the address you registered with, and "
           "check your spam folder."):
        "Os na chewch e-bost, gwnewch yn siŵr eich bod wedi rhoi’r cyfeiriad y gwnaethoch gofrestru ag ef, a "
        "gwiriwch eich ffolder sbam.",
    (None, "In case you’ve forgotten, you are:"): "Rhag ofn eich bod wedi anghofio, chi yw:",
    (None, "Forgotten your password? Enter your email address below, and we’ll email instructions for setting a "
           "new one."):
        "Wedi anghofio’ch cyfrinair? Rhowch eich cyfeiriad e-bost isod, a byddwn yn anfon cyfarwyddiadau i osod un "
        "newydd.",
    (None, "Select all objects on this page for an action"): "Dewis pob gwrthrych ar y dudalen hon ar gyfer gweithred",
    (None, "Select %s to view"): "Dewis %s i’w weld",
    (None, "Conflicting form data submitted. Please try again."):
        "Anfonwyd data ffurflen sy’n gwrthdaro. Rhowch gynnig arall arni.",
    (None, "Password-based authentication was disabled."): "Mae dilysu drwy gyfrinair wedi’i analluogi.",
    (None, "Set password: %s"): "Gosod cyfrinair: %s",
    (None, "Reset password"): "Ailosod y cyfrinair",
    (None, "The two password fields didn’t match."): "Nid oedd y ddau gyfrinair yr un fath.",
    (None, "Whether the user will be able to authenticate using a password or not. If disabled, they may still be "
           "able to authenticate using other backends, such as Single Sign-On or LDAP."):
        "A fydd y defnyddiwr yn gallu dilysu gyda chyfrinair ai peidio. Os yw wedi’i analluogi, efallai y bydd yn "
        "dal i allu dilysu mewn ffyrdd eraill, fel mewngofnodi sengl (SSO) neu LDAP.",
    (None, "Password-based authentication"): "Dilysu drwy gyfrinair",
    (None, "Enabled"): "Wedi’i alluogi",
    (None, "Disabled"): "Wedi’i analluogi",
    (None, "Raw passwords are not stored, so there is no way to see the user’s password."):
        "Nid yw cyfrineiriau’n cael eu cadw fel testun, felly nid oes modd gweld cyfrinair y defnyddiwr.",
    (None, "Enable password-based authentication for this user by setting a password."):
        "Galluogwch ddilysu drwy gyfrinair ar gyfer y defnyddiwr hwn drwy osod cyfrinair.",
    (None, "algorithm"): "algorithm",
    (None, "salt"): "halen",
    (None, "hash"): "stwnsh",
    (None, "block size"): "maint bloc",
    (None, "This password is too short. It must contain at least %d character."): (
        "This password is too short. It must contain at least %d characters.", [
            "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf %d nod.",
            "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf %d nod.",
            "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf %d nod.",
            "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf %d nod."]),
    (None, "Your password can’t be too similar to your other personal information."):
        "Ni all eich cyfrinair fod yn rhy debyg i’ch manylion personol eraill.",
    (None, "Your password can’t be a commonly used password."): "Ni all eich cyfrinair fod yn un cyffredin.",
    (None, "Your password can’t be entirely numeric."): "Ni all eich cyfrinair fod yn rhifau’n unig.",
    (None, "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, "
           "numbers, and @/./+/-/_ characters."):
        "Rhowch enw defnyddiwr dilys. Gall gynnwys llythrennau a-z ac A-Z heb acenion, rhifau a’r nodau @/./+/-/_ "
        "yn unig.",
    (None, "Enter a valid domain name."): "Rhowch enw parth dilys.",
    (None, "Enter a valid %(protocol)s address."): "Rhowch gyfeiriad %(protocol)s dilys.",
    (None, "IPv4"): "IPv4",
    (None, "IPv6"): "IPv6",
    (None, "IPv4 or IPv6"): "IPv4 neu IPv6",
    (None, "Ensure this value is a multiple of step size %(limit_value)s."):
        "Gwnewch yn siŵr bod y gwerth hwn yn lluosrif o %(limit_value)s.",
    (None, "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. %(offset)s, "
           "%(valid_value1)s, %(valid_value2)s, and so on."):
        "Gwnewch yn siŵr bod y gwerth hwn yn lluosrif o %(limit_value)s, gan ddechrau o %(offset)s, e.e. "
        "%(offset)s, %(valid_value1)s, %(valid_value2)s, ac ati.",
    (None, "Constraint “%(name)s” is violated."): "Mae’r cyfyngiad “%(name)s” wedi’i dorri.",
    (None, "String (unlimited)"): "Llinyn (diderfyn)",
    (None, "Positive big integer"): "Rhif cyfan mawr positif",
    (None, "URL"): "URL",
    (None, "A JSON object"): "Gwrthrych JSON",
    (None, "Value must be valid JSON."): "Rhaid i’r gwerth fod yn JSON dilys.",
    (None, "%(model)s instance with %(field)s %(value)r is not a valid choice."):
        "Nid yw %(model)s â %(field)s %(value)r yn ddewis dilys.",
    (None, "Enter a valid JSON."): "Rhowch JSON dilys.",
    (None, "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may need "
           "to file a bug report if the issue persists."):
        "Mae data ManagementForm ar goll neu wedi’i ymyrryd ag ef. Meysydd ar goll: %(field_names)s. Efallai y bydd "
        "angen i chi adrodd nam os yw’r broblem yn parhau.",
    (None, "Please submit at most %(num)d form."): ("Please submit at most %(num)d forms.", [
        "Anfonwch %(num)d ffurflen ar y mwyaf.", "Anfonwch %(num)d ffurflen ar y mwyaf.",
        "Anfonwch %(num)d ffurflen ar y mwyaf.", "Anfonwch %(num)d ffurflen ar y mwyaf."]),
    (None, "Please submit at least %(num)d form."): ("Please submit at least %(num)d forms.", [
        "Anfonwch o leiaf %(num)d ffurflen.", "Anfonwch o leiaf %(num)d ffurflen.",
        "Anfonwch o leiaf %(num)d ffurflen.", "Anfonwch o leiaf %(num)d ffurflen."]),
    (None, "%s KB"): "%s KB",
    (None, "%s MB"): "%s MB",
    (None, "%s GB"): "%s GB",
    (None, "%s TB"): "%s TB",
    (None, "%s PB"): "%s PB",
    (None, "%(num)d year"): ("%(num)d years", ["%(num)d flwyddyn", "%(num)d flynedd", "%(num)d blynedd",
                                               "%(num)d mlynedd"]),
    (None, "%(num)d month"): ("%(num)d months", ["%(num)d mis", "%(num)d fis", "%(num)d mis", "%(num)d mis"]),
    (None, "%(num)d week"): ("%(num)d weeks", ["%(num)d wythnos", "%(num)d wythnos", "%(num)d wythnos",
                                               "%(num)d wythnos"]),
    (None, "%(num)d day"): ("%(num)d days", ["%(num)d diwrnod", "%(num)d ddiwrnod", "%(num)d diwrnod",
                                             "%(num)d niwrnod"]),
    (None, "%(num)d hour"): ("%(num)d hours", ["%(num)d awr", "%(num)d awr", "%(num)d awr", "%(num)d awr"]),
    (None, "%(num)d minute"): ("%(num)d minutes", ["%(num)d munud", "%(num)d funud", "%(num)d munud",
                                                   "%(num)d munud"]),
    (None, "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web "
           "browser, but none was sent. This header is required for security reasons, to ensure that your browser "
           "is not being hijacked by third parties."):
        "Rydych yn gweld y neges hon oherwydd bod y wefan HTTPS hon angen i’ch porwr anfon “pennyn Referer”, ond "
        "ni anfonwyd un. Mae ei angen am resymau diogelwch, i sicrhau nad yw trydydd parti’n herwgipio’ch porwr.",
    # --- Django, continued: messages whose wording has not changed ----------------------------------
    (None, 'No date'):
        'Heb ddyddiad',
    (None, 'Has date'):
        'Â dyddiad',
    (None, 'user'):
        'defnyddiwr',
    (None, 'content type'):
        'math o gynnwys',
    (None, 'Added.'):
        'Ychwanegwyd.',
    (None, 'Changed {fields}.'):
        'Newidiwyd {fields}.',
    (None, 'View site'):
        'Gweld y wefan',
    (None, 'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the following related items will be deleted:'):
        'Ydych chi’n siŵr eich bod am ddileu %(object_name)s “%(escaped_object)s”? Bydd yr holl eitemau cysylltiedig hyn yn cael eu dileu:',
    (None, 'Objects'):
        'Gwrthrychau',
    (None, 'No, take me back'):
        'Na, ewch â fi’n ôl',
    (None, 'Delete multiple objects'):
        'Dileu sawl gwrthrych',
    (None, "Deleting the selected %(objects_name)s would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"):
        'Byddai dileu’r %(objects_name)s a ddewiswyd yn dileu gwrthrychau cysylltiedig, ond nid oes gan eich cyfrif ganiatâd i ddileu’r mathau hyn o wrthrychau:',
    (None, 'Summary'):
        'Crynodeb',
    (None, 'Recent actions'):
        'Gweithredoedd diweddar',
    (None, 'My actions'):
        'Fy ngweithredoedd',
    (None, 'You are authenticated as %(username)s, but are not authorized to access this page. Would you like to login to a different account?'):
        'Rydych wedi mewngofnodi fel %(username)s, ond nid oes gennych hawl i weld y dudalen hon. Hoffech chi fewngofnodi gyda chyfrif arall?',
    (None, 'Change selected %(model)s'):
        'Newid y %(model)s a ddewiswyd',
    (None, 'Add another %(model)s'):
        'Ychwanegu %(model)s arall',
    (None, 'Delete selected %(model)s'):
        'Dileu’r %(model)s a ddewiswyd',
    (None, '%(name)s object with primary key %(key)r does not exist.'):
        'Nid yw’r gwrthrych %(name)s â’r allwedd %(key)r yn bod.',
    (None, 'Enter the same password as before, for verification.'):
        'Rhowch yr un cyfrinair eto, i’w wirio.',
    (None, 'variety'):
        'math',
    (None, 'version'):
        'fersiwn',
    (None, 'memory cost'):
        'cost cof',
    (None, 'time cost'):
        'cost amser',
    (None, 'parallelism'):
        'cyfochredd',
    (None, 'The groups this user belongs to. A user will get all permissions granted to each of their groups.'):
        'Y grwpiau y mae’r defnyddiwr hwn yn perthyn iddynt. Caiff defnyddiwr bob caniatâd a roddir i bob un o’i grwpiau.',
    (None, 'Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.'):
        'Gofynnol. Hyd at 150 nod. Llythrennau, digidau a @/./+/-/_ yn unig.',
    (None, 'Your password must contain at least %(min_length)d character.'):
        ('Your password must contain at least %(min_length)d characters.', ['Rhaid i’ch cyfrinair gynnwys o leiaf %(min_length)d nod.', 'Rhaid i’ch cyfrinair gynnwys o leiaf %(min_length)d nod.', 'Rhaid i’ch cyfrinair gynnwys o leiaf %(min_length)d nod.', 'Rhaid i’ch cyfrinair gynnwys o leiaf %(min_length)d nod.']),
    (None, 'The password is too similar to the %(verbose_name)s.'):
        'Mae’r cyfrinair yn rhy debyg i’r %(verbose_name)s.',
    (None, 'This password is too common.'):
        'Mae’r cyfrinair hwn yn rhy gyffredin.',
    (None, 'This password is entirely numeric.'):
        'Rhifau’n unig yw’r cyfrinair hwn.',
    (None, 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.'):
        'Rhowch enw defnyddiwr dilys. Gall gynnwys llythrennau, rhifau a’r nodau @/./+/-/_ yn unig.',
    (None, 'Password reset sent'):
        'Anfonwyd y neges i ailosod y cyfrinair',
    (None, 'That page number is not an integer'):
        'Nid yw rhif y dudalen yn rhif cyfan',
    (None, 'That page number is less than 1'):
        'Mae rhif y dudalen yn llai nag 1',
    (None, 'That page contains no results'):
        'Nid oes canlyniadau ar y dudalen honno',
    (None, 'Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.'):
        'Rhowch “slug” dilys o lythrennau, rhifau, tanlinellau neu gysylltnodau.',
    (None, 'Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens.'):
        'Rhowch “slug” dilys o lythrennau Unicode, rhifau, tanlinellau neu gysylltnodau.',
    (None, 'File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s.'):
        'Ni chaniateir yr estyniad ffeil “%(extension)s”. Yr estyniadau a ganiateir yw: %(allowed_extensions)s.',
    (None, 'Null characters are not allowed.'):
        'Ni chaniateir nodau nwl.',
    (None, '%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s.'):
        'Rhaid i %(field_label)s fod yn unigryw ar gyfer %(date_field_label)s %(lookup_type)s.',
    (None, '“%(value)s” value must be either True or False.'):
        'Rhaid i’r gwerth “%(value)s” fod yn True neu False.',
    (None, '“%(value)s” value must be either True, False, or None.'):
        'Rhaid i’r gwerth “%(value)s” fod yn True, False neu None.',
    (None, '“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format.'):
        'Mae fformat dyddiad y gwerth “%(value)s” yn annilys. Rhaid iddo fod ar y ffurf BBBB-MM-DD.',
    (None, '“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date.'):
        'Mae fformat y gwerth “%(value)s” yn gywir (BBBB-MM-DD) ond nid yw’n ddyddiad dilys.',
    (None, '“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.'):
        'Mae fformat y gwerth “%(value)s” yn annilys. Rhaid iddo fod ar y ffurf BBBB-MM-DD AA:MM[:ee[.uuuuuu]][CA].',
    (None, '“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time.'):
        'Mae fformat y gwerth “%(value)s” yn gywir (BBBB-MM-DD AA:MM[:ee[.uuuuuu]][CA]) ond nid yw’n ddyddiad nac yn amser dilys.',
    (None, '“%(value)s” value must be a decimal number.'):
        'Rhaid i’r gwerth “%(value)s” fod yn rhif degol.',
    (None, '“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format.'):
        'Mae fformat y gwerth “%(value)s” yn annilys. Rhaid iddo fod ar y ffurf [DD] [[AA:]MM:]ee[.uuuuuu].',
    (None, 'Duration'):
        'Hyd',
    (None, '“%(value)s” value must be a float.'):
        'Rhaid i’r gwerth “%(value)s” fod yn rhif pwynt arnawf.',
    (None, '“%(value)s” value must be an integer.'):
        'Rhaid i’r gwerth “%(value)s” fod yn rhif cyfan.',
    (None, '“%(value)s” value must be either None, True or False.'):
        'Rhaid i’r gwerth “%(value)s” fod yn None, True neu False.',
    (None, '“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format.'):
        'Mae fformat y gwerth “%(value)s” yn annilys. Rhaid iddo fod ar y ffurf AA:MM[:ee[.uuuuuu]].',
    (None, '“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time.'):
        'Mae fformat y gwerth “%(value)s” yn gywir (AA:MM[:ee[.uuuuuu]]) ond nid yw’n amser dilys.',
    (None, '“%(value)s” is not a valid UUID.'):
        'Nid yw “%(value)s” yn UUID dilys.',
    (None, 'Universally unique identifier'):
        'Dynodydd unigryw cyffredinol',
    (None, '%(from)s-%(to)s relationship'):
        'perthynas %(from)s–%(to)s',
    (None, '%(from)s-%(to)s relationships'):
        'perthnasoedd %(from)s–%(to)s',
    (None, 'Enter a valid duration.'):
        'Rhowch hyd dilys.',
    (None, 'The number of days must be between {min_days} and {max_days}.'):
        'Rhaid i nifer y dyddiau fod rhwng {min_days} a {max_days}.',
    (None, 'Enter a valid UUID.'):
        'Rhowch UUID dilys.',
    (None, 'The inline value did not match the parent instance.'):
        'Nid oedd y gwerth mewnol yn cyfateb i’r gwrthrych y mae’n perthyn iddo.',
    (None, '“%(pk)s” is not a valid value.'):
        'Nid yw “%(pk)s” yn werth dilys.',
    (None, '%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist.'):
        'Nid oedd modd deall %(datetime)s yng nghylchfa amser %(current_timezone)s; efallai ei fod yn amwys neu nad yw’n bod.',
    ('String to return when truncating text', '%(truncated_text)s…'):
        '%(truncated_text)s…',
    (None, 'If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests.'):
        'Os ydych wedi troi penynnau “Referer” i ffwrdd yn eich porwr, trowch nhw ymlaen eto, o leiaf ar gyfer y wefan hon, neu ar gyfer cysylltiadau HTTPS, neu ar gyfer ceisiadau “same-origin”.',
    (None, 'If you are using the <meta name="referrer" content="no-referrer"> tag or including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for links to third-party sites.'):
        'Os ydych yn defnyddio’r tag <meta name="referrer" content="no-referrer"> neu’r pennyn “Referrer-Policy: no-referrer”, tynnwch nhw. Mae’r diogelwch CSRF angen y pennyn “Referer” i wirio’n fanwl. Os ydych yn poeni am breifatrwydd, defnyddiwch ddewisiadau eraill fel <a rel="noreferrer" …> ar gyfer dolenni i wefannau trydydd parti.',
    (None, 'If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests.'):
        'Os ydych wedi troi cwcis i ffwrdd yn eich porwr, trowch nhw ymlaen eto, o leiaf ar gyfer y wefan hon, neu ar gyfer ceisiadau “same-origin”.',
    (None, 'Date out of range'):
        'Mae’r dyddiad y tu hwnt i’r terfynau',
    (None, 'Invalid date string “%(datestr)s” given format “%(format)s”'):
        'Nid yw’r dyddiad “%(datestr)s” yn cyfateb i’r fformat “%(format)s”',
    (None, 'Page is not “last”, nor can it be converted to an int.'):
        'Nid “last” yw’r dudalen, ac nid oes modd ei throi’n rhif cyfan.',
    (None, 'Empty list and “%(class_name)s.allow_empty” is False.'):
        'Mae’r rhestr yn wag ac mae “%(class_name)s.allow_empty” yn False.',
    (None, '“%(path)s” does not exist'):
        'Nid yw “%(path)s” yn bod',
    (None, 'View <a href="https://docs.djangoproject.com/en/%(version)s/releases/" target="_blank" rel="noopener">release notes</a> for Django %(version)s'):
        'Gweld <a href="https://docs.djangoproject.com/en/%(version)s/releases/" target="_blank" rel="noopener">nodiadau rhyddhau</a> Django %(version)s',
    (None, 'The install worked successfully! Congratulations!'):
        'Mae’r gosod wedi gweithio! Llongyfarchiadau!',
    (None, 'You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> is in your settings file and you have not configured any URLs.'):
        'Rydych yn gweld y dudalen hon oherwydd bod <a href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> yn eich ffeil gosodiadau ac nad ydych wedi gosod unrhyw gyfeiriadau.',
    (None, 'Django Documentation'):
        'Dogfennaeth Django',
    (None, 'Topics, references, &amp; how-to’s'):
        'Pynciau, cyfeirlyfrau a chanllawiau',
    (None, 'Tutorial: A Polling App'):
        'Tiwtorial: ap pleidleisio',
    (None, 'Get started with Django'):
        'Dechrau gyda Django',
    (None, 'Django Community'):
        'Cymuned Django',
    (None, 'Connect, get help, or contribute'):
        'Cysylltu, cael help, neu gyfrannu',
}

# The admin's JavaScript (calendar, clock, "n of m selected"), where Django's Welsh has a gap.
DJANGOJS: dict[tuple[str | None, str], object] = {
    (None, "Choose a Date"): "Dewis dyddiad",
    (None, "Choose a Time"): "Dewis amser",
    ("abbrev. day Sunday", "Sun"): "Sul", ("abbrev. day Monday", "Mon"): "Llun",
    ("abbrev. day Tuesday", "Tue"): "Maw", ("abbrev. day Wednesday", "Wed"): "Mer",
    ("abbrev. day Thursday", "Thur"): "Iau", ("abbrev. day Friday", "Fri"): "Gwe",
    ("abbrev. day Saturday", "Sat"): "Sad",
    ("abbrev. month January", "Jan"): "Ion", ("abbrev. month February", "Feb"): "Chwef",
    ("abbrev. month March", "Mar"): "Maw", ("abbrev. month April", "Apr"): "Ebr",
    ("abbrev. month May", "May"): "Mai", ("abbrev. month June", "Jun"): "Meh",
    ("abbrev. month July", "Jul"): "Gorff", ("abbrev. month August", "Aug"): "Awst",
    ("abbrev. month September", "Sep"): "Medi", ("abbrev. month October", "Oct"): "Hyd",
    ("abbrev. month November", "Nov"): "Tach", ("abbrev. month December", "Dec"): "Rhag",
    (None, "January"): "Ionawr", (None, "February"): "Chwefror", (None, "March"): "Mawrth",
    (None, "April"): "Ebrill", (None, "May"): "Mai", (None, "June"): "Mehefin", (None, "July"): "Gorffennaf",
    (None, "August"): "Awst", (None, "September"): "Medi", (None, "October"): "Hydref",
    (None, "November"): "Tachwedd", (None, "December"): "Rhagfyr",
    (None, "Sunday"): "Dydd Sul", (None, "Monday"): "Dydd Llun", (None, "Tuesday"): "Dydd Mawrth",
    (None, "Wednesday"): "Dydd Mercher", (None, "Thursday"): "Dydd Iau", (None, "Friday"): "Dydd Gwener",
    (None, "Saturday"): "Dydd Sadwrn",
    (None, "%s selected option not visible"): ("%s selected options not visible", [
        "Nid yw %s dewis a wnaed yn y golwg", "Nid yw %s ddewis a wnaed yn y golwg",
        "Nid yw %s dewis a wnaed yn y golwg", "Nid yw %s dewis a wnaed yn y golwg"]),
    (None, "(click to clear)"): "(cliciwch i glirio)",
    (None, 'Choose %s by selecting them and then select the "Choose" arrow button.'):
        'Dewiswch %s drwy eu dethol ac yna dewis y botwm saeth “Dewis”.',
    (None, "Choose all %s"): "Dewis pob %s",
    (None, "Choose selected %s"): "Dewis y %s a ddetholwyd",
    (None, 'Remove %s by selecting them and then select the "Remove" arrow button.'):
        'Tynnwch %s drwy eu dethol ac yna dewis y botwm saeth “Tynnu”.',
    (None, "Remove all %s"): "Tynnu pob %s",
    (None, "Remove selected %s"): "Tynnu’r %s a ddetholwyd",
    (None, "Type into this box to filter down the list of selected %s."):
        "Teipiwch yn y blwch hwn i hidlo rhestr y %s a ddewiswyd.",
    (None, "You have selected an action, and you haven’t made any changes on individual fields. You’re probably "
           "looking for the Go button rather than the Save button."):
        "Rydych wedi dewis gweithred, ac nid ydych wedi newid meysydd unigol. Mae’n debyg eich bod yn chwilio am y "
        "botwm Mynd yn hytrach na’r botwm Cadw.",
    (None, "You have selected an action, but you haven’t saved your changes to individual fields yet. Please click "
           "OK to save. You’ll need to re-run the action."):
        "Rydych wedi dewis gweithred, ond nid ydych wedi cadw’ch newidiadau i feysydd unigol eto. Cliciwch Iawn i "
        "gadw. Bydd angen i chi redeg y weithred eto.",
}


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
    for (context, msgid), welsh in translations.items():
        if (context, msgid) in have:
            continue
        flags = ["python-format"] if re.search(r"%(\(\w+\))?[sdr]", msgid) else []
        entry = polib.POEntry(msgctxt=context, msgid=msgid, flags=flags)
        if isinstance(welsh, tuple):
            entry.msgid_plural, forms = welsh
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = welsh
        catalogue.append(entry)
    catalogue.save(str(path))


if __name__ == "__main__":
    merge("django", DJANGO)
    merge("djangojs", DJANGOJS)
