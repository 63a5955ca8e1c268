"""A class across replicas: two ``streamlit run`` servers behind nginx share one PostgreSQL
(``$VAE_LAB_DATABASE_URL``). The teacher's browser is routed to one replica, the student's to
the other: the student joins by the class link and answers a quiz on theirs, and the teacher's
dashboard on the other replica shows it; the student's reload (same replica, a new session)
finds the answer again. nginx's access log shows that each browser stayed on its replica."""

from __future__ import annotations

import contextlib
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import bench_load as load
from deploy import nginx
from tests.classroom_db import postgres_schema, postgres_url
from tests.e2e.test_classroom_e2e import checked_answer, idle, open_page
from tests.e2e.test_replicas_e2e import _free_port, _log, _routes_to_replicas

pytestmark = pytest.mark.e2e


@contextlib.contextmanager
def replicas_behind_nginx(start_server, nginx_bin, tmp_path, database: str):
    library, run_dir = tmp_path / "library", tmp_path / "nginx"
    library.mkdir()
    with contextlib.ExitStack() as stack:
        started = []

        def start(i: int):
            server = start_server(library, max_jobs=1, log_name=f"e2e-class-replica-{i}",
                                  env={"VAE_LAB_DATABASE_URL": database})
            replica = server.__enter__()
            started.append(server)
            return replica

        stack.callback(lambda: [server.__exit__(None, None, None) for server in started])
        with ThreadPoolExecutor(2) as pool:
            replicas = list(pool.map(start, range(2)))
        upstreams = [f"127.0.0.1:{r.port}" for r in replicas]
        port = _free_port()
        proc = nginx.start_nginx(nginx.render(upstreams, listen=f"127.0.0.1:{port}",
                                              run_dir=run_dir, log_dir=run_dir),
                                 run_dir, nginx=nginx_bin)
        stack.callback(proc.wait, 10)
        stack.callback(proc.terminate)
        proxy = f"http://127.0.0.1:{port}"
        nginx.wait_healthy(proxy, 30, proc=proc)
        yield proxy, upstreams, _routes_to_replicas(proxy, run_dir, upstreams), run_dir


def routed_page(browser, proxy: str, route: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 1600})
    context.add_cookies([{"name": "vae_lab_route", "value": route, "url": proxy}])
    page = context.new_page()
    page.set_default_timeout(load.TIMEOUT_MS)
    return context, page


def test_a_teacher_on_one_replica_sees_a_student_on_the_other(
        browser, start_server, nginx_bin, tmp_path):
    with postgres_schema(postgres_url()) as database, \
            replicas_behind_nginx(start_server, nginx_bin, tmp_path, database) as (
                proxy, upstreams, routes, run_dir):
        t_context, teacher = routed_page(browser, proxy, routes[upstreams[0]], 1400)
        s_context, student = routed_page(browser, proxy, routes[upstreams[1]], 800)
        try:
            open_page(teacher, f"{proxy}/teacher")
            teacher.get_by_role("textbox", name="Class name").fill("Replicas 9C")
            teacher.get_by_role("button", name="Create the class").click()
            teacher.get_by_text("shown only once").wait_for()
            teacher.locator(".st-key-vl_class_created [data-testid='stCode']").nth(2).wait_for()
            link_zh = teacher.locator(
                ".st-key-vl_class_created [data-testid='stCode'] code").nth(1).inner_text()
            code = re.search(r"class=(\w+)", link_zh).group(1)

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
