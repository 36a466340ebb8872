from django.urls import path

from . import appeal_views, attachment_views, counter, library_views, views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", counter.case_new, name="new"),
    path("library/", library_views.library, name="library"),
    path("<int:pk>/precedents/", library_views.link_precedent, name="link_precedent"),
    path("<int:pk>/archive/", library_views.archive, name="archive"),
    path("<int:pk>/unarchive/", library_views.unarchive, name="unarchive"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/", views.case_act, name="act"),
    path("<int:pk>/attachments/", attachment_views.case_attach, name="attach"),
    path("<int:pk>/attachments/<int:attachment_id>/", attachment_views.attachment_download, name="attachment"),
    path("supervision/", views.supervision, name="supervision"),
    path("supervision/<str:code>/press/", views.press_create, name="press"),
    path("presses/<int:pk>/acknowledge/", views.press_acknowledge, name="press_acknowledge"),
    path("<int:pk>/joint-consultations/", views.joint_consultation_record, name="joint_consultation"),
    # reconsiderations and lawsuits (appeal_views)
    path("<int:pk>/appeals/", appeal_views.appeal_record_view, name="appeal_record"),
    path("<int:pk>/appeals/<int:appeal_id>/result/", appeal_views.appeal_result_view, name="appeal_result"),
]
