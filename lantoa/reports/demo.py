"""The demo ward's annual report narrative and who may edit it (text invented for the demo)."""

from django.utils import timezone

from lantoa.people.models import Training
from lantoa.plans.models import PlanSection

from .models import AnnualReportNarrative
from .permissions import permissions_grant

DEMO_PLAN = ""  # the narrative of every plan (the demo plan and the seed plan 78-KH/ĐU)
NARRATIVE = {
    "strengths": "Các chi bộ, đoàn thể quán triệt kế hoạch đầy đủ; việc theo dõi "
    "thông tin trên báo chí và mạng xã hội được duy trì hằng ngày.",
    "shortcomings": "Một số đơn vị báo cáo chậm; nội dung quảng bá bằng tiếng nước ngoài còn ít.",
    "causes": "Cán bộ làm công tác thông tin đối ngoại phần lớn kiêm nhiệm; chưa có "
    "nhiều người sử dụng thành thạo ngoại ngữ.",
    "directions": "Tiếp tục tập huấn cho cán bộ chưa được bồi dưỡng.\n"
    "Tăng tin bài quảng bá bằng tiếng Anh, tiếng Hàn.\n"
    "Duy trì lịch trực của tổ phản ứng nhanh.",
}


def load(*, log) -> None:
    permissions_grant()
    year = timezone.localdate().year
    # The demo plan's item III.1 (training the staff) cites this year's trainings as evidence; set
    # here because the people demo loads before the plans demo imports the plan.
    item = (
        PlanSection.objects.select_related("plan__directive")
        .filter(plan__directive__code="15-KH/ĐU", path="III.1")
        .first()
    )
    # The narrative of this year and of the demo plan's: loaded in the first months of a year, the
    # plan (dated back from the day of loading, core.demo.WRITTEN_FOR) began the year before.
    years = {year, item.plan.directive.issued_on.year} if item is not None else {year}
    for narrative_year in sorted(years):
        AnnualReportNarrative.objects.get_or_create(
            plan_number=DEMO_PLAN, year=narrative_year, defaults=NARRATIVE
        )
    if item is not None:
        Training.objects.filter(start_date__year=year, plan_item__isnull=True).update(
            plan_item=item
        )
    log(f"reports: nội dung đánh giá báo cáo năm {year}")
