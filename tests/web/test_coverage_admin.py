"""Staff: move a report to another story, and see the coverages made."""

from django.urls import reverse

from newsdiff.models import Article, Coverage


def test_staff_move_articles_to_another_story_from_the_list(admin_client, covered_story, story):
    wrong = Article.objects.filter(source__name="Metro Wire")
    changelist = reverse("admin:newsdiff_article_changelist")
    data = {"action": "move_to_story", "_selected_action": [a.pk for a in wrong]}
    confirm = admin_client.post(changelist, data)
    assert confirm.status_code == 200 and "Move them to the story" in confirm.content.decode()
    done = admin_client.post(changelist, {**data, "apply": "Move", "story": story.pk})
    assert done.status_code == 302
    assert wrong.get().story == story
    assert covered_story.articles.count() == 3


def test_the_story_admin_lists_its_reports_and_coverages(admin_client, client, covered_story):
    ids = list(covered_story.articles.values_list("pk", flat=True))
    client.post(reverse("newsdiff:story-coverage", args=[covered_story.slug]), {"articles": ids})
    coverage = Coverage.objects.get()
    page = admin_client.get(reverse("admin:newsdiff_story_change", args=[covered_story.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "open one to move it to another story" in body and "Metro Wire" in body
    assert coverage.get_absolute_url() in body


def test_staff_see_coverages_in_the_admin(admin_client, client, covered_story):
    ids = list(covered_story.articles.values_list("pk", flat=True))
    client.post(reverse("newsdiff:story-coverage", args=[covered_story.slug]), {"articles": ids})
    coverage = Coverage.objects.get()
    listing = admin_client.get(reverse("admin:newsdiff_coverage_changelist")).content.decode()
    assert coverage.short_id in listing and "Coast Courier, Daily Ledger" in listing
    detail = admin_client.get(reverse("admin:newsdiff_coverage_change", args=[coverage.pk]))
    assert detail.status_code == 200 and coverage.get_absolute_url() in detail.content.decode()


def test_the_comparison_admin_still_links_its_permalink(admin_client, seeds):
    from newsdiff import pipeline

    comparison = pipeline.compare_articles(seeds["left"], seeds["right"])
    page = admin_client.get(reverse("admin:newsdiff_comparison_change", args=[comparison.pk]))
    assert page.status_code == 200 and comparison.get_absolute_url() in page.content.decode()
