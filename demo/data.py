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
