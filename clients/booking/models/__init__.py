"""Contains all the data models used in inputs/outputs"""

from .appointment_answer import AppointmentAnswer
from .appointment_answer_status import AppointmentAnswerStatus
from .appointment_page import AppointmentPage
from .audit_answer import AuditAnswer
from .audit_answer_details import AuditAnswerDetails
from .audit_page import AuditPage
from .booking_request import BookingRequest
from .cancel_mine_problem_409 import CancelMineProblem409
from .cancel_mine_problem_409_code import CancelMineProblem409Code
from .cancel_mine_problem_422 import CancelMineProblem422
from .cancel_mine_problem_422_code import CancelMineProblem422Code
from .cancel_request import CancelRequest
from .clinic_answer import ClinicAnswer
from .clinic_page import ClinicPage
from .clinic_problem_404 import ClinicProblem404
from .clinic_problem_404_code import ClinicProblem404Code
from .clinic_problem_422 import ClinicProblem422
from .clinic_problem_422_code import ClinicProblem422Code
from .clinics_problem_422 import ClinicsProblem422
from .clinics_problem_422_code import ClinicsProblem422Code
from .clinics_problem_503 import ClinicsProblem503
from .clinics_problem_503_code import ClinicsProblem503Code
from .closure_answer import ClosureAnswer
from .closure_in_force import ClosureInForce
from .closure_page import ClosurePage
from .closure_request import ClosureRequest
from .condition_answer import ConditionAnswer
from .create_problem_400 import CreateProblem400
from .create_problem_400_code import CreateProblem400Code
from .create_problem_409 import CreateProblem409
from .create_problem_409_code import CreateProblem409Code
from .create_problem_422 import CreateProblem422
from .create_problem_422_code import CreateProblem422Code
from .get_one_problem_404 import GetOneProblem404
from .get_one_problem_404_code import GetOneProblem404Code
from .guide_answer import GuideAnswer
from .guide_need import GuideNeed
from .guide_result_answer import GuideResultAnswer
from .guide_result_problem_403 import GuideResultProblem403
from .guide_result_problem_403_code import GuideResultProblem403Code
from .guide_result_problem_404 import GuideResultProblem404
from .guide_result_problem_404_code import GuideResultProblem404Code
from .guide_result_problem_503 import GuideResultProblem503
from .guide_result_problem_503_code import GuideResultProblem503Code
from .guided_time_type import GuidedTimeType
from .guided_time_type_rules import GuidedTimeTypeRules
from .hold_answer import HoldAnswer
from .hold_problem_400 import HoldProblem400
from .hold_problem_400_code import HoldProblem400Code
from .hold_problem_403 import HoldProblem403
from .hold_problem_403_code import HoldProblem403Code
from .hold_problem_404 import HoldProblem404
from .hold_problem_404_code import HoldProblem404Code
from .hold_problem_409 import HoldProblem409
from .hold_problem_409_code import HoldProblem409Code
from .hold_problem_422 import HoldProblem422
from .hold_problem_422_code import HoldProblem422Code
from .hold_problem_503 import HoldProblem503
from .hold_problem_503_code import HoldProblem503Code
from .hold_request import HoldRequest
from .phone_booking_problem_409 import PhoneBookingProblem409
from .phone_booking_problem_409_code import PhoneBookingProblem409Code
from .phone_booking_problem_422 import PhoneBookingProblem422
from .phone_booking_problem_422_code import PhoneBookingProblem422Code
from .problem_401 import Problem401
from .problem_401_code import Problem401Code
from .problem_408 import Problem408
from .problem_408_code import Problem408Code
from .problem_413 import Problem413
from .problem_413_code import Problem413Code
from .problem_429 import Problem429
from .problem_429_code import Problem429Code
from .problem_500 import Problem500
from .problem_500_code import Problem500Code
from .reopen_answer import ReopenAnswer
from .reopen_problem_404 import ReopenProblem404
from .reopen_problem_404_code import ReopenProblem404Code
from .reschedule_mine_problem_404 import RescheduleMineProblem404
from .reschedule_mine_problem_404_code import RescheduleMineProblem404Code
from .reschedule_mine_problem_409 import RescheduleMineProblem409
from .reschedule_mine_problem_409_code import RescheduleMineProblem409Code
from .reschedule_mine_problem_422 import RescheduleMineProblem422
from .reschedule_mine_problem_422_code import RescheduleMineProblem422Code
from .reschedule_request import RescheduleRequest
from .reschedule_targets_problem_422 import RescheduleTargetsProblem422
from .reschedule_targets_problem_422_code import RescheduleTargetsProblem422Code
from .rollout_answer import RolloutAnswer
from .rollout_request import RolloutRequest
from .search_problem_400 import SearchProblem400
from .search_problem_400_code import SearchProblem400Code
from .search_problem_422 import SearchProblem422
from .search_problem_422_code import SearchProblem422Code
from .slot_answer import SlotAnswer
from .slot_page import SlotPage
from .staff_appointment_answer import StaffAppointmentAnswer
from .staff_appointment_answer_status import StaffAppointmentAnswerStatus
from .staff_appointment_page import StaffAppointmentPage
from .staff_booking_request import StaffBookingRequest
from .staff_cancel_problem_422 import StaffCancelProblem422
from .staff_cancel_problem_422_code import StaffCancelProblem422Code
from .staff_link_booking_problem_422 import StaffLinkBookingProblem422
from .staff_link_booking_problem_422_code import StaffLinkBookingProblem422Code
from .staff_link_booking_request import StaffLinkBookingRequest
from .time_type_answer import TimeTypeAnswer
from .time_type_answer_rules import TimeTypeAnswerRules
from .time_type_page import TimeTypePage
from .time_type_problem_404 import TimeTypeProblem404
from .time_type_problem_404_code import TimeTypeProblem404Code
from .web_booking_closed_page import WebBookingClosedPage

__all__ = (
    "AppointmentAnswer",
    "AppointmentAnswerStatus",
    "AppointmentPage",
    "AuditAnswer",
    "AuditAnswerDetails",
    "AuditPage",
    "BookingRequest",
    "CancelMineProblem409",
    "CancelMineProblem409Code",
    "CancelMineProblem422",
    "CancelMineProblem422Code",
    "CancelRequest",
    "ClinicAnswer",
    "ClinicPage",
    "ClinicProblem404",
    "ClinicProblem404Code",
    "ClinicProblem422",
    "ClinicProblem422Code",
    "ClinicsProblem422",
    "ClinicsProblem422Code",
    "ClinicsProblem503",
    "ClinicsProblem503Code",
    "ClosureAnswer",
    "ClosureInForce",
    "ClosurePage",
    "ClosureRequest",
    "ConditionAnswer",
    "CreateProblem400",
    "CreateProblem400Code",
    "CreateProblem409",
    "CreateProblem409Code",
    "CreateProblem422",
    "CreateProblem422Code",
    "GetOneProblem404",
    "GetOneProblem404Code",
    "GuideAnswer",
    "GuidedTimeType",
    "GuidedTimeTypeRules",
    "GuideNeed",
    "GuideResultAnswer",
    "GuideResultProblem403",
    "GuideResultProblem403Code",
    "GuideResultProblem404",
    "GuideResultProblem404Code",
    "GuideResultProblem503",
    "GuideResultProblem503Code",
    "HoldAnswer",
    "HoldProblem400",
    "HoldProblem400Code",
    "HoldProblem403",
    "HoldProblem403Code",
    "HoldProblem404",
    "HoldProblem404Code",
    "HoldProblem409",
    "HoldProblem409Code",
    "HoldProblem422",
    "HoldProblem422Code",
    "HoldProblem503",
    "HoldProblem503Code",
    "HoldRequest",
    "PhoneBookingProblem409",
    "PhoneBookingProblem409Code",
    "PhoneBookingProblem422",
    "PhoneBookingProblem422Code",
    "Problem401",
    "Problem401Code",
    "Problem408",
    "Problem408Code",
    "Problem413",
    "Problem413Code",
    "Problem429",
    "Problem429Code",
    "Problem500",
    "Problem500Code",
    "ReopenAnswer",
    "ReopenProblem404",
    "ReopenProblem404Code",
    "RescheduleMineProblem404",
    "RescheduleMineProblem404Code",
    "RescheduleMineProblem409",
    "RescheduleMineProblem409Code",
    "RescheduleMineProblem422",
    "RescheduleMineProblem422Code",
    "RescheduleRequest",
    "RescheduleTargetsProblem422",
    "RescheduleTargetsProblem422Code",
    "RolloutAnswer",
    "RolloutRequest",
    "SearchProblem400",
    "SearchProblem400Code",
    "SearchProblem422",
    "SearchProblem422Code",
    "SlotAnswer",
    "SlotPage",
    "StaffAppointmentAnswer",
    "StaffAppointmentAnswerStatus",
    "StaffAppointmentPage",
    "StaffBookingRequest",
    "StaffCancelProblem422",
    "StaffCancelProblem422Code",
    "StaffLinkBookingProblem422",
    "StaffLinkBookingProblem422Code",
    "StaffLinkBookingRequest",
    "TimeTypeAnswer",
    "TimeTypeAnswerRules",
    "TimeTypePage",
    "TimeTypeProblem404",
    "TimeTypeProblem404Code",
    "WebBookingClosedPage",
)
