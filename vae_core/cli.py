"""``python -m vae_core``: train, evaluate, import-examples, info.

Bad input (unknown dataset, NaN β, unreadable or malicious model file) exits with status 2 and
one line on stderr, never a traceback.

``train`` launched by torchrun (``WORLD_SIZE`` > 1 in the environment) trains data-parallel
(``vae_core.distributed``): ``--batch-size`` per process, only rank 0 prints and saves.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

from vae_core.config import DEVICES, PRESETS, DataConfig, ModelConfig, TrainConfig, preset_model
from vae_core.run_settings import ARCHITECTURES, BY_NAME, SETTINGS, TRAIN_FIELDS, Setting

EXIT_BAD_INPUT = 2
DEFAULT_HIDDEN = {"mlp": [256, 128], "conv": [256]}


class UsageError(ValueError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line instead of usage + message
        raise UsageError(f"{self.prog}: {message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m vae_core", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    t = sub.add_parser("train", help="train a VAE and save it as .safetensors")
    for setting in SETTINGS:  # the run's settings, as the app offers them (vae_core.run_settings)
        t.add_argument(setting.flag, **_argument(setting))
    t.add_argument("--data-dir", help="folder with local dataset files / download cache")
    t.add_argument("--model", choices=["mlp", "conv"], help="a custom network instead of --arch")
    t.add_argument("--preset", choices=PRESETS, help="tutorial architecture (examples=784-400-20)")
    t.add_argument("--hidden", type=int, nargs="+", help="hidden widths (conv: one dense width)")
    t.add_argument("--split-seed", type=int,
                   help="seed of the train/test split (default: --seed; the app splits with 0)")
    t.add_argument("--device", default="auto", choices=DEVICES)
    t.add_argument("--amp", action="store_true",
                   help="mixed precision: CUDA bf16 (else fp16 + loss scaling), or bf16 on a CPU "
                        "with bfloat16 hardware (AVX512-BF16/AMX); losses in fp32")
    t.add_argument("--threads", type=int, help="torch CPU threads (default: torch's choice)")
    t.add_argument("--name", help="display name stored in the file")
    t.add_argument("--out", required=True, help="output .safetensors file")
    t.add_argument("--quiet", action="store_true", help="no progress bar")

    e = sub.add_parser("evaluate", help="test-set −ELBO, KL per dim, active units, IWAE NLL")
    e.add_argument("model")
    e.add_argument("--dataset", help="default: the dataset the model was trained on")
    e.add_argument("--data-dir")
    e.add_argument("--iwae-k", type=int, help="importance samples for the NLL estimate (≤ 5000)")
    e.add_argument("--iwae-n", type=int, help="evaluate the IWAE bound on the first N test images")
    e.add_argument("--device", default="auto", choices=DEVICES)
    e.add_argument("--json", action="store_true", help="print one JSON object")

    i = sub.add_parser("import-examples", help="import a pytorch/examples VAE state_dict")
    i.add_argument("state_dict")
    i.add_argument("--out", required=True)

    f = sub.add_parser("info", help="print a model file's config and summary")
    f.add_argument("model")

    s = sub.add_parser("semi-supervised", help="learning from few labels (Kingma et al. 2014)")
    s.add_argument("--labels", type=int, default=100, help="labelled training images (default 100)")
    s.add_argument("--method", choices=["m1", "m2", "m1m2"], default="m1m2")
    s.add_argument("--seed", type=int, default=0, help="which balanced labels are drawn")
    s.add_argument("--epochs", type=int, help="M2's epochs (default: the method's)")
    s.add_argument("--json", action="store_true", help="print one JSON object")

    z = sub.add_parser("zoo", help="the pretrained models shipped in assets/")
    z.add_argument("action", choices=["build", "list"])
    z.add_argument("--out", help="folder (default: the repo's assets/)")
    z.add_argument("--only", nargs="+", help="build only these models")
    return p


def _argument(setting: Setting) -> dict:
    """``add_argument``'s keywords for one declared setting. Numbers take any value the configs
    accept (the app's menus are only what it offers); the latent size defaults to the preset's
    own when ``--preset`` is given."""
    if setting.kind == "bool":
        return {"dest": setting.name, "action": "store_true", "help": setting.help}
    kw = {"dest": setting.name, "type": setting.type, "default": setting.default,
          "help": f"{setting.help} (default {setting.default})".lstrip()}
    if setting.type is str:
        kw["choices"] = setting.choices
    if setting.name == "latent_dim":
        kw["default"] = None
    return kw


def _model_config(args, input_shape) -> ModelConfig:
    if args.preset:
        return preset_model(args.preset, input_shape=input_shape, latent_dim=args.latent_dim,
                            recon=args.recon)
    latent_dim = BY_NAME["latent_dim"].default if args.latent_dim is None else args.latent_dim
    if args.model is None and args.hidden is None:
        net = ARCHITECTURES[args.arch]
        return ModelConfig(arch=net.arch, input_shape=input_shape, hidden=net.hidden,
                           preset=net.preset, latent_dim=latent_dim, recon=args.recon,
                           sigma=args.sigma)
    arch = args.model or "mlp"
    hidden = args.hidden or DEFAULT_HIDDEN[arch]
    return ModelConfig(arch=arch, input_shape=input_shape, hidden=tuple(hidden),
                       latent_dim=latent_dim, recon=args.recon, sigma=args.sigma)


def cmd_train(args) -> int:
    from vae_core import distributed

    env = distributed.DistEnv.from_environ()  # None unless torchrun started several processes
    ctx = distributed.init_distributed(args.device, env=env) if env is not None else None
    try:
        return _train(args, ctx)
    finally:
        distributed.shutdown()


def train_configs(args) -> tuple[DataConfig, TrainConfig]:
    """The data and training settings of ``train``'s parsed ``args`` (checked)."""
    split_seed = args.seed if args.split_seed is None else args.split_seed
    data_cfg = DataConfig(dataset=args.dataset, data_dir=args.data_dir, binarize=args.binarize,
                          seed=split_seed)
    train_cfg = TrainConfig(**{f: getattr(args, f) for f in TRAIN_FIELDS}, device=args.device,
                            amp=args.amp)
    return data_cfg, train_cfg


def _train(args, ctx) -> int:
    """One training run; under torchrun ``ctx`` is this process's ``DistContext``."""
    from vae_core.training import train_model

    main_process = ctx is None or ctx.is_main
    data_cfg, train_cfg = train_configs(args)
    out = _prepare_run(args, ctx, train_cfg)
    t0 = time.perf_counter()
    data = _load_data(data_cfg, ctx)
    model_cfg = _model_config(args, data.input_shape)
    if args.conditional:
        model_cfg = dataclasses.replace(model_cfg, n_classes=len(data.class_names))
    if ctx is not None and main_process and not args.quiet:
        print(f"distributed: {ctx.world_size} processes ({ctx.backend}, {ctx.device.type}); "
              f"batch {args.batch_size} per process, global batch "
              f"{args.batch_size * ctx.world_size}", file=sys.stderr)
    progress = _progress_bar(args) if main_process else None
    try:
        model, result = train_model(model_cfg, data, train_cfg,
                                    callbacks=[progress] if progress else [],
                                    binarize_data=args.binarize, dist=ctx)
    finally:
        if progress is not None:
            progress.bar.close()
    _save_once(ctx, lambda: _save_and_report(args, ctx, model, result, out=out, data=data,
                                             data_cfg=data_cfg, train_cfg=train_cfg, t0=t0))
    return 0 if result.status != "diverged" else 1


def _prepare_run(args, ctx, train_cfg: TrainConfig) -> Path:
    """The output path, once what would otherwise fail only after loading and training (AMP on
    this device, ``--threads``, a missing output folder) has been refused; sets torch's
    threads."""
    import torch

    from vae_core.training import resolve_amp, resolve_device

    resolve_amp(train_cfg.amp, ctx.device if ctx else resolve_device(train_cfg.device))
    if args.threads is not None:
        if args.threads < 1:
            raise ValueError(f"threads must be ≥ 1, got {args.threads}")
        torch.set_num_threads(args.threads)
    out = Path(args.out)
    folder_error = None
    if (ctx is None or ctx.is_main) and not out.parent.exists():  # only rank 0 writes
        folder_error = f"output folder {out.parent} does not exist"
    if ctx is None and folder_error:
        raise ValueError(folder_error)
    if ctx is not None:
        ctx.raise_if_any(folder_error)
    return out


def _load_data(data_cfg: DataConfig, ctx):
    from vae_core.data import load_dataset

    if ctx is None:
        return load_dataset(data_cfg)
    # one download per machine, then the other processes read the files
    return ctx.local_leader_first(lambda: load_dataset(data_cfg))


def _progress_bar(args):
    """A ``TrainerCallback`` drawing a tqdm bar on stderr (``.bar``; hidden by ``--quiet``)."""
    from vae_core.training import TrainerCallback

    class Progress(TrainerCallback):
        def __init__(self) -> None:
            from tqdm import tqdm
            self.bar = tqdm(total=None, unit="step", disable=args.quiet, file=sys.stderr,
                            dynamic_ncols=True)

        def on_step(self, m) -> None:
            self.bar.update(1)
            if m.step % 10 == 0:
                self.bar.set_postfix(epoch=f"{m.epoch:.1f}", elbo=f"{m.elbo:.2f}",
                                     kl=f"{m.kl:.2f}", rate=f"{m.samples_per_s:,.0f}/s")

        def on_epoch(self, m) -> None:
            self.bar.set_description(f"epoch {m.epoch}/{args.epochs} test −ELBO "
                                     f"{m.test_elbo:.2f}")

    return Progress()


def _save_and_report(args, ctx, model, result, *, out: Path, data, data_cfg: DataConfig,
                     train_cfg: TrainConfig, t0: float) -> None:
    from vae_core.checkpoints import save_checkpoint

    summary = result.summary()
    summary["dataset"] = data.name
    summary["wall_s_total"] = round(time.perf_counter() - t0, 3)
    where = ""
    if ctx is not None:
        summary.update(world_size=ctx.world_size, backend=ctx.backend,
                       global_batch_size=args.batch_size * ctx.world_size)
        where = f" on {ctx.world_size} processes"
    save_checkpoint(out, model, data_cfg=data_cfg, train_cfg=train_cfg, summary=summary,
                    name=args.name or out.stem)
    elbo = summary.get("test_elbo")
    elbo_text = f"{elbo:.2f}" if elbo is not None else "n/a"
    print(f"{result.status}: {result.message}; test −ELBO {elbo_text} nats/image; "
          f"{result.wall_s:.1f} s training{where}; saved {out}")


def _save_once(ctx, save) -> None:
    """``save()`` in this process, or under torchrun in rank 0 alone."""
    if ctx is None:
        save()
        return
    # every process holds the same weights: rank 0 saves them while the others wait, so all
    # leave together (a process tearing its process group down while a peer was still busy
    # aborted now and then) and a failed save fails every process
    save_error = None
    if ctx.is_main:
        try:
            save()
        except (ValueError, OSError) as exc:
            save_error = str(exc) or type(exc).__name__
    ctx.raise_if_any(save_error)


def cmd_evaluate(args) -> int:
    from tqdm import tqdm

    from vae_core.analysis import evaluate
    from vae_core.checkpoints import load_checkpoint
    from vae_core.data import load_dataset
    from vae_core.training import resolve_device

    ckpt = load_checkpoint(args.model)
    dataset = args.dataset or (ckpt.data_cfg.dataset if ckpt.data_cfg else None)
    if dataset is None:
        raise ValueError("the model file does not say which dataset it was trained on; "
                         "pass --dataset")
    seed = ckpt.data_cfg.seed if ckpt.data_cfg and ckpt.data_cfg.dataset == dataset else 0
    data = load_dataset(DataConfig(dataset=dataset, data_dir=args.data_dir, seed=seed))
    if tuple(data.input_shape) != tuple(ckpt.model_cfg.input_shape):
        raise ValueError(f"model expects images {ckpt.model_cfg.input_shape} but {dataset} has "
                         f"{data.input_shape}")
    model = ckpt.model.to(resolve_device(args.device))
    bar = None
    if args.iwae_k:
        bar = tqdm(total=args.iwae_n or data.test_x.shape[0], unit="img", file=sys.stderr,
                   desc=f"IWAE k={args.iwae_k}")

    def progress(done: int, total: int) -> None:
        bar.n = done
        bar.refresh()

    try:
        labels = {"y": data.test_y} if ckpt.model_cfg.conditional else {}
        res = evaluate(model, data.test_x, iwae_k=args.iwae_k, iwae_n=args.iwae_n,
                       progress=progress if bar else None, **labels)
    finally:
        if bar:
            bar.close()
    res["dataset"] = dataset
    res["model"] = ckpt.name
    if args.json:
        print(json.dumps(res))
    else:
        print(f"{ckpt.name} on {dataset} test ({res['n']} images), nats/image:")
        print(f"  −ELBO {res['elbo']:.3f} = recon {res['recon']:.3f} + KL {res['kl']:.3f}")
        print(f"  active units {res['active_units']}/{len(res['kl_per_dim'])}")
        if "iwae_nll" in res:
            print(f"  IWAE NLL (k={res['iwae_k']}, n={res['iwae_n']}) {res['iwae_nll']:.3f}")
    return 0


def cmd_import(args) -> int:
    from vae_core.checkpoints import save_checkpoint
    from vae_core.importers import import_examples_state_dict

    model = import_examples_state_dict(args.state_dict)
    data_cfg = DataConfig(dataset="mnist")
    save_checkpoint(args.out, model, data_cfg=data_cfg, summary={"source": "pytorch/examples"},
                    name=Path(args.out).stem)
    print(f"imported pytorch/examples VAE (784-400-20) into {args.out}")
    return 0


def cmd_info(args) -> int:
    from vae_core.checkpoints import read_checkpoint_info

    info = read_checkpoint_info(args.model)
    info["conditional"] = info["model_cfg"].conditional
    for key in ("model_cfg", "data_cfg", "train_cfg"):
        if info.get(key) is not None:
            info[key] = info[key].to_dict()
    print(json.dumps(info, indent=2))
    return 0


def cmd_semi(args) -> int:
    from vae_core.data import load_dataset
    from vae_core.semi_supervised import DATA, run_method

    data = load_dataset(DATA)
    if not 10 <= args.labels <= data.n_train:
        raise UsageError(f"--labels must be between 10 and {data.n_train}")
    if args.epochs is not None and args.epochs < 1:
        raise UsageError("--epochs must be at least 1")
    row = run_method(args.method, args.labels, args.seed, data, epochs=args.epochs).to_dict()
    if args.json:
        print(json.dumps({k: row[k] for k in ("method", "labels", "accuracy", "baseline_pixels",
                                              "baseline_pca", "seed", "seconds")}))
    else:
        print(f"{row['method']} with {row['labels']} labels (seed {row['seed']}): "
              f"{row['accuracy']:.1%} on the {data.n_test} test images; logistic regression on "
              f"pixels {row['baseline_pixels']:.1%}, on PCA {row['baseline_pca']:.1%}")
    return 0


def cmd_zoo(args) -> int:
    from vae_core.zoo import ASSETS_DIR, ZOO, build_zoo, load_index

    out = Path(args.out) if args.out else ASSETS_DIR
    if args.action == "list":
        built = {r["name"]: r for r in load_index(out)}
        for entry in ZOO:
            r = built.get(entry.name)
            state = (f"−ELBO {r['test_elbo']:.2f}, {r['bytes'] / 1e6:.2f} MB" if r
                     else "not built")
            print(f"{entry.name:20s} {state:28s} {entry.description}")
        return 0
    records = build_zoo(out, only=args.only,
                        progress=lambda name: print(f"training {name} ...", file=sys.stderr))
    total = sum(r["bytes"] for r in records)
    for r in records:
        print(f"{r['name']:20s} −ELBO {r['test_elbo']:7.2f}  {r['bytes'] / 1e6:5.2f} MB  "
              f"{r['train_s']:6.1f} s")
    print(f"{len(records)} models, {total / 1e6:.2f} MB in {out}")
    return 0


COMMANDS = {"train": cmd_train, "evaluate": cmd_evaluate, "import-examples": cmd_import,
            "info": cmd_info, "zoo": cmd_zoo, "semi-supervised": cmd_semi}


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (ValueError, OSError) as exc:  # configs, datasets, checkpoints, files
        # one write: under torchrun every process reports to the same stderr
        sys.stderr.write(f"error: {exc}".splitlines()[0] + "\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
