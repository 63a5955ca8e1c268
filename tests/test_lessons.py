"""The lessons' tasks as pure checks over facts: each ticks when its condition holds and not
before; facts are gathered from the session's models and sweeps; ``?lesson=N`` is parsed. The
numbers in the facts are those of real 10-epoch runs on mnist-5k (README, "Lessons")."""

from __future__ import annotations

from dataclasses import asdict, replace
from types import SimpleNamespace

import pytest

from ui.compare import beta_lab, share
from ui.compare import sweeps as compare
from ui.lessons import core, runs, tasks
from ui.lessons.facts import DATASET, Facts, Run, from_session, run_from
from vae_core.config import DataConfig, ModelConfig, TrainConfig
from vae_core.run_settings import RunSettings as Settings

BCE1 = Run("train", "mnist-5k", "finished", beta=1.0, test_kl=25.0, test_recon=110.0,
           test_elbo=135.0, active_units=8)


def run(**changes) -> Run:
    return replace(BCE1, **changes)


def facts(*runs: Run, **actions) -> Facts:
    return Facts(runs=runs, actions=actions)


def ticked(check, *runs: Run, **actions) -> bool:
    return check(facts(*runs, **actions))


def test_nothing_ticks_on_an_empty_session():
    empty = Facts()
    assert [t.id for ts in tasks.TASKS.values() for t in ts if t.check(empty)] == []


def test_every_lesson_has_a_task_and_three_questions():
    lessons = core.registry()
    assert sorted(lessons) == list(range(1, 10))
    for n, lesson in lessons.items():
        assert 1 <= len(lesson.tasks) <= 3, n
        assert len(lesson.questions) >= 3, n  # tests/test_lessons_quiz.py checks them
        for q in lesson.questions:  # every option has its words and its "why"
            text = lesson.text["quiz"][q.id]
            assert set(text["options"]) == set(text["why"]) == set(q.options)
            assert q.answer in q.options


def test_lesson_1_autoencoder_then_vae():
    ae = run(beta=0.0, test_kl=118.0)
    assert not ticked(tasks.autoencoder, BCE1)
    assert ticked(tasks.autoencoder, ae)
    assert not ticked(tasks.vae_vs_autoencoder, ae)
    assert ticked(tasks.vae_vs_autoencoder, ae, BCE1)
    assert not ticked(tasks.vae_vs_autoencoder, ae, run(test_kl=200.0))  # KL not smaller
    assert not ticked(tasks.autoencoder, run(beta=0.0, dataset="digits"))  # mnist-5k only
    assert not ticked(tasks.autoencoder, run(beta=0.0, status="failed"))


def test_lesson_1_the_side_by_side_prior_share():
    assert not ticked(tasks.prior_share)
    assert not ticked(tasks.prior_share, why_shares=None)               # not ended yet
    assert not ticked(tasks.prior_share, why_shares={"vae": 0.2, "ae": 0.4})
    assert ticked(tasks.prior_share, why_shares={"vae": 0.7, "ae": 0.2})


def test_lesson_2_elbo_and_live_beta():
    assert ticked(tasks.elbo_run, BCE1)
    assert not ticked(tasks.elbo_run, run(beta=2.0))
    assert not ticked(tasks.elbo_run, run(test_kl=None))          # stopped before measuring
    assert not ticked(tasks.live_beta, BCE1)
    assert ticked(tasks.live_beta, run(beta=3.0, beta_at_start=1.0))


def test_lesson_3_walk_and_zero_beta():
    assert not ticked(tasks.walked_examples, example_index=2)
    assert ticked(tasks.walked_examples, example_index=3)
    assert not ticked(tasks.zero_beta_codes, run(beta=0.0, test_kl=40.0))
    assert ticked(tasks.zero_beta_codes, run(beta=0.0, test_kl=118.0))


def test_lesson_3_the_variance_ratio_read_off():
    def seen(draws, ratio, answer):
        return {"gradients": {"draws": draws, "ratio": ratio, "answer": answer}}
    assert not ticked(tasks.variance_ratio)
    assert ticked(tasks.variance_ratio, **seen(1000, 820.3, 800))
    assert ticked(tasks.variance_ratio, **seen(4000, 820.3, 984))        # within 20 %
    assert not ticked(tasks.variance_ratio, **seen(4000, 820.3, 1000))   # 22 % off
    assert not ticked(tasks.variance_ratio, **seen(100, 820.3, 820))     # too few draws
    assert not ticked(tasks.variance_ratio, **seen(1000, 820.3, 0))


def test_lesson_4_sign_flip_and_unused_dims():
    assert not ticked(tasks.sign_flip, BCE1)
    assert not ticked(tasks.sign_flip, run(kl_sign_bug=True, test_kl=900.0))
    assert ticked(tasks.sign_flip, run(kl_sign_bug=True, test_kl=6e28))
    assert not ticked(tasks.unused_dims, run(beta=4.0, active_units=8))
    assert ticked(tasks.unused_dims, run(beta=4.0, active_units=6))


def test_lesson_5_likelihoods():
    mse = run(recon="mse", test_kl=3.7)
    wide = run(recon="mse", sigma=1.0, test_kl=1.5)
    assert not ticked(tasks.bce_and_mse, BCE1)
    assert ticked(tasks.bce_and_mse, BCE1, mse)
    assert not ticked(tasks.sigma_like_beta, wide)                  # nothing to compare with
    assert ticked(tasks.sigma_like_beta, mse, wide)
    assert not ticked(tasks.sigma_like_beta, mse, replace(wide, test_kl=5.0))
    assert ticked(tasks.continuous_bernoulli, run(recon="cb", test_elbo=-1488.0))


def test_lesson_6_beta_eight_and_the_plane():
    assert not ticked(tasks.beta_eight, run(beta=8.0, active_units=5))
    assert ticked(tasks.beta_eight, run(beta=8.0, active_units=3))
    two = (run(beta=0.5), BCE1)
    assert not ticked(tasks.three_betas, *two)
    assert not ticked(tasks.three_betas, *two, run(beta=8.0, reduction="mean"))  # wrong loss
    assert ticked(tasks.three_betas, *two, run(beta=8.0))


def test_lesson_7_collapse_then_fix():
    mean = run(reduction="mean", test_kl=0.0, active_units=0)
    assert not ticked(tasks.mean_collapse, BCE1)
    assert ticked(tasks.mean_collapse, mean)
    assert not ticked(tasks.sum_fix, BCE1)                          # reproduce first
    assert ticked(tasks.sum_fix, mean, BCE1)


def test_lesson_7_a_large_beta_collapses_and_a_schedule_rescues():
    """Issue 29, with the numbers of the lesson's runs (README, "Lessons 6 and 7"): β = 32
    constant ends with 0 of 8 units active, with a warm-up 0 of 8, with free bits (λ = 1) 8."""
    big = run(beta=32.0, test_kl=0.0, active_units=0)
    warm = run(beta=32.0, schedule="warmup", test_kl=0.01, active_units=0)
    freed = run(beta=32.0, schedule="free_bits", test_kl=7.8, active_units=8)
    assert not ticked(tasks.rescue, freed)                          # collapse it first
    assert not ticked(tasks.rescue, big, warm)                      # the warm-up does not save it
    assert ticked(tasks.rescue, big, warm, freed)
    assert not ticked(tasks.rescue, run(beta=16.0, test_kl=0.3, active_units=1), freed)  # same β
    assert not ticked(tasks.rescue, run(beta=32.0, active_units=0, reduction="mean"), freed)
    assert ticked(tasks.rescue, replace(big, source="schedule"), replace(freed, source="schedule"))
    assert [t.id for t in core.registry()[7].tasks] == ["mean", "fix", "rescue"]


def settings_of(preset, input_shape=(1, 28, 28)):
    """The configs a lesson button trains (``ui.lessons.runs.start``)."""
    s = Settings(**{"dataset": DATASET, "epochs": runs.EPOCHS, **preset.settings})
    return s.configs(input_shape, **preset.train)


def test_the_beta_lab_trains_the_lessons_runs():
    """Issue 29: the β lab trained MLP 128-64 (β = 8: 6 of 8 units active, −ELBO at β = 1:
    147.6) while the lessons quote MLP 256-128 (3 of 8, 131.9). Its default runs are now the
    lessons' own runs, so its numbers are theirs and its runs tick their tasks."""
    by_id = {p.id: p for n in (6, 7) for p in core.registry()[n].presets}
    lesson_model, _, lesson_b8 = settings_of(by_id["b8"])
    spec = beta_lab.beta_spec([8.0], dataset=DATASET, input_shape=(1, 28, 28),
                              epochs=compare.default_epochs(DATASET))
    (variant,) = spec.variants()
    assert variant.model_cfg == lesson_model
    assert variant.train_cfg == lesson_b8
    assert share.beta_spec()[1].default == compare.LESSON_ARCH == "mlp-256-128"
    _, _, lesson_fb = settings_of(by_id["free_bits"])
    schedules = beta_lab.schedule_spec(["constant", "free_bits"], dataset=DATASET,
                                       input_shape=(1, 28, 28), beta=32.0,
                                       epochs=compare.default_epochs(DATASET))
    constant, freed = schedules.variants()
    assert freed.model_cfg == lesson_model
    assert (freed.train_cfg.schedule, freed.train_cfg.beta, freed.train_cfg.free_bits,
            freed.train_cfg.epochs) == (lesson_fb.schedule, 32.0, lesson_fb.free_bits,
                                        lesson_fb.epochs)
    assert "free_bits" in share.SCHEDULES
    # a β lab sweep's runs are facts the lessons' tasks read
    done = SimpleNamespace(is_alive=lambda: False, spec=spec, results=lambda: [SimpleNamespace(
        model_cfg=variant.model_cfg, train_cfg=variant.train_cfg, status="finished",
        summary={"test_kl": 1.73, "test_recon": 179.1, "test_elbo": 180.8, "active_units": 3})])
    assert tasks.beta_eight(from_session([], {"beta": done}, {}))


def pair(a=3, b=7, la=1, lb=4, worst=150.0, threshold=171.0) -> dict:
    return {"a": a, "b": b, "label_a": la, "label_b": lb, "worst": worst, "threshold": threshold}


def test_lesson_8_pair_and_slerp():
    assert not ticked(tasks.different_digits)
    assert not ticked(tasks.different_digits, interp=pair(lb=1))
    assert ticked(tasks.different_digits, interp=pair())
    assert not ticked(tasks.slerp_on_digits, interp=pair(worst=200.0))
    assert ticked(tasks.slerp_on_digits, interp=pair())


def few(acc=0.89, base=0.77, method="m1m2", labels=100) -> dict:
    return {"method": method, "labels": labels, "accuracy": acc, "baseline_pixels": base}


def test_lesson_9_conditional_run_shares_and_few_labels():
    assert not ticked(tasks.conditional_run, run())
    assert not ticked(tasks.conditional_run, run(conditional=True, test_kl=None))  # not ended
    assert ticked(tasks.conditional_run, run(conditional=True))
    assert not ticked(tasks.label_shares, cond_shares={"cond": 0.9, "uncond": None})
    assert not ticked(tasks.label_shares, cond_shares={"cond": 0.4, "uncond": 0.5})
    assert ticked(tasks.label_shares, cond_shares={"cond": 0.89, "uncond": 0.47})
    assert not ticked(tasks.few_labels_win, few_labels=[few(acc=0.75)])       # below pixels
    assert not ticked(tasks.few_labels_win, few_labels=[few(labels=1000)])    # another n
    assert not ticked(tasks.few_labels_win, few_labels=[few(method="m1")])    # another method
    assert ticked(tasks.few_labels_win, few_labels=[few(method="m2", acc=0.7), few()])


def test_a_conditional_run_ticks_no_task_of_lessons_1_to_8():
    """A CVAE's KL leaves out what the label tells: it is not the plain VAE those lessons
    compare (a conditional β = 1 run once ticked lesson 2's −ELBO task)."""
    cond = run(conditional=True)
    ticks = {(n, t.id) for n, ts in tasks.TASKS.items() for t in ts if t.check(facts(cond))}
    assert ticks == {(9, "cvae")}
    assert ticked(tasks.elbo_run, BCE1) and not ticked(tasks.elbo_run, cond)
    ae = run(beta=0.0, test_kl=118.0)
    assert not ticked(tasks.vae_vs_autoencoder, ae, cond)
    assert facts(cond, BCE1).measured(conditional=None) == [cond, BCE1]


def test_a_conditional_model_config_makes_a_conditional_run():
    cfg = ModelConfig(input_shape=(1, 28, 28), n_classes=10)
    summary = {"status": "finished", "test_kl": 5.0}
    assert run_from("train", cfg, DataConfig(), TrainConfig(), summary).conditional
    plain = ModelConfig(input_shape=(1, 28, 28))
    assert not run_from("train", plain, DataConfig(), TrainConfig(), summary).conditional


def test_facts_come_from_the_session_models_and_ended_sweeps():
    model_cfg = ModelConfig(input_shape=(1, 28, 28), recon="mse", sigma=1.0)
    train_cfg = TrainConfig(beta=2.0, reduction="mean")
    ckpt = SimpleNamespace(model_cfg=model_cfg, data_cfg=DataConfig(), train_cfg=train_cfg,
                           summary={"status": "finished", "test_kl": 1.5, "test_recon": 7.0,
                                    "test_elbo": 8.5, "active_units": 7, "beta_at_start": 1.0})
    result = SimpleNamespace(model_cfg=ModelConfig(input_shape=(1, 28, 28)), status="finished",
                             train_cfg=TrainConfig(kl_sign_bug=True),
                             summary={"test_kl": 6e28, "active_units": 8})
    ended = SimpleNamespace(is_alive=lambda: False, spec=SimpleNamespace(data_cfg=DataConfig()),
                            results=lambda: [result])
    running = SimpleNamespace(is_alive=lambda: True)
    got = from_session([ckpt], {"pitfall": ended, "beta": running, "likelihood": None},
                       {"example_index": 4})
    first, second = got.runs
    assert (first.source, first.recon, first.sigma, first.beta, first.beta_at_start,
            first.reduction, first.active_units) == ("train", "mse", 1.0, 2.0, 1.0, "mean", 7)
    assert second.source == "pitfall" and second.kl_sign_bug and second.measured
    assert got.actions == {"example_index": 4}
    assert tasks.sign_flip(got) and tasks.live_beta(got)


def test_the_runs_table_shows_the_kl_of_each_active_unit():
    """Issue 29: β = 16 with a warm-up (10 epochs) ends with KL 0.55 nats and 5 of 8 units
    active by Cov_x E[z_u] > 0.01; the table says how little each of the five carries."""
    summary = {"status": "finished", "test_kl": 0.55, "test_recon": 195.7, "test_elbo": 196.3,
               "active_units": 5,
               "kl_per_dim": [0.01, 0.42, 0.0, 0.07, 0.04, 0.01, 0.0, 0.0],
               "mu_var_per_dim": [0.02, 0.9, 0.001, 0.2, 0.1, 0.015, 0.002, 0.0]}
    r = run_from("train", ModelConfig(input_shape=(1, 28, 28)), DataConfig(),
                 TrainConfig(beta=16.0, schedule="warmup"), summary)
    assert r.schedule == "warmup" and r.kl_per_dim[1] == 0.42
    assert runs._active_kl_words(r) == "0.42, 0.07, 0.04, 0.01, 0.01"
    assert runs._loss_words(r) == "sum over pixels · warm-up"
    # read back from the learner's record (lists), it is the same run
    assert Run(**{**asdict(r), "kl_per_dim": list(r.kl_per_dim)}) == r


def test_a_run_without_test_metrics_is_not_measured():
    r = run_from("train", ModelConfig(input_shape=(1, 28, 28)), DataConfig(), TrainConfig(),
                 {"status": "stopped", "steps": 3})
    assert not r.measured


@pytest.mark.parametrize("raw, expected", [
    ({"lesson": "5"}, (5, None)), ({"lesson": " 9 "}, (9, None)), ({}, (None, None)),
    ({"lesson": "10"}, (None, "10")), ({"lesson": "0"}, (None, "0")),
    ({"lesson": "two"}, (None, "two")), ({"lesson": "-1"}, (None, "-1")),
])
def test_the_lesson_parameter(raw, expected):
    assert core.requested(raw) == expected
