#!/usr/bin/env python3
"""Where a c360 job's time goes, from its Spark event log (c360.spark.conf { "spark.eventLog.enabled" = "true",
"spark.eventLog.dir" = "file:///DIR" }).

Usage: scripts/eventlog-profile.py EVENT_LOG [TOP] [--jobs JOB_RUNS_CSV [--lake LAKE]]      (TOP default 15)

Prints the application's wall time, the time covered by at least one running Spark job (the rest is the driver:
planning, Delta log reads and commits), the TOP slowest top-level SQL executions (one nested in another is left
out) and the TOP stages with the most task run time, with their wall seconds, task count and shuffle/input volume.
Stages run side by side and wait for free cores, so their wall seconds overlap. A log still being written
(.inprogress) is read up to its last whole line.

--jobs splits a pipeline's log by job: a CSV with the columns job, started_at and ended_at (UTC), e.g.
  c360 sql --lake LAKE --format csv "SELECT job, started_at, ended_at FROM c360.job_runs WHERE run_id LIKE 'RUN%'"
For each job it prints its wall time, the part of it with a Spark job running, the task time of the stages
submitted in it, how many top-level SQL executions and Spark jobs it started and its three slowest top-level SQL
executions; with --lake (the lake folder the run wrote), also how many Delta commits it made (commitInfo timestamps
of every table's _delta_log).
"""
import argparse
import csv
import json
import os
import sys
from datetime import datetime, timezone


def covered(intervals):
    """Total length of the union of [start, end) intervals."""
    total, end = 0, None
    for s, e in sorted(intervals):
        if end is None or s > end:
            total += e - s
            end = e
        elif e > end:
            total += e - end
            end = e
    return total


def epoch_ms(text):
    """Epoch milliseconds of a timestamp as `c360 sql` prints it (no zone = UTC)."""
    t = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return (t if t.tzinfo else t.replace(tzinfo=timezone.utc)).timestamp() * 1000


def read_jobs(path):
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = {"job", "started_at", "ended_at"} - set(reader.fieldnames or [])
            if missing:
                sys.exit(f"{path}: missing the column(s) {', '.join(sorted(missing))}")
            rows = [r for r in reader if r["ended_at"]]
    except OSError as e:
        sys.exit(f"{path}: {e.strerror}")
    if not rows:
        sys.exit(f"{path}: no finished job (every ended_at is empty)")
    return sorted(((epoch_ms(r["started_at"]), epoch_ms(r["ended_at"]), r["job"]) for r in rows))


def commit_times(lake):
    """Epoch milliseconds of every Delta commit under the lake folder (commitInfo.timestamp)."""
    times = []
    for table in sorted(os.listdir(lake)):
        log = os.path.join(lake, table, "_delta_log")
        if not os.path.isdir(log):
            continue
        for name in os.listdir(log):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(log, name), encoding="utf-8") as f:
                for line in f:
                    info = json.loads(line).get("commitInfo")
                    if info:
                        times.append(info["timestamp"])
                        break
    return times


def per_job(windows, jobs, sql, stages, commits):
    print("\nby job:")
    print(f"  {'job':<16} {'wall s':>8} {'spark s':>8} {'task s':>8} {'cores':>6} {'SQL':>5} {'jobs':>5} "
          f"{'commits':>7}  slowest top-level SQL executions")
    totals = [0, 0, 0]
    for start, end, name in windows:
        wall = (end - start) / 1000
        busy = covered([(max(s, start), min(e, end)) for s, e in jobs.values() if e and s < end and e > start])
        task = sum(st["run"] for st in stages.values() if start <= st["submitted"] < end)
        slow = sorted(((e - s) / 1000, " ".join(d.split())[:48]) for s, e, d in sql.values()
                      if e and start <= s < end)[-3:]
        tops = "; ".join(f"{sec:.0f} s {d}" for sec, d in reversed(slow))
        counts = [sum(1 for s, _, _ in sql.values() if start <= s < end),
                  sum(1 for s, _ in jobs.values() if start <= s < end),
                  sum(1 for t in commits if start <= t <= end) if commits is not None else None]
        totals = [a + (b or 0) for a, b in zip(totals, counts)]
        made = "" if counts[2] is None else counts[2]
        print(f"  {name:<16} {wall:8.1f} {busy / 1000:8.1f} {task:8.1f} {task / max(wall, 0.001):6.2f} "
              f"{counts[0]:5d} {counts[1]:5d} {made:>7}  {tops}")
    made = "" if commits is None else totals[2]
    print(f"  {'all jobs':<16} {'':>8} {'':>8} {'':>8} {'':>6} {totals[0]:5d} {totals[1]:5d} {made:>7}")


def main(path, top, windows=None, commits=None):
    app = {}
    jobs, sql, stages = {}, {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                ev = json.loads(line)
            except ValueError:
                break
            kind = ev["Event"]
            if kind == "SparkListenerApplicationStart":
                app["start"] = ev["Timestamp"]
            elif kind == "SparkListenerApplicationEnd":
                app["end"] = ev["Timestamp"]
            elif kind == "SparkListenerJobStart":
                jobs[ev["Job ID"]] = [ev["Submission Time"], None]
            elif kind == "SparkListenerJobEnd":
                jobs[ev["Job ID"]][1] = ev["Completion Time"]
            elif kind.endswith("SparkListenerSQLExecutionStart"):
                if ev.get("rootExecutionId", ev["executionId"]) == ev["executionId"]:
                    sql[ev["executionId"]] = [ev["time"], None, ev.get("description", "")]
            elif kind.endswith("SparkListenerSQLExecutionEnd"):
                if ev["executionId"] in sql:
                    sql[ev["executionId"]][1] = ev["time"]
            elif kind == "SparkListenerStageCompleted":
                info = ev["Stage Info"]
                if "Completion Time" not in info or "Submission Time" not in info:
                    continue
                acc = {a.get("Name"): a.get("Value") for a in info.get("Accumulables", [])}
                stages[(info["Stage ID"], info["Stage Attempt ID"])] = {
                    "name": info["Stage Name"],
                    "seconds": (info["Completion Time"] - info["Submission Time"]) / 1000,
                    "submitted": info["Submission Time"],
                    "tasks": info["Number of Tasks"],
                    "run": int(acc.get("internal.metrics.executorRunTime", 0) or 0) / 1000,
                    "input_mb": int(acc.get("internal.metrics.input.bytesRead", 0) or 0) / 2**20,
                    "shuffle_read_mb": (int(acc.get("internal.metrics.shuffle.read.remoteBytesRead", 0) or 0)
                                        + int(acc.get("internal.metrics.shuffle.read.localBytesRead", 0) or 0))
                    / 2**20,
                    "shuffle_write_mb": int(acc.get("internal.metrics.shuffle.write.bytesWritten", 0) or 0) / 2**20,
                    "spill_mb": int(acc.get("internal.metrics.diskBytesSpilled", 0) or 0) / 2**20,
                }
    if "start" not in app:
        sys.exit(f"{path}: no application start event; not a Spark event log")
    last = max([e for _, e in jobs.values() if e] + [app["start"]])
    wall = max((app.get("end", last) - app["start"]) / 1000, 0.001)
    busy = covered([(s, e) for s, e in jobs.values() if e]) / 1000
    task = sum(s["run"] for s in stages.values())
    print(f"application {wall:.1f} s; Spark jobs running {busy:.1f} s ({100 * busy / wall:.0f}%); "
          f"driver only {wall - busy:.1f} s; {len(jobs)} jobs, {len(stages)} stages, "
          f"task run time {task:.1f} s ({task / wall:.2f} cores busy on average)")
    print(f"\nslowest top-level SQL executions (of {len(sql)}):")
    done = [(e - s) / 1000 for s, e, _ in sql.values() if e]
    print(f"  all executions together {sum(done):.1f} s")
    for s, e, d in sorted((v for v in sql.values() if v[1]), key=lambda v: v[0] - v[1])[:top]:
        print(f"  {(e - s) / 1000:8.1f} s  {' '.join(d.split())[:100]}")
    print("\nstages with the most task time:")
    print(f"  {'task s':>8} {'wall s':>8} {'tasks':>6} {'in MB':>8} {'shR MB':>8} {'shW MB':>8} {'spill':>7}  name")
    for st in sorted(stages.values(), key=lambda v: -v["run"])[:top]:
        print(f"  {st['run']:8.1f} {st['seconds']:8.1f} {st['tasks']:6d} {st['input_mb']:8.0f} "
              f"{st['shuffle_read_mb']:8.0f} {st['shuffle_write_mb']:8.0f} {st['spill_mb']:7.0f}  {st['name'][:60]}")
    if windows:
        per_job(windows, jobs, sql, stages, commits)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        sys.exit(__doc__)
    parser = argparse.ArgumentParser(usage=__doc__.replace("%", "%%"))
    parser.add_argument("event_log")
    parser.add_argument("top", nargs="?", type=int, default=15)
    parser.add_argument("--jobs")
    parser.add_argument("--lake")
    args = parser.parse_args()
    if args.lake and not args.jobs:
        sys.exit("--lake counts commits per job: give --jobs too")
    if args.lake and not os.path.isdir(args.lake):
        sys.exit(f"{args.lake}: not a folder")
    main(args.event_log, args.top, read_jobs(args.jobs) if args.jobs else None,
         commit_times(args.lake) if args.lake else None)
