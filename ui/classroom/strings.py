"""Strings of the classroom: the learner's record, the class page and the teacher's page
(English; 中文 in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

CLASSROOM = Strings("CLASSROOM", {
    "group": "Class",
    "db_away": "Your progress cannot be saved right now (the class database does not answer). "
               "Keep working: it is kept in this tab and saved when the database is back.",
    "db_back": "The class database is back: your progress is saved.",
    "db_damaged": "The class database {where} is damaged and cannot be read, so progress is "
                  "kept only in each tab for now. To fix it: stop the app, move that file "
                  "aside (keep it: it may still be recoverable), and start the app again; it "
                  "creates a new, empty database.",
    "storage_refused": "This browser does not keep site data (private window or a blocked "
                       "storage setting), so your progress lasts only as long as this tab.",
    "code_title": "Continue on another device",
    "code_is": "Your continue code: **{code}**. On another computer or browser, type it below "
               "to carry on with your ticks, quiz answers and language.",
    "code_waiting": "Your continue code appears here once your progress is saved.",
    "code_input": "Continue code from another device",
    "code_button": "Continue",
    "code_unknown": "No learner has that code. Check it on your other device (eight letters "
                    "and digits, like K7QM-3XPA).",
    "code_taken": "Welcome back: your progress from the other device is here.",
})

CLASS = Strings("CLASS", {
    "page": "Your class",
    "title": "Your class",
    "intro": "Your teacher gives you a class link or a class code. Join with a name your "
             "teacher will recognise: they see your lesson ticks and quiz scores, nothing "
             "else.",
    "code_input": "Class code",
    "code_help": "Six letters and digits, from your teacher's class link (…?class=CODE).",
    "open": "Open the class",
    "no_class": "There is no class with the code “{code}”. Check the link or the code with "
                "your teacher.",
    "closed": "The class “{name}” is closed: it takes no new learners.",
    "class_is": "Class: **{name}**",
    "name_input": "Your name in this class",
    "name_help": "Up to 40 characters; it must differ from your classmates' names.",
    "join": "Join the class",
    "name_taken": "Someone in this class already uses the name “{name}”. Add an initial or a "
                  "number.",
    "name_bad": "A name needs 1 to 40 characters, with no line breaks.",
    "joined": "You are in **{name}** as **{learner}**.",
    "lessons": "Your class's lessons:",
    "wait": "One moment: the browser is telling the app who you are.",
    "db_needed": "Joining a class needs the class database, which does not answer right now. "
                 "Try again in a minute.",
})

TEACHER = Strings("TEACHER", {
    "page": "Teacher",
    "title": "Teacher: your classes",
    "intro": "Create a class, hand its link to your students, and follow their progress here. "
             "Nothing of a class is shown without its teacher key.",
    "create": "Create a class",
    "name_input": "Class name",
    "lessons_input": "Lessons of this class",
    "create_button": "Create the class",
    "name_bad": "A class name needs 1 to 80 characters, with no line breaks.",
    "no_lessons": "Choose at least one lesson.",
    "created": "Class **{name}** created. Copy these now: the teacher key is shown only once "
               "and cannot be recovered.",
    "link_en": "Class link (opens in English):",
    "link_zh": "Class link (opens in 中文):",
    "code": "Class code: **{code}**",
    "key": "Teacher key (keep it secret; you need it to open the dashboard):",
    "open": "Open a class's dashboard",
    "code_input": "Class code",
    "key_input": "Teacher key",
    "open_button": "Open the dashboard",
    "wrong_key": "That key does not open this class.",
    "too_many": "Too many wrong keys for this class: try again in {seconds} s.",
    "no_class": "There is no class with that code.",
    "db_needed": "The class database does not answer right now, so classes cannot be opened. "
                 "Try again in a minute.",
    "dashboard": "Class **{name}** · code **{code}** · learners: {count}",
    "closed_note": "This class is closed: it takes no new learners.",
    "refresh": "Updates every {seconds} s.",
    "empty": "No learner has joined yet. Hand out the class link above.",
    "cols": {"name": "Learner", "last": "Last seen", "lesson": "L{n}"},
    "cell": "{done}/{tasks} · {right}/{asked}",
    "cell_help": "Each lesson: tasks ticked / tasks of the lesson · quiz: first tries right / "
                 "questions tried. Only the first try of a question counts.",
    "tasks_title": "Each task: how many learners have done it",
    "tasks_cols": {"lesson": "Lesson", "task": "Task", "done": "Done by"},
    "export": "Download the table (CSV)",
    "remove": "Remove a learner",
    "remove_pick": "Learner to remove",
    "remove_button": "Remove from the class",
    "removed": "Removed “{name}” from the class.",
    "close": "Close the class",
    "close_confirm": "Yes, close it: no one can join after this",
    "close_button": "Close the class",
    "close_done": "The class is closed.",
    "leave": "Close the dashboard",
    "never": "never",
})
