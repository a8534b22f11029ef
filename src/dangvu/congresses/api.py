"""API of this area, registered on the /api/v1/ router.

``POST /api/v1/elections/count/``: counts one round of an election from the JSON
of ``congresses/counting.py`` and answers the same JSON as ``dangvu
count_election --json``. It computes and stores nothing, so any signed-in user
may call it, whatever their role; bad input is a 400 with the Vietnamese message
of ``CountingError``.

The serializers below only document the shapes in the OpenAPI schema: the body
is read by ``counting.parse_request`` itself, so the API and the CLI refuse the
same input with the same words.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.accounts.authentication import SessionAuthentication, TokenAuthentication
from dangvu.api_router import router
from dangvu.congresses import counting

MARK_CHOICES = [
    ("agree", _("đồng ý")),
    ("disagree", _("không đồng ý")),
    ("both", _("đánh cả hai ô (không tính cho người đó)")),
    ("none", _("không đánh ô nào (không tính cho người đó)")),
]
REASON_HELP = _(
    "not_issued: phiếu không do Ban kiểm phiếu phát ra; too_many: bầu quá số lượng; "
    "crossed_all: gạch tên tất cả trên danh sách có số dư; one_name_unmarked: danh sách một "
    "người, đánh cả hai ô hoặc không ô nào; no_mark: danh sách nhiều người không có số dư, "
    "không đánh đúng một ô ở người nào (khi unmarked_ballot_valid là false)."
)

EXAMPLE = {
    "seats": 3,
    "denominator": 25,
    "candidates": ["Nguyễn Văn A", "Trần Thị B", "Lê Văn C", "Phạm Thị D"],
    "ballots": [
        {"kept": ["Nguyễn Văn A", "Trần Thị B", "Lê Văn C"]},
        {"kept": ["Nguyễn Văn A"], "issued": True},
        {"kept": ["Nguyễn Văn A", "Trần Thị B", "Lê Văn C", "Phạm Thị D"]},
        {"issued": False, "kept": ["Phạm Thị D"]},
    ],
}


class BallotInputSerializer(serializers.Serializer):
    """One ballot (documentation only)."""

    kept = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("Phiếu gạch tên: các tên không bị gạch, mỗi tên là một phiếu bầu."),
    )
    marks = serializers.DictField(
        child=serializers.ChoiceField(choices=MARK_CHOICES),
        required=False,
        help_text=_(
            "Chỉ với danh sách không có số dư, thay cho kept: tên → agree, disagree, both, none."
        ),
    )
    issued = serializers.BooleanField(
        default=True, help_text=_("false: phiếu không do Ban kiểm phiếu phát ra (không hợp lệ).")
    )


class ElectionCountInputSerializer(serializers.Serializer):
    """The JSON of a count (documentation only): ``ballots`` or a ``tally``, not both."""

    seats = serializers.IntegerField(min_value=1, help_text=_("Số lượng cần bầu."))
    denominator = serializers.IntegerField(
        min_value=1,
        help_text=_(
            "Số đảng viên (đại biểu) được triệu tập, sau khi trừ các trường hợp quy định: "
            "căn cứ tính quá một nửa, không phải số phiếu thu vào."
        ),
    )
    candidates = serializers.ListField(
        child=serializers.CharField(), min_length=1, help_text=_("Danh sách bầu cử.")
    )
    ballots = BallotInputSerializer(many=True, required=False, help_text=_("Từng phiếu bầu."))
    tally = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        help_text=_("Bảng tổng hợp thay cho từng phiếu: tên → số phiếu bầu."),
    )
    valid_ballots = serializers.IntegerField(
        min_value=0, required=False, help_text=_("Cùng tally: số phiếu hợp lệ.")
    )
    invalid_ballots = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        help_text=REASON_HELP,
    )
    unreturned = serializers.IntegerField(
        min_value=0, default=0, help_text=_("Số phiếu phát ra không thu về.")
    )
    issued_count = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=_("Số phiếu phát ra, để đối chiếu (mặc định: thu vào + không thu về)."),
    )
    surplus_check = serializers.BooleanField(
        default=True, help_text=_("Kiểm tra số dư của danh sách (không quá 30%).")
    )
    unmarked_ballot_valid = serializers.BooleanField(
        default=True,
        help_text=_(
            "Phiếu của danh sách nhiều người không có số dư, không đánh dấu vào đúng một ô ở "
            "người nào: true (mặc định) là phiếu hợp lệ, false là không hợp lệ (no_mark)."
        ),
    )


class ReconciliationSerializer(serializers.Serializer):
    issued = serializers.IntegerField(help_text=_("Số phiếu phát ra."))
    returned = serializers.IntegerField(help_text=_("Số phiếu thu vào."))
    unreturned = serializers.IntegerField(help_text=_("Số phiếu không thu về."))
    balanced = serializers.BooleanField(help_text=_("Phát ra = thu vào + không thu về."))


class ElectionCountSerializer(serializers.Serializer):
    """The result of one round (output only)."""

    seats = serializers.IntegerField(help_text=_("Số lượng cần bầu."))
    denominator = serializers.IntegerField(help_text=_("Số được triệu tập."))
    candidates = serializers.ListField(child=serializers.CharField())
    counted_from = serializers.ChoiceField(
        choices=[("ballots", _("từng phiếu")), ("tally", _("bảng tổng hợp"))],
        help_text=_("Kiểm từ từng phiếu hay từ bảng tổng hợp."),
    )
    threshold = serializers.IntegerField(
        help_text=_("Số phiếu ít nhất để trúng cử: quá một nửa số được triệu tập.")
    )
    ballots_returned = serializers.IntegerField(help_text=_("Số phiếu thu vào."))
    valid_ballots = serializers.IntegerField(help_text=_("Số phiếu hợp lệ."))
    invalid_ballots = serializers.IntegerField(help_text=_("Số phiếu không hợp lệ."))
    invalid_reasons = serializers.DictField(child=serializers.IntegerField(), help_text=REASON_HELP)
    invalid_reason_labels = serializers.DictField(child=serializers.CharField())
    votes = serializers.DictField(child=serializers.IntegerField(), help_text=_("Tên → số phiếu."))
    percent = serializers.DictField(
        child=serializers.FloatField(), help_text=_("Tên → % so với số được triệu tập.")
    )
    qualified = serializers.ListField(
        child=serializers.CharField(), help_text=_("Người đạt quá một nửa, cao nhất trước.")
    )
    elected = serializers.ListField(
        child=serializers.CharField(), help_text=_("Người trúng cử, cao nhất trước.")
    )
    tied = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Bằng phiếu nhau ở chỗ cuối: cần bầu tiếp vòng sau trong số này."),
    )
    unfilled_seats = serializers.IntegerField(help_text=_("Số chỗ còn thiếu."))
    outcome = serializers.CharField(help_text=_("Kết quả, một câu."))
    reconciliation = ReconciliationSerializer()
    list_ok = serializers.BooleanField(
        allow_null=True, help_text=_("Số dư của danh sách đúng quy định (null: không kiểm tra).")
    )
    list_problem = serializers.CharField(
        allow_blank=True, help_text=_("Vì sao số dư vượt quy định (cảnh báo, không phải lỗi).")
    )
    unmarked_ballot_valid = serializers.BooleanField(
        help_text=_("Cách đọc đã dùng cho phiếu không đánh dấu đúng một ô ở người nào.")
    )


class CountJSONParser(JSONParser):
    """JSON only; a body nested too deeply for Python is refused as unreadable, not a 500."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError() from exc


class ElectionCountViewSet(viewsets.ViewSet):
    # Token first, so an anonymous call gets 401 with ``WWW-Authenticate: Token``.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [CountJSONParser]

    @extend_schema(
        operation_id="elections_count",
        summary=_("Kiểm phiếu bầu cử"),
        description=_(
            "Tính kết quả một vòng bầu theo Quy định 190-QĐ/TW: phiếu hợp lệ, số phiếu mỗi "
            "người, ngưỡng trúng cử (quá một nửa số được triệu tập), người trúng cử, người "
            "bằng phiếu ở chỗ cuối phải bầu tiếp, số chỗ còn thiếu, đối chiếu số phiếu và số dư "
            "của danh sách. Chỉ tính, không lưu gì. Cùng kết quả với lệnh "
            "`dangvu count_election FILE --json`."
        ),
        request=ElectionCountInputSerializer,
        responses={
            200: ElectionCountSerializer,
            400: OpenApiResponse(description=_("Dữ liệu không dùng được: lý do bằng tiếng Việt.")),
            401: OpenApiResponse(description=_("Chưa đăng nhập.")),
        },
        examples=[OpenApiExample("Ví dụ", value=EXAMPLE, request_only=True)],
    )
    def create(self, request: Request) -> Response:
        try:
            result = counting.count_json(request.data)
        except counting.CountingError as exc:
            raise ValidationError(str(exc)) from exc
        return Response(result)


router.register("elections/count", ElectionCountViewSet, basename="election-count")
