"""The demo agreement: Exceed Teaching School Hub's partnership agreement (shared/seeds/003).

`seed_demo` calls `seed_demo_agreements`; running it again changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from partnerships.models import Partnership

from .models import AgreementTemplate, AgreementVersion, BoundRole
from .services import section_save, template_create, version_draft_next, version_publish

CONSORTIUM_SLUG = "exceed-hub"
PARTNERSHIP_NAME = "Exceed ECT and NPQ Programmes"
TITLE = "Partnership agreement"
TITLE_CY = "Cytundeb partneriaeth"
HUB = "Exceed Teaching School Hub"
HUB_CY = "Hyb Ysgolion Addysgu Exceed"
POLICIES = "www.teachingschoolhub.co.uk/policies"

INTRO = f"""This agreement is between {HUB}, participants (and their school/trust) and Visiting Fellows of the \
Early Career Teachers programme and the suite of National Professional Qualifications. This agreement and related \
policies are available at {POLICIES}.

Your data will be uploaded onto Insightly Customer Relation Management System to smoothly manage all stakeholders' \
experience.

Participants and Visiting Fellows must confirm their acceptance of the agreement online.

Visiting Fellows are school/trust teachers/leaders who facilitate virtual and/or face-to-face events on the Early \
Career Teacher programme and/or National Professional Qualifications.

Policies: participants and schools can access {HUB} (Exceed Academies Trust) and Ambition Institute policies at \
{POLICIES}."""

INTRO_CY = f"""Mae'r cytundeb hwn rhwng {HUB_CY}, cyfranogwyr (a'u hysgol/ymddiriedolaeth) a Chymrodyr Gwadd \
rhaglen yr Athrawon Gyrfa Gynnar a chyfres y Cymwysterau Proffesiynol Cenedlaethol. Mae'r cytundeb hwn a'r polisïau \
cysylltiedig ar gael yn {POLICIES}.

Bydd eich data'n cael ei lanlwytho i system rheoli cysylltiadau cwsmeriaid Insightly er mwyn rheoli profiad pawb \
sy'n rhan o'r rhaglenni yn hwylus.

Rhaid i gyfranogwyr a Chymrodyr Gwadd gadarnhau ar-lein eu bod yn derbyn y cytundeb.

Athrawon neu arweinwyr ysgolion ac ymddiriedolaethau yw Cymrodyr Gwadd, sy'n hwyluso digwyddiadau rhithwir a/neu \
wyneb yn wyneb ar raglen yr Athrawon Gyrfa Gynnar a/neu'r Cymwysterau Proffesiynol Cenedlaethol.

Polisïau: gall cyfranogwyr ac ysgolion weld polisïau {HUB_CY} (Ymddiriedolaeth Academïau Exceed) ac Ambition \
Institute yn {POLICIES}."""

_LOGISTICS = f"Informing {HUB} of any logistical issues: tshub@exceedacademiestrust.co.uk"
_LOGISTICS_CY = f"Rhoi gwybod i {HUB_CY} am unrhyw broblemau logistaidd: tshub@exceedacademiestrust.co.uk"
_ONBOARD = "Onboarding via My Ambition (https://www.my.ambition.org.uk/s/login/) prior to the programme commencing"
_ONBOARD_CY = "Ymuno drwy My Ambition (https://www.my.ambition.org.uk/s/login/) cyn i'r rhaglen ddechrau"
_SURVEYS, _SURVEYS_CY = "Engage with all satisfaction surveys", "Ymateb i bob arolwg boddhad"
_HANDBOOK = "Fulfilling all the programme requirements as set out in the programme handbook(s)"
_HANDBOOK_CY = "Cyflawni holl ofynion y rhaglen fel y'u nodir yn llawlyfr(au)'r rhaglen"
_LEADERS = ("Ensuring school/trust leaders are aware of the partnership agreement and the requirements for "
            "successful engagement")
_LEADERS_CY = ("Sicrhau bod arweinwyr yr ysgol/ymddiriedolaeth yn ymwybodol o'r cytundeb partneriaeth a'r gofynion "
               "ar gyfer ymgysylltu llwyddiannus")
_STAFFING = f"Inform {HUB} of any staffing changes relating to the programme"
_STAFFING_CY = f"Rhoi gwybod i {HUB_CY} am unrhyw newidiadau staffio sy'n ymwneud â'r rhaglen"

# (role, heading, Welsh heading, [(commitment, Welsh commitment), ...]) in the seed's order.
SECTIONS = [
    (BoundRole.SCHOOL, "Early Career Teacher programme: schools commit to",
     "Rhaglen yr Athrawon Gyrfa Gynnar: mae ysgolion yn ymrwymo i", [
         ("Registering the ECT and Induction Coordinator on the DfE Portal prior to commencing the programme: "
          "https://manage-training-for-early-career-teachers.education.gov.uk",
          "Cofrestru'r ECT a'r Cydlynydd Sefydlu ar Borth yr Adran Addysg cyn dechrau'r rhaglen: "
          "https://manage-training-for-early-career-teachers.education.gov.uk"),
         ("Ensure their ECT is eligible for statutory induction",
          "Sicrhau bod eu ECT yn gymwys i gael sefydlu statudol"),
     ]),
    (BoundRole.PARTICIPANT,
     "Early Career Teacher programme: participants, both Early Career Teachers and Mentors, commit to",
     "Rhaglen yr Athrawon Gyrfa Gynnar: mae cyfranogwyr, yn Athrawon Gyrfa Gynnar ac yn Fentoriaid, yn ymrwymo i", [
         (_ONBOARD, _ONBOARD_CY),
         ("Engage with Steplab (via My Ambition) and its content to access training and resources",
          "Ymgysylltu â Steplab (drwy My Ambition) a'i gynnwys i gael hyfforddiant ac adnoddau"),
         (f"{_LOGISTICS}. Technical issues should be raised directly with Ambition Institute: ECT programme: "
          "ectsupport@ambition.org.uk; or for Visiting Fellows: ecfvisitingfellows@ambition.org.uk.",
          f"{_LOGISTICS_CY}. Dylid codi problemau technegol yn uniongyrchol gydag Ambition Institute: rhaglen ECT: "
          "ectsupport@ambition.org.uk; neu ar gyfer Cymrodyr Gwadd: ecfvisitingfellows@ambition.org.uk."),
         ("Attend all events", "Mynychu pob digwyddiad"),
         ("Remain engaged on the programme through attending conferences, clinics and completing online self-study",
          "Parhau i ymgysylltu â'r rhaglen drwy fynychu cynadleddau a chlinigau a chwblhau hunan-astudio ar-lein"),
         (_HANDBOOK, _HANDBOOK_CY),
         (_SURVEYS, _SURVEYS_CY),
         (f"Where agreed with {HUB}, non-attendance at a face-to-face or virtual event for exceptional and "
          "unavoidable circumstances must be caught-up through accessing a recording of the event. Upon completion "
          f"of the recording and associated activities, you must inform {HUB} so that your attendance record can be "
          "updated",
          f"Lle cytunir â {HUB_CY}, rhaid dal i fyny ar ddigwyddiad wyneb yn wyneb neu rithwir a gollwyd oherwydd "
          "amgylchiadau eithriadol ac anorfod drwy wylio recordiad o'r digwyddiad. Ar ôl gorffen y recordiad a'r "
          f"gweithgareddau cysylltiedig, rhaid i chi roi gwybod i {HUB_CY} er mwyn diweddaru eich cofnod "
          "presenoldeb"),
     ]),
    (BoundRole.MENTOR, "Mentors also commit to", "Mae mentoriaid hefyd yn ymrwymo i", [
        ("Engaging with Conferences, Clinics, and Coaching-on-Coaching sessions to support their own professional "
         "development",
         "Ymgysylltu â Chynadleddau, Clinigau a sesiynau Hyfforddi ar Hyfforddi i gefnogi eu datblygiad proffesiynol "
         "eu hunain"),
        ("Guiding ECTs through a weekly instructional coaching cycle, including setting action steps",
         "Arwain ECTs drwy gylch hyfforddi cyfarwyddiadol wythnosol, gan gynnwys pennu camau gweithredu"),
        ("In case of sickness or unforeseen circumstances, pausing the ECT's Steplab so they do not miss any "
         "important content (see Induction Lead handbook)",
         "Os bydd salwch neu amgylchiadau annisgwyl, oedi Steplab yr ECT fel na fydd yn colli cynnwys pwysig "
         "(gweler llawlyfr yr Arweinydd Sefydlu)"),
        (_STAFFING, _STAFFING_CY),
        (_LEADERS, _LEADERS_CY),
    ]),
    (BoundRole.INDUCTION_TUTOR, "The Induction Tutor commits to", "Mae'r Tiwtor Sefydlu yn ymrwymo i", [
        ("The successful implementation of the programme in the school",
         "Gweithredu'r rhaglen yn llwyddiannus yn yr ysgol"),
        ("Oversee and support the mentor and ECT in embedding the programmes",
         "Goruchwylio a chefnogi'r mentor a'r ECT i wreiddio'r rhaglenni"),
        ("Monitor ECT and mentor engagement via Steplab", "Monitro ymgysylltiad yr ECT a'r mentor drwy Steplab"),
        ("Where possible, provide Coaching on Coaching to mentors",
         "Lle bo modd, darparu Hyfforddi ar Hyfforddi i fentoriaid"),
    ]),
    (BoundRole.PARTICIPANT, "National Professional Qualifications: participants commit to",
     "Cymwysterau Proffesiynol Cenedlaethol: mae cyfranogwyr yn ymrwymo i", [
         (_ONBOARD, _ONBOARD_CY),
         ("Registering on the DfE online service prior to commencing the programme: "
          "https://registernational-professional-qualifications.education.gov.uk",
          "Cofrestru ar wasanaeth ar-lein yr Adran Addysg cyn dechrau'r rhaglen: "
          "https://registernational-professional-qualifications.education.gov.uk"),
         (_LOGISTICS, _LOGISTICS_CY),
         ("Completing the programme within 12 months (specialist NPQs) or 18 months (leadership NPQs)",
          "Cwblhau'r rhaglen o fewn 12 mis (NPQs arbenigol) neu 18 mis (NPQs arweinyddiaeth)"),
         ("Completing at least 90% of the all-programme elements, including attendance at conferences, self-study, "
          "community events, clinics, and peer support with their 'buddy'",
          "Cwblhau o leiaf 90% o holl elfennau'r rhaglen, gan gynnwys mynychu cynadleddau, hunan-astudio, "
          "digwyddiadau cymunedol, clinigau a chymorth cymheiriaid gyda'u 'cyfaill'"),
         ("Undertaking the assessment during the set assessment window at the end of the programme, including any "
          "re-takes",
          "Sefyll yr asesiad yn ystod y cyfnod asesu penodedig ar ddiwedd y rhaglen, gan gynnwys unrhyw ailsefyll"),
         (_SURVEYS, _SURVEYS_CY),
         ("Securing the commitment of their employer to be released for events during the school day",
          "Sicrhau ymrwymiad eu cyflogwr i'w rhyddhau ar gyfer digwyddiadau yn ystod y diwrnod ysgol"),
         (f"If they change employer, securing the commitment of their new employer to support them in undertaking "
          f"their NPQ with {HUB} and Ambition Institute",
          f"Os byddant yn newid cyflogwr, sicrhau ymrwymiad eu cyflogwr newydd i'w cefnogi i ddilyn eu NPQ gyda "
          f"{HUB_CY} ac Ambition Institute"),
         (_STAFFING, _STAFFING_CY),
         (_HANDBOOK, _HANDBOOK_CY),
         (_LEADERS, _LEADERS_CY),
     ]),
    (BoundRole.VISITING_FELLOW, "Visiting Fellows commit to", "Mae Cymrodyr Gwadd yn ymrwymo i", [
        ("Being fully prepared to deliver the programme (conferences, clinics, and coaching on coaching (ECT "
         "programme only)), including engaging with video briefings, Q&A sessions, and session resources (including "
         "slides)",
         "Bod yn gwbl barod i gyflwyno'r rhaglen (cynadleddau, clinigau a hyfforddi ar hyfforddi (rhaglen ECT yn "
         "unig)), gan gynnwys ymgysylltu â sesiynau briffio fideo, sesiynau holi ac ateb ac adnoddau'r sesiynau (gan "
         "gynnwys sleidiau)"),
        ("Complete pre-reading associated with the specific content as set by the Learning Design Team; this must be "
         "completed ahead of the facilitator briefing",
         "Cwblhau'r darllen ymlaen llaw ar gyfer y cynnwys penodol a osodwyd gan y Tîm Dylunio Dysgu; rhaid gwneud "
         "hyn cyn sesiwn friffio'r hwyluswyr"),
        ("Engage with the content (primer, slide deck, workbook and any other session materials) ahead of the "
         "facilitator briefing and bring any questions along to the briefing. The content will be shared three weeks "
         "prior to the event, with briefings held one to two weeks prior to an event",
         "Ymgysylltu â'r cynnwys (cyflwyniad, sleidiau, llyfr gwaith ac unrhyw ddeunyddiau sesiwn eraill) cyn sesiwn "
         "friffio'r hwyluswyr a dod ag unrhyw gwestiynau i'r sesiwn. Rhennir y cynnwys dair wythnos cyn y "
         "digwyddiad, a chynhelir sesiynau briffio wythnos i bythefnos cyn digwyddiad"),
        ("Attend the facilitator briefing prior to the event, which might last for a maximum of 90 minutes",
         "Mynychu sesiwn friffio'r hwyluswyr cyn y digwyddiad, a all bara hyd at 90 munud"),
        ("Work with the co-facilitator and any others as appropriate to ensure you are able to effectively deliver "
         "the session",
         "Gweithio gyda'r cyd-hwylusydd ac eraill fel y bo'n briodol er mwyn gallu cyflwyno'r sesiwn yn effeithiol"),
        (f"Provide any feedback as requested by {HUB} and/or Ambition Institute",
         f"Rhoi unrhyw adborth y gofynnir amdano gan {HUB_CY} a/neu Ambition Institute"),
        ("Engage with any feedback shared with you based on the observation of your facilitation and feedback "
         "received from participants",
         "Ymgysylltu ag unrhyw adborth a rennir â chi ar sail arsylwi eich hwyluso ac adborth gan gyfranogwyr"),
        (f"Act as a representative of {HUB} and Ambition Institute in your engagement and communication with all "
         "parties",
         f"Gweithredu fel cynrychiolydd {HUB_CY} ac Ambition Institute yn eich ymwneud a'ch cyfathrebu â phob parti"),
        ("Deliver Ambition Institute's programme with fidelity; contextualise content to age phase & subject phase "
         "where appropriate, draw upon experience and expertise to synthesise theory with practice",
         "Cyflwyno rhaglen Ambition Institute yn ffyddlon; addasu'r cynnwys i'r cyfnod oedran a'r pwnc lle bo'n "
         "briodol, a defnyddio profiad ac arbenigedd i gyfuno theori ac ymarfer"),
        (f"Engaging with quality assurance processes led by {HUB} and/or Ambition Institute, including observations "
         "and coaching",
         f"Ymgysylltu â phrosesau sicrhau ansawdd dan arweiniad {HUB_CY} a/neu Ambition Institute, gan gynnwys "
         "arsylwadau a hyfforddi"),
        ("Engaging with approximately two days of initial training per year, regular review meetings, and additional "
         "training if required",
         "Ymgymryd â thua dau ddiwrnod o hyfforddiant cychwynnol bob blwyddyn, cyfarfodydd adolygu rheolaidd a "
         "hyfforddiant ychwanegol os oes angen"),
        ("Engage with Ambition Institute's expert facilitators as required",
         "Ymgysylltu â hwyluswyr arbenigol Ambition Institute yn ôl yr angen"),
        ("Support programme evaluation, quality assurance, and continuous improvement planning",
         "Cefnogi gwerthuso'r rhaglen, sicrhau ansawdd a chynllunio gwelliant parhaus"),
        (f"Adhere to the {HUB} and Ambition Institute policies as appropriate",
         f"Cadw at bolisïau {HUB_CY} ac Ambition Institute fel y bo'n briodol"),
        (_HANDBOOK, _HANDBOOK_CY),
        (_LEADERS, _LEADERS_CY),
    ]),
    (BoundRole.PROVIDER, f"{HUB} and Ambition Institute commit to",
     f"Mae {HUB_CY} ac Ambition Institute yn ymrwymo i", [
         ("Supporting participants and Visiting Fellows in line with the head contract for the programmes and the "
          "partnership framework",
          "Cefnogi cyfranogwyr a Chymrodyr Gwadd yn unol â phrif gontract y rhaglenni a'r fframwaith partneriaeth"),
         ("Taking responsibility for recruitment to programmes", "Cymryd cyfrifoldeb am recriwtio i'r rhaglenni"),
         ("Delivering agreed programmes, including scheduling events, sourcing venues and other logistics, "
          "facilitating sessions, gathering and recording data, and sending communications to participants",
          "Cyflwyno'r rhaglenni a gytunwyd, gan gynnwys trefnu digwyddiadau, dod o hyd i leoliadau a threfniadau "
          "eraill, hwyluso sesiynau, casglu a chofnodi data, ac anfon gohebiaeth at gyfranogwyr"),
         ("Using Ambition Institute technology for programme delivery where specified, including the learning "
          "platform system and the Assessment platform (NPQ only)",
          "Defnyddio technoleg Ambition Institute i gyflwyno'r rhaglen lle nodir hynny, gan gynnwys y platfform "
          "dysgu a'r platfform asesu (NPQ yn unig)"),
         ("Ensuring participant data is kept up to date; monitoring engagement data and intervening where required "
          "to encourage participation",
          "Sicrhau bod data cyfranogwyr yn gyfredol; monitro data ymgysylltu ac ymyrryd lle bo angen i annog "
          "cyfranogiad"),
         ("The assessment of assignments and overseeing the assessment process (NPQ only)",
          "Asesu aseiniadau a goruchwylio'r broses asesu (NPQ yn unig)"),
         ("Recruiting high quality Visiting Fellows", "Recriwtio Cymrodyr Gwadd o ansawdd uchel"),
         ("Recruiting and training assessors (for NPQ programmes)",
          "Recriwtio a hyfforddi aseswyr (ar gyfer rhaglenni NPQ)"),
         ("Seek opportunities to improve delivery, grounded in analysis of participant feedback and data",
          "Chwilio am gyfleoedd i wella'r ddarpariaeth, ar sail dadansoddi adborth a data cyfranogwyr"),
         ("Processing payments to Visiting Fellows' schools/trusts",
          "Prosesu taliadau i ysgolion/ymddiriedolaethau'r Cymrodyr Gwadd"),
     ]),
]


def _exceed_partnership(consortium_slug_to_partnership: dict | None):
    if consortium_slug_to_partnership is None:
        return Partnership.objects.filter(consortium__slug=CONSORTIUM_SLUG, name=PARTNERSHIP_NAME).first()
    found = consortium_slug_to_partnership.get(CONSORTIUM_SLUG)
    candidates = found if isinstance(found, list | tuple) else [found]
    return next((p for p in candidates if p is not None and p.name == PARTNERSHIP_NAME), None)


@transaction.atomic
def seed_demo_agreements(consortium_slug_to_partnership: dict | None = None, *,
                         stdout=None) -> AgreementTemplate | None:
    """Create and publish version 1 of seed 003's agreement, once.

    `consortium_slug_to_partnership` maps a consortium's slug to its partnership (or list of them);
    without it the partnership is found by its slug and name. Only "exceed-hub"'s "Exceed ECT and
    NPQ Programmes" has an agreement in the seeds.
    """
    partnership = _exceed_partnership(consortium_slug_to_partnership)
    if partnership is None:
        return None
    template = AgreementTemplate.objects.filter(consortium_id=partnership.consortium_id, partnership=partnership,
                                                title=TITLE).first()
    if template is None:
        template = template_create(partnership=partnership, title=TITLE, title_cy=TITLE_CY, intro=INTRO,
                                   intro_cy=INTRO_CY)
    if template.versions.exclude(status=AgreementVersion.Status.DRAFT).exists():
        return template
    draft = version_draft_next(template=template)
    if not draft.sections.exists():
        for position, (role, heading, heading_cy, commitments) in enumerate(SECTIONS):
            section_save(version=draft, role=role, heading=heading, heading_cy=heading_cy, position=position,
                         body="\n".join(en for en, _cy in commitments),
                         body_cy="\n".join(cy for _en, cy in commitments))
    version_publish(version=draft, by=None)
    if stdout is not None:
        stdout.write(f"  Agreement published: {partnership.name} – {TITLE}, version {draft.number}")
    return template
