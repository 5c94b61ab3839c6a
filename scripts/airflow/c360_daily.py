"""c360 daily: every c360 job for the day's as-of date, one spark-submit each, in pipeline order.

Install: copy this file into Airflow's dags/ folder (Airflow 2.4+ with apache-airflow-providers-apache-spark),
point the connection `spark_default` at the cluster (host spark://HOST:7077, yarn or k8s://https://HOST:443;
extra {"deploy-mode": "client"}) and set the Variables c360_jar, c360_conf and c360_sources (README.md,
"Scheduling with Airflow"). A run can override them with the DAG params jar, conf and sources.

The as-of date is the run's logical date ({{ ds }}): the run for 2025-12-31 starts after that day has ended.
A job fails its task with c360's exit code (1 job failed, 2 usage or input error, 3 data-quality gate failed);
later jobs do not run, as in `c360 pipeline`. Re-running a task is safe: every job is idempotent for its date.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models.baseoperator import chain
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# The jobs of io.c360.jobs.Pipeline, in its order (DeployFilesTest checks that they agree).
JOBS = [
    "ingest",
    "gate",
    "identity",
    "customer_360",
    "segments",
    "clv",
    "churn",
    "recommendations",
    "tickets",
    "funnels",
    "attribution",
    "alerts",
]

# Jobs that read the raw source files.
READS_SOURCES = {"ingest"}

# Jinja: the run's param when given, else the Airflow Variable (read when the task runs, not when the file is parsed).
JAR = "{{ params.jar or var.value.c360_jar }}"
CONF = "{{ params.conf or var.value.c360_conf }}"
SOURCES = "{{ params.sources or var.value.c360_sources }}"

default_args = {
    "owner": "c360",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    # Airflow 2.x SLA: a task not finished 6 hours after the end of its day is reported as an SLA miss.
    "sla": timedelta(hours=6),
    "execution_timeout": timedelta(hours=2),
}

with DAG(
    dag_id="c360_daily",
    description="c360 customer analytics: ingest -> gate -> ... -> alerts for the day's as-of date",
    schedule="@daily",
    start_date=datetime(2025, 12, 1),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=12),
    default_args=default_args,
    params={"jar": "", "conf": "", "sources": ""},
    tags=["c360", "spark"],
) as dag:
    tasks = []
    for job in JOBS:
        args = ["run", job, "--as-of", "{{ ds }}", "--conf", CONF]
        if job in READS_SOURCES:
            args += ["--sources", SOURCES]
        tasks.append(
            SparkSubmitOperator(
                task_id=job,
                conn_id="spark_default",
                application=JAR,
                java_class="io.c360.jobs.cli.C360",
                application_args=args,
                name="c360-" + job + "-{{ ds }}",
            )
        )
    chain(*tasks)
