"""VAE Lab: the Streamlit entry point. Run with ``streamlit run app.py``.

Page config, navigation over ``pages/`` and the sidebar model picker shared by every page.
"""

import streamlit as st

from ui.applications.strings import APPS
from ui.classroom import join, learner
from ui.classroom.strings import CLASS, CLASSROOM, TEACHER
from ui.compare.strings import PAGES as CMP_PAGES
from ui.conditional.strings import COND
from ui.explore.strings import EXPLORE
from ui.fewlabels.strings import FEW
from ui.lessons import core as lessons
from ui.lessons.strings import LESSONS
from ui.shell import downloads, i18n, picker, presentation, session_job, shutdown, state
from ui.shell.strings import APP
from ui.why.strings import WHY

st.set_page_config(page_title=APP["title"], page_icon=":material/science:", layout="wide")
# ?lang= on a session's first run, else the learner's remembered language: taken before the
# navigation's titles are worded (a link's first run drew them in English), before the links
# below switch pages, and before anything is drawn that a learner could click
i18n.take_language(remembered=learner.remembered_language())

PAGES = {
    APP["group_learn"]: [
        st.Page("pages/home.py", title=APP["page_home"], icon=":material/school:", default=True),
        st.Page("pages/lessons.py", title=LESSONS["group"], icon=":material/menu_book:",
                url_path="lessons"),
        # the lessons open from the overview, from each other and from a teacher's link: nine
        # more entries pushed the model picker below a laptop's sidebar
        *(st.Page(f"pages/lesson_{n}.py", title=LESSONS["nav"][str(n)],
                  icon=":material/bookmark:", visibility="hidden")
          for n in range(1, 10)),
        st.Page("pages/train.py", title=APP["page_train"], icon=":material/model_training:"),
        st.Page("pages/why_variational.py", title=WHY["page"], icon=":material/help_center:"),
    ],
    EXPLORE["group"]: [
        st.Page("pages/latent_map.py", title=EXPLORE["page_map"], icon=":material/scatter_plot:"),
        st.Page("pages/traverse.py", title=EXPLORE["page_traverse"], icon=":material/tune:"),
        st.Page("pages/applications.py", title=APPS["page"], icon=":material/auto_awesome:"),
        st.Page("pages/few_labels.py", title=FEW["page"], icon=":material/label:"),
        st.Page("pages/conditional.py", title=COND["page"], icon=":material/draw:"),
    ],
    CMP_PAGES["group"]: [
        st.Page("pages/beta_lab.py", title=CMP_PAGES["beta_lab"], icon=":material/show_chart:"),
        st.Page("pages/bce_vs_mse.py", title=CMP_PAGES["bce_vs_mse"], icon=":material/compare:"),
    ],
    APP["group_models"]: [
        st.Page("pages/library.py", title=APP["page_library"], icon=":material/inventory_2:"),
    ],
    CLASSROOM["group"]: [
        st.Page("pages/class.py", title=CLASS["page"], icon=":material/groups:",
                url_path=join.URL_PATH),
        st.Page("pages/teacher.py", title=TEACHER["page"], icon=":material/co_present:",
                url_path="teacher"),
    ],
}

# expanded: collapsed, Streamlit hides pages behind a "View N more" that it words only in English
page = st.navigation(PAGES, expanded=True)
learner.before_page()  # writes that waited for the class database land now
lessons.route(page)  # ?lesson=N opens lesson N (a link a teacher shares)
join.route(page)  # ?class=CODE opens the class page (the link a teacher hands out)
learner.keep_language(i18n.language_toggle())
session_job.harvest_job()  # a job that ended while we were away becomes a session model
# the Train page's live panel shows the progress: a second poll in the sidebar would only
# double what each of a class's tabs asks of the server
picker.model_picker(job_progress=page.url_path != "train")
presentation.toggle()  # before the page, which sizes its images by it
downloads.preferences()
page.run()
state.preload_training()  # after the page is drawn: its ~1 s import must not delay it
shutdown.end_of_run()  # the whole page is drawn: a shutdown waiting for its words may go on
