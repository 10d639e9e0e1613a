"""Baseline for bench/catalogue.ts: order shipment cycle time, order fill rate and return rate
computed with pandas from the generated CSV extracts, load included.
    /usr/bin/python3 bench/pandas_kpis.py EXTRACTS_DIR   (Debian: apt-get install -y python3-pandas)
Prints one JSON object. The definitions match the hand-written DuckDB query in catalogue.ts."""
import json
import os
import sys
import time

import pandas as pd

folder = sys.argv[1]
start = time.perf_counter()
orders = pd.read_csv(
    os.path.join(folder, "orders.csv"),
    usecols=["order_id", "order_ts", "cancelled_ts", "status"],
    parse_dates=["order_ts", "cancelled_ts"],
)
lines = pd.read_csv(
    os.path.join(folder, "order_lines.csv"),
    usecols=["order_id", "line_no", "qty_ordered", "qty_cancelled"],
)
shipments = pd.read_csv(
    os.path.join(folder, "shipments.csv"),
    usecols=["order_id", "line_no", "qty_shipped", "ship_ts"],
    parse_dates=["ship_ts"],
)
returns = pd.read_csv(os.path.join(folder, "returns.csv"), usecols=["order_id"])
loaded = time.perf_counter()

ship = shipments.groupby("order_id")["ship_ts"].agg(["min", "max"])
shipped = shipments.groupby(["order_id", "line_no"], as_index=False)["qty_shipped"].sum()
per_line = lines.merge(shipped, on=["order_id", "line_no"], how="left")
per_line["complete"] = per_line["qty_shipped"].fillna(0) >= per_line["qty_ordered"] - per_line[
    "qty_cancelled"
].fillna(0)
complete = per_line.groupby("order_id")["complete"].all()
live = orders[orders["cancelled_ts"].isna() & (orders["status"].fillna("") != "cancelled")]
base = live.merge(ship, left_on="order_id", right_index=True, how="inner")
base = base.merge(complete.rename("complete"), left_on="order_id", right_index=True, how="left")
base["returned"] = base["order_id"].isin(returns["order_id"])
full = base[base["complete"].fillna(False).astype(bool)]
cycle_hours = ((full["max"] - full["order_ts"]).dt.total_seconds() / 3600).mean()
fill_rate = 100.0 * full.shape[0] / base.shape[0]
return_rate = 100.0 * base["returned"].sum() / base.shape[0]
done = time.perf_counter()

print(
    json.dumps(
        {
            "pandas": pd.__version__,
            "loadSeconds": round(loaded - start, 3),
            "computeSeconds": round(done - loaded, 3),
            "totalSeconds": round(done - start, 3),
            "values": {
                "cycleHours": round(float(cycle_hours), 4),
                "fillRate": round(float(fill_rate), 4),
                "returnRate": round(float(return_rate), 4),
            },
        }
    )
)
