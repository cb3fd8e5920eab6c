"""The demo consortia, drawn from the seed documents in shared/seeds."""

DEMO_PASSWORD = "partneriaeth-demo"
# A published demo secret so the demo consortium admin can add it to an authenticator app.
DEMO_ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

PEOPLE = [
    # email, full name, language
    ("admin@demo.partneriaeth.cymru", "Siân Roberts", "cy"),
    ("chair@demo.partneriaeth.cymru", "Gareth Evans", "en"),
    ("clerk@demo.partneriaeth.cymru", "Nia Llewellyn", "cy"),
    ("head@demo.partneriaeth.cymru", "Rhian Davies", "en"),
    ("observer@demo.partneriaeth.cymru", "Huw Jenkins", "en"),
    ("tutor@demo.partneriaeth.cymru", "Dr Eleri Price", "en"),
    ("ect@demo.partneriaeth.cymru", "Aisha Khan", "en"),
    ("npq@demo.partneriaeth.cymru", "Imran Ali", "en"),
    ("mentor@demo.partneriaeth.cymru", "Tom Hughes", "en"),
    ("inductiontutor@demo.partneriaeth.cymru", "Sarah Evans", "cy"),
    ("fellow@demo.partneriaeth.cymru", "Priya Shah", "en"),
    ("finance@demo.partneriaeth.cymru", "Carys Morgan", "cy"),
    ("trainee@demo.partneriaeth.cymru", "Megan Price", "en"),
    ("schoolmentor@demo.partneriaeth.cymru", "Dafydd Rees", "cy"),
]

CONSORTIA = [
    {
        "slug": "uscet-cymru",
        "name": "USCET Cymru",
        "name_cy": "USCET Cymru",
        "kind": "hei_council",
        "partnerships": [
            ("USCET Cymru Strategic Partnership", "Partneriaeth Strategol USCET Cymru", "strategic",
             "HEIs, schools, colleges and professional bodies (regional consortia, Welsh "
             "Government, EWC, Estyn) taking significant strategic, operational and financial "
             "decisions collegiately, in line with the principles of partnership agreed by USCET "
             "Cymru."),
        ],
        "roles": [
            ("admin@demo.partneriaeth.cymru", "consortium_admin", None),
            ("tutor@demo.partneriaeth.cymru", "chair", 0),
            ("observer@demo.partneriaeth.cymru", "observer", 0),
        ],
    },
    {
        "slug": "taf-valley-schools",
        "name": "Taf Valley Schools",
        "name_cy": "Ysgolion Cwm Taf",
        "kind": "local_authority",
        "partnerships": [
            ("Taf Valley Primary School Improvement Partnership",
             "Partneriaeth Gwella Ysgolion Cynradd Cwm Taf", "school_improvement",
             "Six primary schools taking responsibility for their own improvement: regular "
             "external challenge, shared professional development and agreed projects, led by "
             "the headteachers."),
        ],
        "roles": [
            ("admin@demo.partneriaeth.cymru", "consortium_admin", None),
            ("chair@demo.partneriaeth.cymru", "chair", 0),
            ("clerk@demo.partneriaeth.cymru", "clerk", 0),
            ("head@demo.partneriaeth.cymru", "representative", 0),
            ("observer@demo.partneriaeth.cymru", "observer", 0),
            ("finance@demo.partneriaeth.cymru", "finance_administrator", 0),
        ],
    },
    {
        "slug": "exceed-hub",
        "name": "Exceed Teaching School Hub",
        "name_cy": "Hyb Ysgolion Addysgu Exceed",
        "kind": "hub",
        "partnerships": [
            ("Exceed ECT and NPQ Programmes", "Rhaglenni ECT ac NPQ Exceed", "ect_npq",
             "The Early Career Teachers programme and the suite of National Professional "
             "Qualifications, delivered with participants, their schools and visiting fellows."),
        ],
        "roles": [
            ("admin@demo.partneriaeth.cymru", "consortium_admin", None),
            ("head@demo.partneriaeth.cymru", "representative", 0),
        ],
    },
    {
        "slug": "institute-ite",
        "name": "Institute of Education Partnership Office",
        "name_cy": "Swyddfa Bartneriaeth y Sefydliad Addysg",
        "kind": "university",
        "partnerships": [
            ("Secondary ITE Partnership", "Partneriaeth AGA Uwchradd", "ite",
             "Recruiting and training the next generation of secondary teachers through PGCE, "
             "School Direct, salaried and assessment-only routes, with placements in partner "
             "schools, mentors and university tutors."),
        ],
        "roles": [
            ("admin@demo.partneriaeth.cymru", "consortium_admin", None),
            ("tutor@demo.partneriaeth.cymru", "chair", 0),
            ("head@demo.partneriaeth.cymru", "representative", 0),
        ],
    },
    {
        "slug": "regional-consortia",
        "name": "Regional Consortia Joint Working",
        "name_cy": "Cydweithio'r Consortia Rhanbarthol",
        "kind": "regional_consortium",
        "partnerships": [
            ("Cross-regional Joint Plan", "Cynllun ar y Cyd Trawsranbarthol", "strategic",
             "GwE, ERW, EAS and CSC working to one joint plan of projects, each sponsored by a "
             "consortium lead, for consistent, high-quality provision across Wales."),
        ],
        "roles": [
            ("admin@demo.partneriaeth.cymru", "consortium_admin", None),
            ("chair@demo.partneriaeth.cymru", "chair", 0),
        ],
    },
]

# --- Organisations, memberships, lists and groups (seeds 000, 001, 002, 004) -------------------
# kind, name, name_cy, phase, school code, local authority name, {academic year: (pupils, budget)}
ORGANISATIONS = {
    "taf-valley-schools": [
        ("local_authority", "Taf Valley Council", "Cyngor Cwm Taf", "", "", "", {}),
        ("school", "Ysgol Gynradd Cwm Glas", "Ysgol Gynradd Cwm Glas", "primary", "6742011", "Taf Valley Council",
         {2025: (212, "1043500.00"), 2026: (218, "1071200.00")}),
        ("school", "Parc Primary School", "Ysgol Gynradd y Parc", "primary", "6742023", "Taf Valley Council",
         {2025: (346, "1590300.00"), 2026: (339, "1602750.00")}),
        ("school", "Ysgol Gymraeg Bryn Taf", "Ysgol Gymraeg Bryn Taf", "primary", "6742035", "Taf Valley Council",
         {2025: (289, "1311900.00"), 2026: (301, "1368400.00")}),
        ("school", "St Illtyd's RC Primary School", "Ysgol Gynradd Gatholig Sant Illtud", "primary", "6743307",
         "Taf Valley Council", {2025: (158, "812600.00"), 2026: (161, "829900.00")}),
        ("school", "Maes-y-Coed Primary School", "Ysgol Gynradd Maes-y-Coed", "primary", "6742047",
         "Taf Valley Council", {2025: (402, "1822000.00"), 2026: (395, "1840500.00")}),
        ("school", "Llwyncelyn Primary School", "Ysgol Gynradd Llwyncelyn", "primary", "6742059",
         "Taf Valley Council", {2025: (127, "688400.00"), 2026: (133, "702100.00")}),
    ],
    "uscet-cymru": [
        ("hei", "Cardiff Metropolitan University", "Prifysgol Metropolitan Caerdydd", "", "", "", {}),
        ("hei", "Bangor University", "Prifysgol Bangor", "", "", "", {}),
        ("hei", "Aberystwyth University", "Prifysgol Aberystwyth", "", "", "", {}),
        ("hei", "University of South Wales", "Prifysgol De Cymru", "", "", "", {}),
        ("hei", "The Open University in Wales", "Y Brifysgol Agored yng Nghymru", "", "", "", {}),
        ("regional_consortium", "GwE", "GwE", "", "", "", {}),
        ("regional_consortium", "EAS", "EAS", "", "", "", {}),
        ("regional_consortium", "CSC", "CSC", "", "", "", {}),
        ("professional_body", "Welsh Government", "Llywodraeth Cymru", "", "", "", {}),
        ("professional_body", "Education Workforce Council", "Cyngor y Gweithlu Addysg", "", "", "", {}),
        ("professional_body", "Estyn", "Estyn", "", "", "", {}),
    ],
    "exceed-hub": [
        ("trust", "Exceed Academies Trust", "Ymddiriedolaeth Academïau Exceed", "", "", "", {}),
        ("school", "Beckfoot Upper Heaton", "Beckfoot Upper Heaton", "secondary", "137084", "", {}),
        ("school", "Lidget Green Primary", "Lidget Green Primary", "primary", "107255", "", {}),
    ],
    "institute-ite": [
        ("hei", "Institute of Education", "Y Sefydliad Addysg", "", "", "", {}),
        ("school", "Highfields Academy", "Highfields Academy", "secondary", "138425", "", {}),
        ("school", "Riverside Community School", "Riverside Community School", "secondary", "140311", "", {}),
        ("school", "St Martin's Catholic School", "St Martin's Catholic School", "secondary", "136782", "", {}),
    ],
    "regional-consortia": [
        ("regional_consortium", "GwE", "GwE", "", "", "", {}),
        ("regional_consortium", "ERW", "ERW", "", "", "", {}),
        ("regional_consortium", "EAS", "EAS", "", "", "", {}),
        ("regional_consortium", "CSC", "CSC", "", "", "", {}),
    ],
}

# Which organisations (by name) are members of each consortium's first partnership, and who
# represents whom: (email, organisation name).
MEMBERS = {
    "taf-valley-schools": [name for kind, name, *_ in ORGANISATIONS["taf-valley-schools"] if kind == "school"],
    "uscet-cymru": [name for _kind, name, *_ in ORGANISATIONS["uscet-cymru"]],
    "exceed-hub": ["Beckfoot Upper Heaton", "Lidget Green Primary"],
    "institute-ite": ["Institute of Education", "Highfields Academy", "Riverside Community School",
                      "St Martin's Catholic School"],
    "regional-consortia": ["GwE", "ERW", "EAS", "CSC"],
}
REPRESENTS = {
    "taf-valley-schools": [("head@demo.partneriaeth.cymru", "Ysgol Gymraeg Bryn Taf")],
    "exceed-hub": [("head@demo.partneriaeth.cymru", "Lidget Green Primary")],
    "institute-ite": [("head@demo.partneriaeth.cymru", "Highfields Academy")],
}
EMPLOYERS = {
    "taf-valley-schools": [("head@demo.partneriaeth.cymru", "Ysgol Gymraeg Bryn Taf", "Headteacher"),
                           ("chair@demo.partneriaeth.cymru", "Parc Primary School", "Headteacher"),
                           ("clerk@demo.partneriaeth.cymru", "Maes-y-Coed Primary School", "School business manager"),
                           ("observer@demo.partneriaeth.cymru", "Taf Valley Council", "School improvement officer"),
                           ("finance@demo.partneriaeth.cymru", "Taf Valley Council", "Partnership finance officer")],
}

SCHOOL_PARTNERSHIP_PRINCIPLES = [
    "The overriding principle of partnership is the success and wellbeing of the children educated within "
    "our schools.",
    "The partnership operates with an expectation of professional collaboration, challenge and support "
    "between members.",
    "Trust between members is essential for successful collaboration; it is engendered by confidentiality, "
    "professionalism and honesty.",
    "Data on individual pupils is shared only live at meetings and is never stored or taken away by any "
    "other party.",
]
HEADTEACHER_RESPONSIBILITIES = [
    "Commit to attend meetings, represent their school and bring experience and knowledge to the group.",
    "Facilitate staff to attend partnership meetings where necessary.",
    "Maintain professional, confidential respect and ensure that this is adhered to by all staff.",
    "Read all documents prior to meetings and consult with appropriate personnel within their school.",
    "Ensure that minutes and any reports are effectively acted upon and disseminated to their governing body "
    "and members of their school SLT as appropriate.",
    "Contribute to the development of robust and effective monitoring and performance arrangements and be "
    "open to scrutiny.",
    "Ensure that agreed projects are completed.",
    "Be available for consultation between meetings to facilitate the business of the group.",
]
USCET_PRINCIPLES = [
    "Share, communicate and adhere to the same co-constructed vision and goals.",
    "Advocate for partnership principles to be adopted by all.",
    "Have shared decision making.",
    "Have shared understanding of expectations and terms of engagement.",
    "Facilitate time and resource to build relationships and collaborative working.",
]
LISTS = {
    "taf-valley-schools": {"principle": SCHOOL_PARTNERSHIP_PRINCIPLES, "responsibility": HEADTEACHER_RESPONSIBILITIES},
    "uscet-cymru": {"principle": USCET_PRINCIPLES},
}
GROUPS = {
    "institute-ite": [
        ("Partnership Advisory Group", "advisory", "Advises on the strategic direction of the secondary partnership."),
        ("Course Management Committee", "committee", "Manages the PGCE and School Direct courses with partner "
                                                     "schools."),
        ("Science Subject Coordinating Group", "subject", "Coordinates physics, chemistry and biology training."),
        ("Mathematics Subject Coordinating Group", "subject", "Coordinates mathematics training and moderation."),
    ],
}
TERMS_OF_REFERENCE = {
    "taf-valley-schools": (
        "Headteachers meet at least three times a year to set and review the focus of school improvement. "
        "Meetings are called with seven days' notice, the agenda and resources are agreed in advance, and a "
        "chair and a note-taker circulate the action points agreed. Notes are shared with the local authority "
        "to support links between partnerships. Costs are shared between members in proportion to school "
        "budget or pupil numbers, according to the activity; leaders delivering professional development to "
        "colleagues are released for up to three hours a term without charge. An annual partnership report "
        "is agreed and shared with each governing body."
    ),
}

# --- Welsh: what the demo partnerships publish, so the Welsh pages show Welsh texts -------------------
PURPOSE_CY = {
    "USCET Cymru Strategic Partnership": (
        "Prifysgolion, ysgolion, colegau a chyrff proffesiynol (consortia rhanbarthol, Llywodraeth Cymru, "
        "CGA, Estyn) yn gwneud penderfyniadau strategol, gweithredol ac ariannol pwysig ar y cyd, yn unol ag "
        "egwyddorion partneriaeth USCET Cymru."),
    "Taf Valley Primary School Improvement Partnership": (
        "Chwe ysgol gynradd yn cymryd cyfrifoldeb am eu gwella eu hunain: her allanol reolaidd, datblygiad "
        "proffesiynol ar y cyd a phrosiectau a gytunwyd, dan arweiniad y penaethiaid."),
}
SCHOOL_PARTNERSHIP_PRINCIPLES_CY = [
    "Prif egwyddor y bartneriaeth yw llwyddiant a lles y plant a addysgir yn ein hysgolion.",
    "Mae'r bartneriaeth yn disgwyl cydweithio, her a chefnogaeth broffesiynol rhwng yr aelodau.",
    "Mae ymddiriedaeth rhwng aelodau yn hanfodol i gydweithio'n llwyddiannus; fe'i meithrinir drwy "
    "gyfrinachedd, proffesiynoldeb a gonestrwydd.",
    "Dim ond yn fyw mewn cyfarfodydd y rhennir data am ddisgyblion unigol, ac nid yw unrhyw barti arall byth "
    "yn ei gadw na'i gymryd ymaith.",
]
HEADTEACHER_RESPONSIBILITIES_CY = [
    "Ymrwymo i fynychu cyfarfodydd, cynrychioli eu hysgol a dod â phrofiad a gwybodaeth i'r grŵp.",
    "Galluogi staff i fynychu cyfarfodydd y bartneriaeth lle bo angen.",
    "Cynnal parch proffesiynol a chyfrinachol a sicrhau bod pob aelod o staff yn cadw ato.",
    "Darllen pob dogfen cyn cyfarfodydd ac ymgynghori â'r staff priodol yn eu hysgol.",
    "Sicrhau y gweithredir ar gofnodion ac adroddiadau a'u bod yn cael eu rhannu â'u corff llywodraethu ac "
    "aelodau o uwch dîm arwain yr ysgol fel y bo'n briodol.",
    "Cyfrannu at ddatblygu trefniadau monitro a pherfformiad cadarn ac effeithiol a bod yn agored i graffu.",
    "Sicrhau bod y prosiectau a gytunwyd yn cael eu cwblhau.",
    "Bod ar gael i ymgynghori rhwng cyfarfodydd er mwyn hwyluso busnes y grŵp.",
]
USCET_PRINCIPLES_CY = [
    "Rhannu, cyfathrebu a chadw at yr un weledigaeth a'r un nodau a luniwyd ar y cyd.",
    "Hyrwyddo egwyddorion partneriaeth i bawb eu mabwysiadu.",
    "Gwneud penderfyniadau ar y cyd.",
    "Cael dealltwriaeth gyffredin o'r disgwyliadau a'r telerau ymgysylltu.",
    "Rhoi amser ac adnoddau i feithrin perthnasoedd a chydweithio.",
]
LISTS_CY = {
    "taf-valley-schools": {"principle": SCHOOL_PARTNERSHIP_PRINCIPLES_CY,
                           "responsibility": HEADTEACHER_RESPONSIBILITIES_CY},
    "uscet-cymru": {"principle": USCET_PRINCIPLES_CY},
}
TERMS_OF_REFERENCE_CY = {
    "taf-valley-schools": (
        "Mae'r penaethiaid yn cwrdd o leiaf dair gwaith y flwyddyn i osod ac adolygu ffocws gwella ysgolion. "
        "Caiff cyfarfodydd eu galw â saith diwrnod o rybudd, cytunir ar yr agenda a'r adnoddau ymlaen llaw, ac "
        "mae cadeirydd a chofnodwr yn rhannu'r pwyntiau gweithredu a gytunwyd. Caiff y nodiadau eu rhannu â'r "
        "awdurdod lleol i gefnogi cysylltiadau rhwng partneriaethau. Rhennir costau rhwng yr aelodau yn ôl "
        "cyllideb yr ysgol neu nifer y disgyblion, yn ôl y gweithgaredd; caiff arweinwyr sy'n cyflwyno "
        "datblygiad proffesiynol i gydweithwyr eu rhyddhau am hyd at dair awr y tymor heb dâl. Cytunir ar "
        "adroddiad blynyddol y bartneriaeth a'i rannu â phob corff llywodraethu."
    ),
}
