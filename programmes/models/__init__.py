"""The programmes app's models, one module per area; each area's models are re-exported here.

ITE trainees and placements, and cross-regional joint plans, come as new modules beside these.
"""

from .assessment import AssessmentAttempt, AssessmentWindow
from .attendance import Attendance, AttendanceImport
from .enrolments import (
    CoachingCycle,
    EmployerCommitment,
    Enrolment,
    EnrolmentStatusChange,
    Mentorship,
    ParticipantRole,
    SchoolPeriod,
    StaffingChange,
    Status,
)
from .events import Event, Feedback
from .fellows import (
    BriefingAttendance,
    FacilitationAssignment,
    FacilitationRecord,
    FacilitatorBriefing,
    QAObservation,
    TrainingAttendance,
    TrainingDay,
)
from .ite import (
    ContrastAttribute,
    Mentor,
    MentorTraining,
    Placement,
    PlacementOffer,
    PlacementRules,
    Route,
    Subject,
    Term,
    Trainee,
    TraineeState,
    TraineeStatusChange,
)
from .ite_qa import QualityVisit, QualityVisitAction, SchoolAssessmentRecord
from .plans import Aim, JointPlan, Milestone, ProgressUpdate, Project, ProjectMember, ProjectStatus, WorkStream
from .programmes import (
    Cohort,
    CohortUserObjectPermission,
    Course,
    Jurisdiction,
    Programme,
    ProgrammeRole,
    ProgrammeUserObjectPermission,
)

__all__ = [
    "AssessmentAttempt", "AssessmentWindow", "Attendance", "AttendanceImport", "BriefingAttendance",
    "CoachingCycle", "Cohort", "CohortUserObjectPermission", "Course", "EmployerCommitment", "Enrolment",
    "EnrolmentStatusChange", "Event", "FacilitationAssignment", "FacilitationRecord", "FacilitatorBriefing",
    "Feedback", "Jurisdiction", "Mentorship", "ParticipantRole", "Programme", "ProgrammeRole",
    "ProgrammeUserObjectPermission", "QAObservation", "SchoolPeriod", "StaffingChange", "Status",
    "TrainingAttendance", "TrainingDay",
    # ITE and joint plans
    "Aim", "ContrastAttribute", "JointPlan", "Mentor", "MentorTraining", "Milestone", "Placement", "PlacementOffer",
    "PlacementRules", "ProgressUpdate", "Project", "ProjectMember", "ProjectStatus", "Route", "Subject", "Term",
    "Trainee", "TraineeState", "TraineeStatusChange", "WorkStream",
    "QualityVisit", "QualityVisitAction", "SchoolAssessmentRecord",
]
