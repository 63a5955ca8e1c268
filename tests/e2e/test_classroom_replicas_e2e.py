"""A class across replicas: two ``streamlit run`` servers behind nginx share one PostgreSQL
(``$VAE_LAB_DATABASE_URL``). The teacher's browser is routed to one replica, the student's to
the other: the student joins by the class link and answers a quiz on theirs, and the teacher's
dashboard on the other replica shows it; the student's reload (same replica, a new session)
finds the answer again. nginx's access log shows that each browser stayed on its replica."""

from __future__ import annotations

import re

import pytest

from bench import bench_load as load
from tests.classroom_db import postgres_schema, postgres_url
from tests.e2e.test_classroom_e2e import checked_answer, create_class, idle, open_page
from tests.e2e.test_replicas_e2e import _log, replicas_behind_nginx

pytestmark = pytest.mark.e2e


def routed_page(browser, proxy: str, route: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 1600})
    context.add_cookies([{"name": "vae_lab_route", "value": route, "url": proxy}])
    page = context.new_page()
    page.set_default_timeout(load.TIMEOUT_MS)
    return context, page


def test_a_teacher_on_one_replica_sees_a_student_on_the_other(
        browser, start_server, nginx_bin, tmp_path):
    with postgres_schema(postgres_url()) as database, \
            replicas_behind_nginx(start_server, nginx_bin, tmp_path, name="e2e-class-replica",
                                  max_jobs=1, env={"VAE_LAB_DATABASE_URL": database}) as (
                proxy, upstreams, routes, run_dir):
        t_context, teacher = routed_page(browser, proxy, routes[upstreams[0]], 1400)
        s_context, student = routed_page(browser, proxy, routes[upstreams[1]], 800)
        try:
            _, link_zh, _, code = create_class(teacher, proxy, "Replicas 9C")

            open_page(student, link_zh)
            student.get_by_role("textbox", name="你在这个班级里的名字").fill("李华")
            student.get_by_role("button", name="加入班级").click()
            student.get_by_text("你已加入").wait_for()
            student.get_by_role("link", name=re.compile("第 2 课")).first.click()
            idle(student)
            student.locator(".st-key-vl_quiz_2 [role='radiogroup']").first \
                .locator("label").first.click()
            idle(student)
            answer = checked_answer(student, 2)

            teacher.wait_for_function(
                "c => { const h = document.querySelector(`.st-key-vl_dashboard_${c}`)"
                "?.innerHTML ?? ''; return h.includes('李华') && /· [01]\\/1/.test(h); }",
                arg=code, timeout=load.TIMEOUT_MS)

            student.reload()
            student.wait_for_selector(load.IDLE)
            student.wait_for_function(
                "a => [...document.querySelectorAll('.st-key-vl_quiz_2 label')].some("
                "l => l.querySelector('input:checked') && l.innerText.trim() === a)",
                arg=answer)
            for page in (teacher, student):
                assert page.locator("[data-testid='stException']").count() == 0
        finally:
            t_context.close()
            s_context.close()
        entries = _log(run_dir)
        for upstream in upstreams:
            mine = [e for e in entries if e["route"] == routes[upstream]]
            assert mine and {e["upstream"] for e in mine} == {upstream}, mine[:5]
