"""REST API for budgets, costed activities, shares, charges and payments.

Tenancy and declared permissions come from `consortia.api`. Reads follow the pages' rule: budgets and
activities of the partnerships the person has a role in; charges, shares and payments of every school
where they manage or approve money (or the books are open), and their own school's elsewhere. Every
write goes through `finance.services`, so segregation of duties and the interest checks apply here too.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consortia.api import MEMBER, ConsortiumViewSetMixin, TenantModelSerializer
from consortia.dates import FINANCE as FINANCE_DATES
from partnerships.models import Partnership
from partnerships.selectors import visible_partnerships

from . import selectors, services
from .access import APPROVE, MANAGE, money_visibility, viewer_for
from .models import Budget, Charge, CostedActivity, CostShare, Payment


class FinancePerm:
    """A finance permission, decided on the row's partnership (a budget's, or its budget's)."""

    def __init__(self, perm: str):
        self.perm = perm

    def __repr__(self) -> str:
        return f"FinancePerm({self.perm!r})"

    def allows(self, request, view) -> bool:
        return True  # the membership was checked with the consortium; the partnership decides

    def allows_object(self, request, view, obj) -> bool:
        if isinstance(obj, Partnership):
            partnership = obj
        elif isinstance(obj, Budget):
            partnership = obj.partnership
        else:
            partnership = obj.budget.partnership
        partnership.consortium = view.consortium
        return viewer_for(request.user, partnership).has(self.perm)


MANAGING = FinancePerm(MANAGE)
APPROVING = FinancePerm(APPROVE)


def _partnership_ids(view):
    return visible_partnerships(view.request.user, view.consortium).values("pk")


# --- Budgets ---------------------------------------------------------------------------------------------

class BudgetSerializer(TenantModelSerializer):
    class Meta:
        model = Budget
        fields = ["id", "partnership", "year", "year_basis", "starts_on", "ends_on", "holder", "administrator",
                  "notes"]
        read_only_fields = ["year_basis", "starts_on", "ends_on"]


class BudgetUpdateSerializer(BudgetSerializer):
    class Meta(BudgetSerializer.Meta):
        read_only_fields = ["partnership", "year", "year_basis", "starts_on", "ends_on"]


class BudgetViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Budgets of the partnerships the person has a role in; `summary` gives planned against actual."""

    model = Budget
    serializer_class = BudgetSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "create": MANAGING, "update": MANAGING,
                          "partial_update": MANAGING, "summary": MEMBER}
    filterset_fields = ["partnership", "year"]
    ordering = ["-starts_on", "pk"]

    def get_tenant_queryset(self):
        return Budget.objects.filter(partnership__in=_partnership_ids(self)).select_related("partnership")

    def get_serializer_class(self):
        return BudgetUpdateSerializer if self.action in ("update", "partial_update") else BudgetSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        partnership = data.pop("partnership")
        self.check_object_permissions(self.request, partnership)
        serializer.instance = services.budget_create(partnership=partnership, by=self.request.user, **data)

    def perform_update(self, serializer):
        budget = serializer.instance
        data = {"holder": budget.holder, "administrator": budget.administrator, "notes": budget.notes,
                **{k: v for k, v in serializer.validated_data.items() if k in ("holder", "administrator", "notes")}}
        serializer.instance = services.budget_update(budget=budget, by=self.request.user, **data)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True)
    def summary(self, request, *args, **kwargs):
        """Planned against actual, line by line, and the year's totals (in pence)."""
        summary = selectors.budget_summary(self.get_object())

        def rows(lines):
            return [{"line": row.line.pk if row.line else None, "label": row.label, "planned_pence": row.planned_pence,
                     "actual_pence": row.actual_pence} for row in lines]

        return Response({"income": rows(summary.income), "spending": rows(summary.spending),
                         "charged_pence": summary.charged_pence, "received_pence": summary.received_pence,
                         "committed_pence": summary.committed_pence, "paid_out_pence": summary.paid_out_pence})


# --- Activities and shares --------------------------------------------------------------------------------

class ActivitySerializer(TenantModelSerializer):
    class Meta:
        model = CostedActivity
        fields = ["id", "budget", "title", "title_cy", "kind", "description", "held_on", "cost_pence", "basis",
                  "academic_year", "budget_line"]
        extra_kwargs = {"academic_year": {"required": False}}


class ActivityViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Costed activities. `share` shares the cost to the penny; `raise-charges` raises draft charges."""

    model = CostedActivity
    serializer_class = ActivitySerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "create": MANAGING, "update": MANAGING,
                          "partial_update": MANAGING, "share": MANAGING, "raise_charges": MANAGING}
    filterset_fields = ["budget", "basis", "kind"]
    ordering = ["pk"]

    def get_tenant_queryset(self):
        return CostedActivity.objects.filter(budget__partnership__in=_partnership_ids(self)).select_related(
            "budget__partnership")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        budget = data.pop("budget")
        self.check_object_permissions(self.request, budget)
        serializer.instance = services.activity_create(budget=budget, by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("budget", None)
        serializer.instance = services.activity_update(activity=serializer.instance, by=self.request.user, **data)

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"])
    def share(self, request, *args, **kwargs):
        calculation = services.activity_share(activity=self.get_object(), by=request.user)
        return Response({"calculation": calculation.number, "shares": [
            {"organisation": s.organisation_id, "amount_pence": s.amount_pence, "weight": s.weight}
            for s in calculation.shares.order_by("organisation_id")]})

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"], url_path="raise-charges")
    def raise_charges(self, request, *args, **kwargs):
        charges = services.activity_charges_raise(activity=self.get_object(), by=request.user)
        return Response({"charges": [c.pk for c in charges]}, status=201)


class ShareSerializer(serializers.ModelSerializer):
    activity = serializers.IntegerField(source="calculation.activity_id", read_only=True)
    delivery = serializers.IntegerField(source="calculation.delivery_id", read_only=True, allow_null=True)
    basis = serializers.CharField(source="calculation.basis", read_only=True)
    total_weight = serializers.IntegerField(source="calculation.total_weight", read_only=True)
    cost_pence = serializers.IntegerField(source="calculation.cost_pence", read_only=True)
    algorithm = serializers.CharField(source="calculation.algorithm", read_only=True)

    class Meta:
        model = CostShare
        fields = ["id", "activity", "delivery", "organisation", "amount_pence", "weight", "total_weight",
                  "cost_pence", "basis", "source_year", "source_academic_year", "algorithm"]
        read_only_fields = fields


class ShareViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   viewsets.GenericViewSet):
    """Current shares, each with the weight and figures it was worked out from."""

    model = CostShare
    serializer_class = ShareSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER}
    filterset_fields = ["organisation", "calculation__activity"]
    ordering = ["pk"]

    def get_tenant_queryset(self):
        visible = money_visibility(self.request.user, self.consortium,
                                   partnership_field="calculation__activity__budget__partnership_id",
                                   organisation_field="organisation_id")
        return CostShare.objects.filter(visible, calculation__is_current=True).select_related("calculation")


# --- Charges -------------------------------------------------------------------------------------------------

class ChargeSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Charge
        fields = ["id", "reference", "budget", "organisation", "kind", "status", "activity", "share", "delivery",
                  "reverses", "replaces", "description", "amount_pence", "purchase_order_ref", "raised_by",
                  "raised_at", "approved_by", "issued_at", "paid_on", "payment_reference", "reason"]
        read_only_fields = fields


class CreditSerializer(serializers.Serializer):
    reason = serializers.CharField()
    replacement_pence = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class PaidSerializer(serializers.Serializer):
    paid_on = serializers.DateField(validators=[FINANCE_DATES])
    payment_reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


class PurchaseOrderSerializer(serializers.Serializer):
    purchase_order_ref = serializers.CharField(allow_blank=True, max_length=60)


class MoneyReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SchoolOrManager(FinancePerm):
    """The school's own representative, or the finance administrator (a purchase order number)."""

    def allows_object(self, request, view, obj) -> bool:
        obj.budget.partnership.consortium = view.consortium
        viewer = viewer_for(request.user, obj.budget.partnership)
        return viewer.can_manage or obj.organisation_id in viewer.organisation_ids


class ChargeViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    viewsets.GenericViewSet):
    """Charges and credit notes, raised from shares (see activities) and changed only by their actions."""

    model = Charge
    serializer_class = ChargeSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "approve": APPROVING, "cancel": MANAGING,
                          "credit": MANAGING, "mark_paid": MANAGING,
                          "purchase_order": SchoolOrManager("partnerships.manage_finance")}
    filterset_fields = ["budget", "organisation", "status", "kind", "activity"]
    ordering = ["pk"]

    def get_tenant_queryset(self):
        visible = money_visibility(self.request.user, self.consortium, partnership_field="budget__partnership_id",
                                   organisation_field="organisation_id")
        return Charge.objects.filter(visible).select_related("budget__partnership")

    def _answer(self, charge):
        return Response(ChargeSerializer(charge, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=ChargeSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        """Approve a draft (issue it). Refused for the person who raised it, or one with an interest."""
        return self._answer(services.charge_approve(charge=self.get_object(), by=request.user))

    @extend_schema(request=MoneyReasonSerializer, responses=ChargeSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        body = MoneyReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(services.charge_cancel(charge=self.get_object(), by=request.user, **body.validated_data))

    @extend_schema(request=CreditSerializer, responses=ChargeSerializer(many=True))
    @action(detail=True, methods=["post"])
    def credit(self, request, *args, **kwargs):
        """A draft credit note for an issued charge, and a corrected charge when `replacement_pence` is given."""
        body = CreditSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        made = services.charge_credit(charge=self.get_object(), by=request.user, **body.validated_data)
        return Response(ChargeSerializer([c for c in made if c], many=True,
                                         context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=PaidSerializer, responses=ChargeSerializer)
    @action(detail=True, methods=["post"], url_path="mark-paid")
    def mark_paid(self, request, *args, **kwargs):
        body = PaidSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(services.charge_mark_paid(charge=self.get_object(), by=request.user,
                                                      **body.validated_data))

    @extend_schema(request=PurchaseOrderSerializer, responses=ChargeSerializer)
    @action(detail=True, methods=["post"], url_path="purchase-order")
    def purchase_order(self, request, *args, **kwargs):
        body = PurchaseOrderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(services.charge_record_purchase_order(charge=self.get_object(), by=request.user,
                                                                  **body.validated_data))


# --- Payments -----------------------------------------------------------------------------------------------

class PaymentSerializer(TenantModelSerializer):
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = Payment
        fields = ["id", "reference", "budget", "payee", "kind", "budget_line", "activity", "description",
                  "amount_pence", "invoice_ref", "status", "requested_by", "requested_at", "approved_by",
                  "approved_at", "paid_on", "payment_reference", "reason"]
        read_only_fields = ["status", "requested_by", "requested_at", "approved_by", "approved_at", "paid_on",
                            "payment_reference", "reason"]


class PaymentPaidSerializer(serializers.Serializer):
    paid_on = serializers.DateField(validators=[FINANCE_DATES])
    payment_reference = serializers.CharField(max_length=100)


class PaymentViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Payments out of the budget. A payee school's representative sees what it is owed."""

    model = Payment
    serializer_class = PaymentSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "create": MANAGING, "approve": APPROVING,
                          "mark_paid": MANAGING, "cancel": MANAGING}
    filterset_fields = ["budget", "payee", "status", "kind"]
    ordering = ["pk"]

    def get_tenant_queryset(self):
        visible = money_visibility(self.request.user, self.consortium, partnership_field="budget__partnership_id",
                                   organisation_field="payee_id")
        return Payment.objects.filter(visible).select_related("budget__partnership")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        budget = data.pop("budget")
        self.check_object_permissions(self.request, budget)
        serializer.instance = services.payment_request(budget=budget, by=self.request.user, **data)

    def _answer(self, payment):
        return Response(PaymentSerializer(payment, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=PaymentSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        return self._answer(services.payment_approve(payment=self.get_object(), by=request.user))

    @extend_schema(request=PaymentPaidSerializer, responses=PaymentSerializer)
    @action(detail=True, methods=["post"], url_path="mark-paid")
    def mark_paid(self, request, *args, **kwargs):
        body = PaymentPaidSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(services.payment_mark_paid(payment=self.get_object(), by=request.user,
                                                       **body.validated_data))

    @extend_schema(request=MoneyReasonSerializer, responses=PaymentSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        body = MoneyReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(services.payment_cancel(payment=self.get_object(), by=request.user,
                                                    **body.validated_data))


def register(router) -> None:
    router.register("budgets", BudgetViewSet, basename="budget")
    router.register("activities", ActivityViewSet, basename="activity")
    router.register("shares", ShareViewSet, basename="share")
    router.register("charges", ChargeViewSet, basename="charge")
    router.register("payments", PaymentViewSet, basename="payment")
