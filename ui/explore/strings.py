"""Strings of the explore pages (latent map, traverse) and of the in-browser decoder (English; 中文
in ``zh.py``)."""

from __future__ import annotations

from ui.shell.i18n import Strings

EXPLORE = Strings("EXPLORE", {
    "group": "Explore",
    "page_map": "Latent map",
    "page_traverse": "Traverse",
})

MAP = Strings("MAP", {
    "title": "Latent map",
    "intro": "Every test image is encoded to the mean μ of its posterior q(z|x); here the means "
             "are drawn in 2-D. **Click a point** to see the image, its reconstruction and its "
             "μ/σ; **click a second point** to walk the latent path between the two.",
    "settings": "Map settings",
    "subset": "Test images to encode",
    "subset_help": "A random subset of the test set (the same one for every size prefix), "
                   "at most {cap:,}.",
    "subset_note": "{n:,} of {total:,} test images, encoded in the model's latent space "
                   "(K = {k}).",
    "projection": "Projection",
    "proj_labels": {"raw": "Raw axes", "pca": "PCA", "tsne": "t-SNE"},
    "axis_x": "x axis",
    "axis_y": "y axis",
    "perplexity": "Perplexity",
    "perplexity_help": "Roughly the number of neighbours each point keeps close (must be below "
                       "the number of points).",
    "iterations": "Iterations",
    "tsne_running": "Running t-SNE on {n:,} points…",
    "tsne_done": "t-SNE done: {n:,} points in {seconds:.1f} s ({backend}, KL {kl:.3f})",
    "tsne_error": "t-SNE cannot run with these settings: {error}",
    "tsne_note": "t-SNE keeps neighbourhoods, not distances: clusters' sizes and the gaps "
                 "between them mean little, and there is no inverse, so an empty spot cannot "
                 "be decoded.",
    "pca_variance": "PCA: the two axes explain {pc1:.0%} + {pc2:.0%} = {total:.0%} of the "
                    "variance of μ.",
    "two_d_note": "This model has K = {k} latent dims, so any map of it is a slice or a "
                  "projection. A 2-D model's plane is its whole latent space:",
    "two_d_button": "Open the 2-D model",
    "raw_note": "Raw axes z{x} and z{y}; the other {rest} dims are not shown.",
    "color_by": "Colour by",
    "class": "class",
    "ellipses": "Show μ ± σ ellipses over the prior's contours",
    "ellipses_help": "Each point's posterior q(z|x) is a Gaussian: its 1-σ ellipse. The dashed "
                     "circles are the prior N(0, I) at 1, 2 and 3 σ.",
    "picked_title": "The clicked point",
    "pick_hint": "Click a point on the map to see its image here; click a second one for the "
                 "interpolation between them.",
    "original": "Test image #{index} ({label})",
    "recon": "Reconstruction (decoded μ)",
    "mu_sigma": "μ ± σ per latent dimension",
    "pair_title": "From #{a} to #{b}",
    "lerp": "lerp (straight line)",
    "slerp": "slerp (great circle: keeps the norm, where the prior's mass is)",
    "clear": "Forget the clicked points",
    "decode_title": "Decode any location",
    "decode_intro": "A click on an empty spot of the map never reaches the app, so type that "
                    "spot's coordinates here: its point in latent space is decoded.",
    "decode_pca": "A PCA location maps back to latent space through the inverse transform "
                  "(the point of the principal plane).",
    "decode_raw": "The other latent dims stay at 0, the prior's mean.",
    "decode_intro_plane": "A click on the plane above puts its spot here (or type one): its "
                          "point in latent space is decoded on the server.",
    "decode_base": "The other latent dims stay where the plane holds them.",
    "decode_x": "x",
    "decode_y": "y",
    "decoded": "Decoded at ({x:.2f}, {y:.2f})",
    "manifold_title": "The decoded latent plane",
    "manifold_caption": "Decoded images over the 2-D latent plane on an inverse-CDF grid "
                        "(equal prior mass between neighbours, Kingma & Welling 2014, Fig. 4); "
                        "z₁ runs left to right from {lo:.2f} to {hi:.2f}, z₂ bottom to top.",
    "manifold_size": "Grid size",
    "aggregate_title": "Aggregate posterior vs prior",
    "aggregate_caption": "Per dimension: the density of all points' posteriors mixed together "
                         "(the aggregate posterior q(z)) against the prior N(0, 1). Where they "
                         "differ, samples from the prior land where no data was encoded.",
})

TRAVERSE = Strings("TRAVERSE", {
    "title": "Traverse the latent space",
    "intro": "Move one latent dimension at a time and watch the decoded image change. "
             "Dimensions are sorted by their KL (the information they carry); **collapsed** "
             "dims barely change anything: they are not active units (their mean μ hardly "
             "moves from image to image, Cov_x E[z] ≤ 0.01, the rule every count of active "
             "units in the app uses), whatever small KL they still show.",
    "start": "Start from",
    "start_labels": {"zero": "The origin z = 0 (the prior's mean)",
                     "prior": "A random prior sample", "image": "A test image's μ"},
    "resample": "New random sample",
    "seed_note": "Prior sample seed {seed}",
    "image_index": "Test image index",
    "sliders": "Latent sliders",
    "slider_label": "z{dim} · KL {kl:.2f}",
    "slider_collapsed": "z{dim} · KL {kl:.2f} · collapsed",
    "decoded": "Decoded image",
    "reset": "Back to the start point",
    "kl_unknown": "KL per dimension is unknown for this model (no test data): dims in order.",
    "grid_title": "Traversal grid",
    "wave_caption": "One panel per dim, top to bottom: {rows}. In each, the decoded sequences "
                    "as that dim runs from −{k:g} σ (blue) to +{k:g} σ (red) around the "
                    "sliders' point; the other dims stay put.",
    "grid_caption": "Rows top to bottom: {rows}. Columns from −{k:g} σ to +{k:g} σ around the "
                    "slider point, one dim changed per row.",
    "k": "Range k (σ)",
    "steps": "Steps",
    "anim_title": "Animated traversal",
    "anim_caption": "Press ▶ or drag the slider under the image: the frames are in the browser, "
                    "so scrubbing needs no round trip to the server.",
    "anim_dim": "Dimension",
    "gif": "Download GIF",
    "interp_title": "Interpolation between two test images",
    "from": "From test image",
    "to": "To test image",
    "interp_steps": "Steps",
    "lerp": "lerp",
    "slerp": "slerp",
    "gif_lerp": "GIF (lerp)",
    "gif_slerp": "GIF (slerp)",
    "no_data_interp": "Needs the test data, which is not available here.",
    "prior_title": "Samples from the prior",
    "prior_caption": "z ~ N(0, T²·I) decoded. T < 1 trades variety for typical-looking images.",
    "temperature": "Temperature T",
    "prior_seed": "Seed",
})

EXPLORE_FIGURES = Strings("EXPLORE_FIGURES", {
    "ellipses": "μ ± σ",
    "mu": "μ",
    "density": "density",
    "z": "z",
    "frame": "z{dim} = ",
    "posterior": "aggregate q(z)",
    "prior_pdf": "prior N(0, 1)",
    "picked": "clicked",
    "wave_value": "z{dim} = {value:+.2f}",
    "wave_step": "step",
})

# the views that decode in the browser (ui/explore/latent, ui/explore/pointer.py)
POINTER = Strings("POINTER", {
    "loading": "Loading the model into the page…",
    "fallback": "This model has a layer the in-browser decoder cannot run ({layer}), so this "
                "view decodes on the server instead: it answers when you release a control.",
    "plane_title": "Explore under the pointer",
    "plane_intro": "Move the pointer over the plane: the image is decoded from that point z "
                   "**in your browser**, with no trip to the server, and the small picture is "
                   "the nearest test image. The dots are test images' means μ, coloured by "
                   "class. **Click a dot** to pick that image (a second pick shows the path "
                   "between the two); **click empty space** to decode that spot below. The "
                   "arrow keys move the point (Shift: faster) and Enter clicks.",
    "plane_aria": "Latent plane: move the pointer or use the arrow keys; Enter picks",
    "plane_hint": "Click or tap: pick the nearest image, or decode the spot · arrow keys move "
                  "the point, Enter clicks",
    "decoded_here": "Decoded at the pointer",
    "plane_capped": "The plane draws the first {n:,} of the {total:,} encoded images (each "
                    "brings its thumbnail to the page); the histograms below use all of them.",
    "nearest": "Nearest test image #{index} ({label})",
    "base": "The other {rest} dims are held at",
    "base_labels": {"zero": "0 (the prior's mean)", "image": "the picked image's μ",
                    "click": "the last click"},
    "base_none": "Nothing picked or clicked yet, so the other dims are held at 0.",
    "centre_pca": "Why the image at the centre is blurry: the centre is the mean of all the "
                  "codes, a spot between the classes where no test image lies, so the decoder "
                  "draws a blend of digits there. Move onto a cluster of dots for a sharp one.",
    "centre_raw": "Why the image at the centre may be blurry: z = 0 is the prior's most likely "
                  "point but lies between the classes, so the decoder draws a blend of digits "
                  "there. Move onto a cluster of dots for a sharp one.",
    "pca_plane": "The PCA plane: z = mean(μ) + p₁·PC₁ + p₂·PC₂, the plane through the test "
                 "means that holds the most of their spread.",
    "sliders_note": "The image follows the sliders while you drag (decoded in your browser); "
                    "the traversal grid and the animation below update when you let go.",
    "decoded_live": "Decoded live from the sliders",
    "scrub_title": "Scrub the path",
    "scrub_caption": "Drag t or press Play: the path is decoded in your browser as it moves.",
    "t": "t, from the first image (0) to the second (1)",
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "at": "t = {t}, {method}",
    "lerp": "lerp",
    "slerp": "slerp",
    "draw_title": "Draw a digit",
    "draw_intro": "Draw with the mouse or a finger. When you lift it, the drawing is shrunk to "
                  "the model's {h}×{w} input the way MNIST's digits were made (fitted into the "
                  "central 20/28 and centred on its centre of mass) and encoded in your "
                  "browser: you see μ and σ per dim, one draw z = μ + σ ⊙ ε decoded, and the "
                  "reconstruction from μ.",
    "draw_on_map": "A red star on the plane above marks where your drawing's μ lands.",
    "draw_hint": "Draw here, then lift",
    "clear": "Clear",
    "encoded": "Encoded. Draw more to change it, or clear.",
    "resample": "Resample ε",
    "mu_sigma": "μ (blue) ± σ (orange), and this z (green)",
    "sample": "Decoded z = μ + σ ⊙ ε",
    "recon": "Decoded μ (the reconstruction)",
    "click_decoded": "Decoded at your click on the plane: z = ({z})",
})
