"""p50/p99 of whole HTTP round trips on one keep-alive connection to a local CRM: the issue-16
search, a free-text query, a sort of every car, a list page and a GET (used by scale.sh and
replica_search.sh).  python3 benches/latency.py HOST:PORT RUNS"""
import http.client, json, sys, time
host, port = sys.argv[1].split(':'); runs = int(sys.argv[2])
c = http.client.HTTPConnection(host, int(port))
H = {"Authorization": "Bearer t", "Content-Type": "application/json"}
def call(method, path, body=None):
    c.request(method, path, body=json.dumps(body) if body else None, headers=H)
    r = c.getresponse(); data = r.read()
    if r.status != 200: sys.exit(f"{method} {path}: {r.status} {data[:300]!r}")
    return r.status, data
def wait_index():
    # The index loads in the background at start; the first search waits for it.
    t = time.perf_counter(); call("POST", "/crm/v3/objects/cars/search", {"limit": 1})
    return (time.perf_counter() - t) * 1000
def run(name, method, path, body=None):
    ts = []
    # Warm-up: each of the server's read connections has its own page cache to fill.
    for i in range(runs + WARM):
        t = time.perf_counter(); status, data = call(method, path, body)
        if i >= WARM: ts.append((time.perf_counter() - t) * 1000)
    ts.sort()
    total = json.loads(data).get("total", "") if method == "POST" else ""
    print(f"  {name:52s} p50 {ts[len(ts)//2]:7.2f} ms  p99 {ts[max(0, int(len(ts)*0.99)-1)]:7.2f} ms  {total}")
WARM = 20
def first_asks(words):
    # A `query`'s count is kept until the next commit, so the p50 above is of repeated asks
    # (as when paging); these are first asks, one word each, so nothing is kept yet.
    ts = []
    for w in words:
        t = time.perf_counter(); call("POST", "/crm/v3/objects/cars/search", {"query": w, "limit": 100, "properties": P})
        ts.append((time.perf_counter() - t) * 1000)
    return " ".join(f"{w} {x:.1f}" for w, x in zip(words, ts))
print(f"  first search (waits for the index to load)          {wait_index():7.0f} ms")
S = "/crm/v3/objects/cars/search"
F = [{"propertyName": "year", "operator": "GTE", "value": "2015"},
     {"propertyName": "price", "operator": "BETWEEN", "value": "20000", "highValue": "60000"},
     {"propertyName": "make", "operator": "NEQ", "value": "Ford"}]
P = ["make", "model", "price"]
run("search: 3 filters, sort price desc, limit 100", "POST", S,
    {"filterGroups": [{"filters": F}], "sorts": [{"propertyName": "price", "direction": "DESCENDING"}], "limit": 100, "properties": P})
run("search: query mazda, limit 100", "POST", S, {"query": "mazda", "limit": 100, "properties": P})
print(f"  search: first asks of a query, limit 100 (ms)      {first_asks(['toyota', 'ford', 'audi', 'honda', 'tesla'])}")
run("search: sort all by price, limit 100", "POST", S,
    {"sorts": [{"propertyName": "price", "direction": "ASCENDING"}], "limit": 100, "properties": P})
run("list: a page of 100 (after=…)", "GET", "/crm/v3/objects/cars?limit=100&after=10050000&properties=make,model,price")
run("GET one record", "GET", "/crm/v3/objects/cars/10000691?properties=make,model,price")
