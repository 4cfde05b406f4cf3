"""Admin views of the people app."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import DeleteView

from ..services import collaborator_erase


class CollaboratorEraseView(DeleteView):
    """ "Delete" a collaborator = erase their personal data, keeping an audit entry without it."""

    success_message = _("Đã xóa dữ liệu cá nhân của cộng tác viên theo yêu cầu.")

    def delete_action(self):
        collaborator_erase(collaborator=self.object, requested_by=self.request.user)

    @property
    def confirmation_message(self):
        return _(
            "Xóa toàn bộ dữ liệu cá nhân của cộng tác viên này theo yêu cầu của họ? "
            "Nhật ký chỉ ghi lại việc xóa, không giữ thông tin cá nhân."
        )
