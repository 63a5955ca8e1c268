# VAE Lab as one container: the app and its pinned requirements, run as a non-root user.
#   docker build -t vae-lab .
#   docker run -p 8501:8501 -v vae-lab-library:/data/library vae-lab
# compose.yaml runs several of these behind nginx with one shared library volume.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VAE_LAB_LIBRARY=/data/library

WORKDIR /app
# the requirements first: code changes then rebuild only the last layers, not torch's 5 GB
COPY requirements.txt .
RUN pip install -r requirements.txt

RUN useradd --create-home --uid 10001 vaelab \
    && mkdir -p /data/library \
    && chown vaelab /data/library
COPY --chown=vaelab . .
USER vaelab

EXPOSE 8501
# Streamlit's own health endpoint; python rather than curl, which the slim image lacks
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read().strip() != b'ok')"]
# exec form: streamlit is PID 1 and gets docker stop's SIGTERM itself, so running jobs are
# saved to the library as "(interrupted)" before it exits (ui/shell/shutdown.py)
STOPSIGNAL SIGTERM
CMD ["streamlit", "run", "app.py", "--server.headless", "true", "--server.port", "8501", \
     "--server.address", "0.0.0.0", "--server.fileWatcherType", "none", \
     "--browser.gatherUsageStats", "false"]
